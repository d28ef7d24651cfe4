"""A step of a declared workflow table: the action, the states it starts from, where it
leads, and who may take it. Each stateful model's app declares its own table of these.

`target` None means the action records something without changing the state; an action
with `alternatives` may end in one of those instead."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str | None
    actors: frozenset[str]
    alternatives: frozenset[str] = frozenset()

    def allows(self, state: str) -> bool:
        return state in (self.target, *self.alternatives)


def transition(action, label, sources, target, *actors, alt=()) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(actors), frozenset(alt))
