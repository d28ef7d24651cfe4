"""Shared test personas: one small committee with every role, built through the services.

Like healthchecks' alice/bob/charlie: staff, chair, member, another member, a handling
unit, an unrelated unit, the three administrators, and a second committee to prove
isolation.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from operator import attrgetter
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from docx import Document
from openpyxl import load_workbook

from zhengxie.core import roles
from zhengxie.core.http import DOCX, XLSX
from zhengxie.core.models import Session, Term
from zhengxie.core.services import api_token_issue, committee_create, user_create
from zhengxie.members import services as members

PASSWORD = "test-password-1"


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Still argon2, at a cost that keeps the suite quick."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


def suite_settings(anchor_path: Path) -> dict:
    """The settings every test runs with (conftest applies them per test; a fixture that
    writes data for a whole module or package applies them around its writes)."""
    return {
        "AUDIT_ANCHOR_PATH": anchor_path,
        "PASSWORD_HASHERS": ["zhengxie.testing.FastArgon2PasswordHasher"],
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The manifest storage needs `collectstatic` first; pages under test link unhashed
        # names and WhiteNoise has no collected folder to serve. test_serve runs the real thing.
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "STATIC_ROOT": None,
    }


def _person(name: str, phone: str, id_number: str, **extra) -> dict:
    return {
        "name": name,
        "gender": "男",
        "party": "群众",
        "employer_title": f"{name}的单位",
        "phone": phone,
        "id_number": id_number,
        **extra,
    }


def build_committee(name: str = "测试县政协", prefix: str = "") -> SimpleNamespace:
    committee = committee_create(actor=None, name=name, full_name=f"中国人民政治协商会议{name}")
    term = Term.objects.create(
        committee=committee, number=10, start_date=date(2022, 1, 10), is_current=True
    )
    sessions = [
        Session.objects.create(
            term=term, number=n, start_date=date(2021 + n, 1, 10), end_date=date(2021 + n, 1, 13)
        )
        for n in (1, 2, 3)
    ]
    economy = members.sector_create(actor=None, committee=committee, name="经济界")
    education = members.sector_create(actor=None, committee=committee, name="教育界")
    unit = members.handling_unit_create(actor=None, committee=committee, name="县教育局")
    other_unit = members.handling_unit_create(actor=None, committee=committee, name="县水利局")
    special = members.special_committee_create(
        actor=None, committee=committee, name="提案委员会", paired_units=[unit]
    )
    station = members.liaison_station_create(
        actor=None, committee=committee, name="城关镇政协委员联络工作站", township="城关镇"
    )

    def member(person, sector, username, **membership):
        created = members.member_create(
            actor=None, committee=committee, term=term, sector=sector, **membership, **person
        )
        members.member_grant_login(
            actor=None, membership=created, username=prefix + username, password=PASSWORD
        )
        created.member.refresh_from_db()
        return created

    chair = member(
        _person("张主席", "13800000001", "11010519491231002X"),
        economy,
        "chair",
        post="chair",
        standing=True,
    )
    standing = member(
        _person("王常委", "13800000002", "110105196001010017"),
        economy,
        "standing",
        standing=True,
        special_committees=[special],
    )
    plain = member(
        _person("李委员", "13800000003", "110105197001010011"), education, "member", station=station
    )
    another = member(_person("丁委员", "13800000004", "110105198001010016"), education, "another")
    members.liaison_set(actor=None, contact=chair, member=standing)
    members.liaison_set(actor=None, contact=standing, member=plain)
    members.liaison_set(actor=None, contact=standing, member=another)

    def account(username, role):
        return user_create(
            actor=None,
            username=prefix + username,
            password=PASSWORD,
            committee=committee,
            display_name=username,
            role_names=[role],
        )

    unit_user = members.unit_account_create(
        actor=None,
        unit=unit,
        username=prefix + "unit",
        password=PASSWORD,
        display_name="教育局经办",
        is_approver=True,
    ).user
    other_unit_user = members.unit_account_create(
        actor=None,
        unit=other_unit,
        username=prefix + "otherunit",
        password=PASSWORD,
        display_name="水利局经办",
    ).user
    return SimpleNamespace(
        committee=committee,
        term=term,
        sessions=sessions,
        economy=economy,
        education=education,
        unit=unit,
        other_unit=other_unit,
        special=special,
        station=station,
        chair=chair,
        standing=standing,
        plain=plain,
        another=another,
        staff=account("staff", roles.STAFF),
        sysadmin=account("sysadmin", roles.SYSTEM_ADMIN),
        security=account("security", roles.SECURITY_ADMIN),
        auditor=account("auditor", roles.AUDITOR),
        unit_user=unit_user,
        other_unit_user=other_unit_user,
    )


def page_read(client, url: str) -> str:
    """The page at `url` as `client` reads it; any answer but 200 fails right here."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def api_read(client, url: str) -> dict:
    """The endpoint's JSON as `client` reads it; any answer but 200 fails right here."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def read_as(client, user, page: str, endpoint: str) -> str:
    """What `user` reads of one record on its page and from its endpoint, as one text (both
    must answer 200): for checking that a part stays out of both."""
    client.force_login(user)
    headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
    shown, answered = client.get(page), client.get(endpoint, headers=headers)
    assert (shown.status_code, answered.status_code) == (200, 200)
    return shown.content.decode() + answered.content.decode()


def ids_on_page(client, path: str, **params) -> list[int]:
    """The records the list page at `path` links to (`path<pk>/`), sorted."""
    html = client.get(path, params).content.decode()
    return sorted({int(pk) for pk in re.findall(rf'href="{re.escape(path)}(\d+)/"', html)})


def ids_in_api(call, path: str, **params) -> list[int]:
    """The records the list endpoint at `path` answers, sorted."""
    return sorted(r["id"] for r in call("get", path, params).json()["items"])


ROW = "列表行"  # what pinned rows are named with, so a pin can see they are listed


@dataclass(frozen=True)
class ListPin:
    """A list page or endpoint whose query count must not grow with its rows: `rows(p, numbers)`
    adds rows the persona sees (named with `ROW` and the number where a name is free to choose),
    `marker` is text each listed row shows, `queries` the exact count for a few rows and many."""

    url: str  # may name the personas' objects: "/public/{p.committee.pk}/proposals/"
    persona: str  # attribute path on the personas, e.g. "plain.member.user"; "" is the public
    rows: Callable[[SimpleNamespace, range], object]
    queries: int
    marker: str | Callable[[object], int] = ROW
    api: bool = False

    def __str__(self) -> str:
        return f"{'api ' if self.api else ''}{self.url} as {self.persona or 'public'}"

    def fetcher(self, p: SimpleNamespace, client) -> Callable:
        def url():  # read at each load: a row factory may name the object, e.g. p.meeting
            return self.url.format(p=p)

        if not self.persona:
            return lambda: client.get(url())
        user = attrgetter(self.persona)(p)
        if not self.api:
            client.force_login(user)
            return lambda: client.get(url())
        headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
        return lambda: client.get(url(), headers=headers)

    def listed(self, response) -> int:
        """How often the marker shows: in the page, the JSON or the cells of an XLSX export;
        an endpoint that answers counts names its own reading."""
        if callable(self.marker):
            return self.marker(response)
        if response["Content-Type"] == DOCX:
            document = Document(BytesIO(response.content))
            cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
            return sum(
                text.count(self.marker) for text in [p.text for p in document.paragraphs] + cells
            )
        if response["Content-Type"] != XLSX:
            return response.content.decode().count(self.marker)
        sheets = load_workbook(BytesIO(response.content), read_only=True).worksheets
        cells = (
            cell for sheet in sheets for row in sheet.iter_rows(values_only=True) for cell in row
        )
        return sum(self.marker in str(cell) for cell in cells if cell is not None)


def assert_list_queries_pinned(pin: ListPin, p, client, assert_num_queries, few=3, many=12):
    """Loads the list with `few` rows and with `many`: the same exact count both times, so an
    N+1 fails the second load, and the rows are listed, so the pin cannot hold vacuously."""
    fetch = pin.fetcher(p, client)
    pin.rows(p, range(few))
    fetch()  # the first request fills per-process caches (content types) no later one pays
    for before, total in ((few, few), (few, many)):
        pin.rows(p, range(before, total))
        with assert_num_queries(pin.queries):
            response = fetch()
        assert response.status_code == 200, response.content[:300]
        assert pin.listed(response) >= total


def counter(label: str) -> Callable[[object], int]:
    """Reads a home-page counter, for pinning the home page: its rows are counts."""

    def value(response) -> int:
        rows = (row for panel in response.context["panels"] for row in panel.rows)
        return next(int(row.value) for row in rows if row.label == label)

    return value


# Statistics pages answer counts, not rows: a pin reads the count its rows must have raised.
def counted_on_page(pattern: str) -> Callable:
    return lambda response: int(re.search(pattern, response.content.decode()).group(1))


def counted_in_sheet(label: str) -> Callable:
    def count(response) -> int:
        sheet = load_workbook(BytesIO(response.content), read_only=True).active
        return next(row[1] for row in sheet.iter_rows(values_only=True) if row[0] == label)

    return count


def counted_in_json(key: str) -> Callable:
    return lambda response: response.json()[key]
