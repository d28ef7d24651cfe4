"""The one workflow engine. Each stateful model's app declares its table once (in its
`workflow.py`): every action, the states it starts from, where it leads, who may take it, the
rules beyond state and actor (guards) and the audit action it writes. Services lock and check
with `begin`, move and record with `finish`; pages and the API offer what `offered` returns;
a test per app checks the table against its actions with `problems`.

`target` None means the action records something without changing the state; an action
with `alternatives` may end in one of those instead."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .audit import audit_log
from .errors import Problem, ServiceError
from .services.notifications import notify


@dataclass(frozen=True)
class Guard:
    """A rule beyond state and actor: `test(obj)` false refuses the action with `problem`,
    and the action is not offered."""

    test: Callable[[object], bool]
    problem: Problem


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str | None
    # In declared order, not a set: may_act stops at the first actor who matches, and a set's
    # order changes with the process's hash seed, so would the queries a page makes.
    actors: tuple[str, ...]
    audit: str
    alternatives: frozenset[str] = frozenset()
    guards: tuple[Guard, ...] = ()

    def allows(self, state: str) -> bool:
        return state in (self.target, *self.alternatives)


def t(action, label, sources, target, *actors, audit: str, alt=(), guards=()) -> Transition:
    return Transition(
        action,
        label,
        frozenset(sources),
        target,
        tuple(dict.fromkeys(actors)),
        audit,
        frozenset(alt),
        tuple(guards),
    )


Actor = Callable[[object, object], bool]
# Why an actor is refused: a fixed Problem, or one chosen for the actor, object and step
# (the four-eyes rule of 社情民意 names its own refusal).
Forbidden = Problem | Callable[[object, object, Transition], Problem]


def timeline_row(step_model, actor, obj, action: str, *, before: str, now, note: str, **fields):
    """A step's entry on `obj`'s timeline (a `record` writes it with its app's own fields,
    such as the audience); a step no user took (a scheduled job) is by "系统"."""
    return step_model.objects.create(
        at=now,
        actor=actor,
        actor_label=str(actor) if actor else "系统",
        action=action,
        state_before=before,
        state_after=obj.state,
        note=note,
        **fields,
    )


class Workflow:
    def __init__(
        self,
        *,
        name: str,
        model,
        noun: str,
        actors: Mapping[str, Actor],
        forbidden: Forbidden,
        wrong_state: Problem,
        transitions: Iterable[Transition],
        link: Callable[[object], str],
        summary: Callable[[object], str],
        record: Callable[..., None] | None = None,
    ):
        self.name = name
        self.model = model
        self.noun = noun
        self.actors = actors
        self.forbidden = forbidden
        self.wrong_state = wrong_state
        self.transitions: dict[str, Transition] = {tr.action: tr for tr in transitions}
        self.link = link
        self.summary = summary
        self.record = record

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def __contains__(self, action: str) -> bool:
        return action in self.transitions

    def may_act(self, user, obj, actors: Iterable[str]) -> bool:
        return user.is_authenticated and any(self.actors[name](user, obj) for name in actors)

    def _refusal(self, user, obj, transition: Transition) -> tuple[Problem, str | None] | None:
        if not self.may_act(user, obj, transition.actors):
            forbidden = self.forbidden
            problem = (
                forbidden if isinstance(forbidden, Problem) else forbidden(user, obj, transition)
            )
            return problem, None
        if obj.state not in transition.sources:
            detail = f"{self.noun}当前状态为“{obj.get_state_display()}”,不能{transition.label}。"
            return self.wrong_state, detail
        for guard in transition.guards:
            if not guard.test(obj):
                return guard.problem, None
        return None

    def begin(self, actor, obj, action: str):
        """Lock the row and check actor, state and guards of `action`; returns the locked
        row and the transition. Call inside `transaction.atomic()`."""
        transition = self.transitions[action]
        # Two people acting on one object at once: the second waits, then sees the state
        # the first left, so a step is never taken twice or from a state already left.
        locked = self.model.objects.select_for_update().get(pk=obj.pk)
        refusal = self._refusal(actor, locked, transition)
        if refusal:
            raise ServiceError(*refusal)
        return locked, transition

    def finish(
        self,
        actor,
        obj,
        transition: Transition,
        *,
        now: datetime,
        fields: tuple[str, ...] = (),
        target: str | None = None,
        note: str = "",
        audit: dict | None = None,
        **record,
    ):
        """Move to the transition's target (or an allowed alternative), save `fields`, write
        the timeline step (`record`, with its own keywords such as the audience) and the
        transition's audit event."""
        before = obj.state
        target = target or transition.target
        if target is not None:
            if not transition.allows(target):
                raise ValueError(f"{transition.action} cannot lead to {target}")
            obj.state = target
        if fields or target is not None:
            obj.save(update_fields=[*fields, "state"])
        return self.log(
            actor,
            obj,
            transition.action,
            audit_action=transition.audit,
            now=now,
            before=before,
            note=note,
            audit=audit,
            **record,
        )

    def log(
        self,
        actor,
        obj,
        action: str,
        *,
        audit_action: str,
        now: datetime,
        before: str,
        note: str = "",
        audit: dict | None = None,
        **record,
    ):
        """The timeline step and audit event of something that happened to `obj` outside
        its own steps (it arrived, another item was merged into it, a parent committee
        adopted its copy): no check and no move. `audit_action` is the app's declared name."""
        if self.record:
            self.record(actor, obj, action, before=before, now=now, note=note, **record)
        audit_log(
            actor=actor,
            action=audit_action,
            target=obj,
            committee=obj.committee,
            before={"state": before},
            after={"state": obj.state, **(audit or {})},
            now=now,
        )
        return obj

    def offered(self, user, obj) -> list[Transition]:
        """The actions `user` can take now: exactly those `begin` would not refuse."""
        return [tr for tr in self.transitions.values() if self._refusal(user, obj, tr) is None]

    def available(self, user, obj, fields: Callable[[str, object], list]) -> list[dict]:
        """The offered actions as the page's action forms draw them."""
        return [
            {"name": tr.action, "label": tr.label, "fields": fields(tr.action, obj)}
            for tr in self.offered(user, obj)
        ]

    def tell(self, users, obj, title: str, body: str = "") -> None:
        notify(recipients=users, title=title, body=body or self.summary(obj), link=self.link(obj))


def problems(workflow: Workflow, actions: Mapping[str, tuple]) -> list[str]:
    """What a workflow declares without the means to run it: a transition with no action
    schema and service in the app's ACTIONS table, an actor name nobody resolves, an audit
    action without a Chinese label, a guard without a Problem."""
    from .auditlabels import ACTIONS as AUDIT_LABELS

    found = []
    for tr in workflow.transitions.values():
        entry = actions.get(tr.action)
        if not (isinstance(entry, tuple) and len(entry) == 2 and all(entry)):
            found.append(f"{tr.action}: no action schema and service")
        found += [f"{tr.action}: unknown actor {a}" for a in tr.actors if a not in workflow.actors]
        if tr.audit not in AUDIT_LABELS:
            found.append(f"{tr.action}: audit action {tr.audit!r} has no label")
        found += [
            f"{tr.action}: guard without a Problem"
            for g in tr.guards
            if not isinstance(g.problem, Problem)
        ]
    return found
