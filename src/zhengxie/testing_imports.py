"""What an app's modules import, read from their source (tests and migrations aside): the apps'
dependencies run one way, and each app's test_dependencies.py says which (opinions import
nothing of proposals, consultations nothing of fieldwork)."""

import ast
from pathlib import Path
from types import ModuleType


def apps_except(*names: str) -> list[str]:
    """The project's apps (each a package with an apps.py) but `names`."""
    root = Path(__file__).parent
    return sorted(p.parent.name for p in root.glob("*/apps.py") if p.parent.name not in names)


def imported_modules(package: Path, path: Path) -> set[str]:
    """Absolute names of everything `path`, a module of the app at `package`, imports,
    relative imports resolved."""
    here = ["zhengxie", package.name, *path.relative_to(package).parent.parts]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1]
            module = ".".join(base if node.level else []) + (
                ("." if node.level and node.module else "") + (node.module or "")
            )
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def app_modules(package: Path) -> list[Path]:
    return [
        path
        for path in package.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(package).parts)
    ]


def imports_of(app: ModuleType, other: str) -> dict[str, list[str]]:
    """Each module of `app` that imports something of the app `other`, with what it imports."""
    package = Path(app.__file__).parent
    prefix = f"zhengxie.{other}"
    found = {
        str(path.relative_to(package)): sorted(
            name
            for name in imported_modules(package, path)
            if name == prefix or name.startswith(f"{prefix}.")
        )
        for path in app_modules(package)
    }
    return {path: names for path, names in found.items() if names}
