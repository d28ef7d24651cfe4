"""Proposals may hand a declined proposal to opinions (`opinion_from_proposal`); opinions
never import proposals, so the two apps depend on each other one way only."""

from pathlib import Path

import zhengxie.opinions
from zhengxie.testing_imports import imported_modules, imports_of

PACKAGE = Path(zhengxie.opinions.__file__).parent


def test_opinions_import_nothing_from_proposals():
    assert imports_of(zhengxie.opinions, "proposals") == {}


def test_the_dependency_check_sees_the_modules_it_walks():
    # The walk above finds nothing to complain of only if it actually reads the app.
    assert "zhengxie.members.permissions" in imported_modules(PACKAGE, PACKAGE / "permissions.py")
    # Relative imports resolve too: "from ...proposals import x" in services/ is caught.
    items = PACKAGE / "services" / "items.py"
    assert "zhengxie.opinions.models" in imported_modules(PACKAGE, items)
    assert imports_of(zhengxie.opinions, "members")
