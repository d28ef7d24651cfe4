"""Home-page panels and navigation: each app registers what needs a user's attention
and the pages it offers.

Like the statistics registry, this keeps the home page from importing every app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse


@dataclass
class PanelRow:
    label: str
    value: str | int = ""
    link: str = ""
    alert: bool = False


def list_counter(label: str, rows: QuerySet, page: str, name: str, alert: bool = True) -> PanelRow:
    """A counter whose link opens exactly the rows it counts: the list `page` under
    `?filter=name`, the app's named list that `rows` is. `alert` marks it while any remain."""
    count = rows.count()
    return PanelRow(label, count, f"{reverse(page)}?filter={name}", alert=alert and count > 0)


@dataclass
class Panel:
    title: str
    rows: list[PanelRow] = field(default_factory=list)
    note: str = ""
    order: int = 50


PanelProvider = Callable[[object], list[Panel]]
_providers: list[PanelProvider] = []


def register_home_panels(provider: PanelProvider) -> PanelProvider:
    _providers.append(provider)
    return provider


def home_panels(user) -> list[Panel]:
    panels = [panel for provider in _providers for panel in provider(user)]
    return sorted(panels, key=lambda panel: panel.order)


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable[[object], bool]
    order: int = 50
    group: str = ""  # the domain menu it sits in (委员, 提案, …); "" stands alone


_nav: list[NavItem] = []


def register_nav(
    label: str,
    url_name: str,
    allowed: Callable[[object], bool],
    order: int = 50,
    group: str = "",
):
    _nav.append(NavItem(label, url_name, allowed, order, group))


def nav_items(user) -> list[NavItem]:
    return sorted((item for item in _nav if item.allowed(user)), key=lambda item: item.order)


def nav_groups(user) -> list[tuple[str, list[NavItem]]]:
    """The user's pages by domain, in the order of each domain's first page; an item without
    a group is a group of its own."""
    groups: dict[str, list[NavItem]] = {}
    for item in nav_items(user):
        groups.setdefault(item.group or item.label, []).append(item)
    return list(groups.items())
