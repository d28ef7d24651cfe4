"""Committees and their setup. A committee starts with every app's defaults (the usual
opinion categories and bulletins, the handling rules of proposals and opinions), created
once, here, under one audit row, so that no page creates them on its first view."""

from collections.abc import Callable

from django.db import transaction

from ..audit import audit_log
from ..models import Committee, User

CREATE = "committee.create"
SETUP = "committee.setup"

# Each app's step creates what of its defaults the committee lacks and says what it created
# (for the audit row); registered in the app's AppConfig.ready().
SetupStep = Callable[[Committee], dict[str, object]]
_SETUP_STEPS: dict[str, SetupStep] = {}


def committee_setup_register(step: SetupStep) -> None:
    _SETUP_STEPS[f"{step.__module__}.{step.__qualname__}"] = step


def committee_create(
    *,
    actor: User | None,
    name: str,
    full_name: str,
    level: str = Committee.Level.COUNTY,
    parent: Committee | None = None,
) -> Committee:
    # Not durable: the demo loader creates its two committees inside its one transaction.
    with transaction.atomic():
        committee = Committee.objects.create(
            name=name, full_name=full_name, level=level, parent=parent
        )
        audit_log(
            actor=actor,
            action=CREATE,
            target=committee,
            committee=committee,
            after={"name": name, "full_name": full_name, "level": level, "parent": parent},
        )
        committee_setup(actor=actor, committee=committee)
    return committee


def committee_setup(*, actor: User | None, committee: Committee) -> dict[str, object]:
    """Create every app's missing defaults; safe to run again (each step creates only what
    is absent, and nothing created means no audit row)."""
    # Not durable: committee_create runs it in its own transaction.
    with transaction.atomic():
        # Two setups of one committee at once would both find the defaults missing.
        Committee.objects.select_for_update().get(pk=committee.pk)
        created: dict[str, object] = {}
        for step in _SETUP_STEPS.values():
            created.update(step(committee))
        if created:
            audit_log(
                actor=actor, action=SETUP, target=committee, committee=committee, after=created
            )
    return created
