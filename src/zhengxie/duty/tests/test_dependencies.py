"""Every app feeds the duty ledger and says how its records' sources read (duty.sources), so
duty imports no other domain app: core, members and lib only."""

import zhengxie.duty
import zhengxie.proposals
from zhengxie.testing_imports import apps_except, imports_of

OTHERS = apps_except("core", "lib", "members", "duty")


def test_duty_imports_no_app_but_core_members_and_lib():
    found = {app: names for app in OTHERS if (names := imports_of(zhengxie.duty, app))}
    assert found == {}


def test_the_dependency_walk_sees_the_apps_feeding_duty():
    # The walk finds proposals' imports of duty: it would find duty's of proposals too.
    assert "proposals" in OTHERS and imports_of(zhengxie.proposals, "duty")
