"""Action forms drawn from an action's payload schema, so a page offers exactly the fields
the API takes. Each app names its fields' labels and widgets and supplies the choices."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Schema
from pydantic import ValidationError

from . import errors
from .errors import ServiceError
from .http import attempt
from .inputs import InSchema, describe_error


class Empty(InSchema):
    pass


class Reason(InSchema):
    reason: str


def in_committee(actor, model, pk):
    """The `model` row `pk` of the actor's committee, or None for no id; another committee's
    id is a 404, as if it did not exist. For a choice the actor picks from the committee's
    lists (a category, a unit, a sector); a record the actor reads goes through its
    `…_for_user` getter instead."""
    if pk is None:
        return None
    return get_object_or_404(model, pk=pk, committee_id=actor.committee_id)


def all_picked(rows, pks) -> list:
    """The rows of `rows` (what the actor may pick from: the committee's members, its
    proposals…) for the ids picked, each once; an id not among them is a 404, as
    `in_committee`'s."""
    wanted = set(pks)
    found = list(rows.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise Http404
    return found


@dataclass
class ActionField:
    name: str
    label: str
    widget: str
    choices: list[tuple[str, str]] = field(default_factory=list)
    required: bool = True
    # What the box starts with: the current text where the action revises it.
    initial: str = ""
    # The field drawn by a widget of its own (a searchable picker), instead of by its kind.
    html: str = ""


Labels = dict[str, tuple[str, str]]


def _keyed(schema: type[Schema], labels: Labels):
    for name, info in schema.model_fields.items():
        key = info.alias or name
        yield key, info, labels.get(key) or (info.title or key, _widget(info.annotation))


def _widget(annotation) -> str:
    """A field the app has not labelled (a new action's own field, labelled by its schema's
    `Field(title=…)`) is drawn by its type."""
    kinds = set(getattr(annotation, "__args__", ())) | {annotation}
    return "date" if date in kinds else "checkbox" if bool in kinds else "text"


def _ticked(info) -> str:
    """A box whose schema defaults to False starts unticked (主要领导批示 is the exception a
    clerk ticks, not the rule a clerk must remember to untick); any other box starts ticked."""
    return "" if info.default is False else "on"


def schema_fields(
    schema: type[Schema], labels: Labels, choices: Callable[[str], list[tuple[str, str]]]
) -> list[ActionField]:
    return [
        ActionField(
            key,
            label,
            widget,
            [(str(k), str(v)) for k, v in choices(key)] if widget in ("select", "multiple") else [],
            info.is_required(),
            _ticked(info) if widget == "checkbox" else "",
        )
        for key, info, (label, widget) in _keyed(schema, labels)
    ]


def schema_payload(schema: type[Schema], labels: Labels, post) -> dict:
    """The POSTed fields of an action form as the API payload; blanks fall to defaults."""
    payload = {}
    for key, _, (_, widget) in _keyed(schema, labels):
        if widget == "multiple":
            payload[key] = [v for v in post.getlist(key) if v]
        elif widget == "checkbox":
            payload[key] = post.get(key) == "on"
        elif post.get(key, "").strip():
            payload[key] = post[key].strip()
    return payload


def parse_payload(schema: type[Schema], payload: dict) -> Schema:
    """An action's payload checked against its schema; a bad one is a Chinese 400."""
    try:
        return schema.model_validate(payload)
    except ValidationError as exc:
        fields = "、".join(dict.fromkeys(p for p in map(describe_error, exc.errors()) if p))
        raise ServiceError(errors.BAD_INPUT, f"提交的内容有误,请检查:{fields or '格式'}") from exc


def run_action(actions: dict, actor, target, action: str, payload: dict | None = None):
    """Run `action` of an app's action table (name → (schema, service call)) on `target`;
    returns what the service returns. An action the table lacks is a 404."""
    if action not in actions:
        raise Http404
    schema, run = actions[action]
    return run(actor, target, parse_payload(schema, payload or {}))


def act_from_page(
    request, workflow, actions: dict, target, action: str, read_post, success: str = "已{label}。"
) -> bool:
    """A page's action button on `target`: the posted fields, read by the app's `read_post`,
    are the action's payload, and the user is told how it went (`success` with the action's
    `{label}`). An action the workflow does not know is a 404, like one the table lacks."""
    if action not in workflow:
        raise Http404
    payload = read_post(action, request.POST)
    return attempt(
        request,
        lambda: run_action(actions, request.user, target, action, payload),
        success.format(label=workflow[action].label),
    )
