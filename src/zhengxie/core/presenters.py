"""The audit trail as a person reads it: the action's label, the object with its page, and
the recorded fields in words — names for ids, labels for codes, Chinese dates. Ids are
resolved with one query per kind of related object on the whole page, not one per row."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse

from zhengxie.lib.dates import cn_date, cn_datetime

from .auditlabels import FIELDS, OBJECTS, REFERENCES, VALUES, action_label
from .models import AuditEvent

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMPTY = "空"


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: the event records no value before
    after: str | None  # None: recorded only before (the context of the step)


@dataclass(frozen=True)
class EventView:
    event: AuditEvent
    label: str
    object_kind: str
    link: str
    changes: list[Change]


def _model(object_type: str):
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return next((f for f in model._meta.concrete_fields if f.attname == key), None)
    # A reverse relation's name (e.g. a meeting's "items") says nothing about the value.
    return None if field.auto_created and not field.concrete else field


def _related(object_type: str, field, key: str):
    """The model whose ids the recorded key holds, if it holds ids."""
    if field is not None and field.is_relation:
        return field.related_model
    reference = REFERENCES.get((object_type, key))
    return apps.get_model(reference) if reference else None


def _as_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _recorded(event: AuditEvent):
    for data in (event.before, event.after):
        if isinstance(data, dict):
            yield from data.items()


class _Names:
    """The names of every related object the page's events mention by id."""

    def __init__(self, events: list[AuditEvent]):
        wanted: dict = defaultdict(set)
        for event in events:
            model = _model(event.object_type)
            for key, value in _recorded(event):
                related = _related(event.object_type, _field(model, key), key)
                if related is None:
                    continue
                for item in value if isinstance(value, list) else [value]:
                    if (pk := _as_id(item)) is not None:
                        wanted[related].add(pk)
        self.names = {
            (related, pk): str(obj)
            for related, pks in wanted.items()
            for pk, obj in related._base_manager.in_bulk(pks).items()
        }

    def of(self, related, value) -> str:
        """The object's name; a value that is no id (an older event recorded a name) as is."""
        pk = _as_id(value)
        return str(value) if pk is None else self.names.get((related, pk), f"编号{value}")


def _field_label(field, key: str) -> str:
    if field is not None and str(field.verbose_name) != field.name.replace("_", " "):
        return str(field.verbose_name)
    return FIELDS.get(key, FIELDS.get(key.removesuffix("_id"), key))


def _plain(value) -> str:
    if isinstance(value, str) and ISO_DATE.match(value):
        return cn_date(date.fromisoformat(value))
    return str(value)


def _dated(value, field) -> str:
    try:
        if isinstance(field, models.DateTimeField):
            return cn_datetime(datetime.fromisoformat(value))
        return cn_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def _text(value, field, names: _Names, related=None) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_text(item, field, names, related) for item in value)
    if isinstance(value, dict):
        return ";".join(
            f"{_field_label(None, k)}:{_text(v, None, names)}" for k, v in value.items()
        )
    if related is not None:
        return names.of(related, value)
    if field is None:
        return _plain(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField):
        return _dated(value, field)
    return _plain(value)


def _changes(event: AuditEvent, names: _Names) -> list[Change]:
    model = _model(event.object_type)
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    changes = []
    for key in [*before, *(k for k in after if k not in before)]:
        field = _field(model, key)
        related = _related(event.object_type, field, key)
        render = VALUES.get((event.object_type, key))

        def shown(data, key=key, field=field, related=related, render=render):
            if key not in data:
                return None
            try:
                return render(data[key]) if render else _text(data[key], field, names, related)
            except Exception:  # a reading must never cost the auditor the page: show it raw
                return str(data[key])

        changes.append(Change(_field_label(field, key), shown(before), shown(after)))
    return changes


def _link(event: AuditEvent) -> str:
    kind = OBJECTS.get(event.object_type)
    if kind is None or not kind.url_name or not event.object_id.isdigit():
        return ""
    try:
        return reverse(kind.url_name, args=[int(event.object_id)])
    except NoReverseMatch:
        return ""


def present_events(events) -> list[EventView]:
    events = list(events)
    names = _Names(events)
    return [
        EventView(
            event=event,
            label=action_label(event.action),
            object_kind=OBJECTS[event.object_type].label if event.object_type in OBJECTS else "",
            link=_link(event),
            changes=_changes(event, names),
        )
        for event in events
    ]


def summary(view: EventView) -> str:
    """One line of the changes, for the export."""
    parts = []
    for change in view.changes:
        if change.before is None:
            parts.append(f"{change.label}:{change.after}")
        elif change.after is None:
            parts.append(f"{change.label}:{change.before}")
        else:
            parts.append(f"{change.label}:{change.before} → {change.after}")
    return ";".join(parts)
