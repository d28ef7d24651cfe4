"""Proposals may hand a declined proposal to opinions (`opinion_from_proposal`); opinions
never import proposals, so the two apps depend on each other one way only."""

import ast
from pathlib import Path

import zhengxie.opinions

PACKAGE = Path(zhengxie.opinions.__file__).parent


def _package_of(path: Path) -> list[str]:
    return ["zhengxie", "opinions", *path.relative_to(PACKAGE).parent.parts]


def _imported_modules(path: Path) -> set[str]:
    """Absolute names of everything `path` imports, relative imports resolved."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _package_of(path)[: len(_package_of(path)) - node.level + 1]
            module = ".".join(base if node.level else []) + (
                ("." if node.level and node.module else "") + (node.module or "")
            )
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _app_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
    ]


def test_opinions_import_nothing_from_proposals():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            name for name in _imported_modules(path) if name.startswith("zhengxie.proposals")
        )
        for path in _app_modules()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_dependency_check_sees_the_modules_it_walks():
    # The walk above finds nothing to complain of only if it actually reads the app.
    assert "zhengxie.members.permissions" in _imported_modules(PACKAGE / "permissions.py")
    # Relative imports resolve too: "from ...proposals import x" in services/ is caught.
    assert "zhengxie.opinions.models" in _imported_modules(PACKAGE / "services" / "items.py")
