import copy
import os
from types import SimpleNamespace

import hypothesis
import pytest
from django.db import transaction
from django.test import override_settings

from zhengxie.core import roles
from zhengxie.core.services import user_create
from zhengxie.testing import PASSWORD, build_committee, suite_settings

# The two halves of `make test` share two cores: Hypothesis's timing checks (a slow draw, an
# example past its deadline) measure the machine's load, not the code, and failed the suite.
hypothesis.settings.register_profile(
    "suite", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _fast_and_immediate(settings, tmp_path):
    for name, value in suite_settings(tmp_path / "audit_anchor.log").items():
        setattr(settings, name, value)


# Building a committee's personas is ~380 queries through the services, and most of the suite's
# ~1,900 tests start from one: built per test it was the suite's largest cost on both
# databases. So the personas a test asks for are built once and kept in an open transaction
# (the way TestCase.setUpTestData keeps its data) for the following tests of the same module
# that ask for the same ones; each test runs in a savepoint on top and gets its own deep copy
# of the objects. Tests that ask for none run with the base rolled back, and transactional
# tests (which flush the database) always build their own.
PERSONAS = {
    "p": lambda: build_committee(),
    "other": lambda: build_committee("邻县政协", prefix="o_"),
}


class _Base:
    """The one open transaction holding the personas of the tests now running."""

    def __init__(self):
        self.key, self.atomic, self.data, self.parent, self.next_item = (), None, {}, None, None

    def enter(self, key: tuple, parent, blocker, anchor) -> None:
        if key == self.key and parent is self.parent:
            return
        self.leave(blocker)
        if not key:
            return
        self.atomic = transaction.atomic()
        with blocker.unblock(), override_settings(**suite_settings(anchor)):
            self.atomic.__enter__()
            self.data = {name: PERSONAS[name]() for name in key}
        self.key, self.parent = key, parent

    def leave(self, blocker) -> None:
        if self.atomic is not None:
            with blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
        self.key, self.atomic, self.data, self.parent = (), None, {}, None

    def kept_for(self, item) -> bool:
        """Whether the next test may run on the base: same module or class, since a fixture of
        wider scope that opens its own transaction (the demo's) must nest outside the base."""
        return item is not None and item.parent is self.parent and _key(item) == self.key


_BASE = _Base()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    )
    return bool(marked) or bool({"transactional_db", "live_server"} & set(item.fixturenames))


def _key(item) -> tuple:
    return () if _transactional(item) else tuple(n for n in PERSONAS if n in item.fixturenames)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _BASE.next_item = nextitem


@pytest.fixture
def _personas_base(request, django_db_setup, django_db_blocker, tmp_path_factory):
    anchor = tmp_path_factory.getbasetemp() / "personas_audit_anchor.log"
    _BASE.enter(_key(request.node), request.node.parent, django_db_blocker, anchor)
    yield
    if not _BASE.kept_for(_BASE.next_item):
        _BASE.leave(django_db_blocker)


@pytest.fixture
def _django_db_helper(_personas_base, _django_db_helper):
    """pytest-django's per-test transaction, opened on top of the personas' base."""
    yield


def _personas(name: str) -> SimpleNamespace:
    if name in _BASE.data:
        return copy.deepcopy(_BASE.data[name])
    return PERSONAS[name]()


@pytest.fixture
def p(db):
    """The personas of one committee."""
    return _personas("p")


@pytest.fixture
def other(db):
    """A second committee in the same deployment."""
    return _personas("other")


@pytest.fixture
def leader(p):
    """A leader (主席会议成员) whose account was made apart from the roster: no member record,
    responsible for no fieldwork."""
    return user_create(
        actor=None,
        username="leader2",
        password=PASSWORD,
        committee=p.committee,
        display_name="周副主席",
        role_names=[roles.LEADER],
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def api(client):
    """Calls the API with a bearer token obtained through /api/v1/auth/token."""

    class Api:
        def __init__(self):
            self.token = None

        def login(self, user, password=PASSWORD):
            response = client.post(
                "/api/v1/auth/token",
                {"username": user.username, "password": password},
                content_type="application/json",
            )
            assert response.status_code == 200, response.content
            self.token = response.json()["token"]
            return self

        def _headers(self):
            return {"Authorization": f"Bearer {self.token}"} if self.token else {}

        def get(self, path, **params):
            return client.get(path, params, headers=self._headers())

        def post(self, path, data=None):
            return client.post(
                path, data or {}, content_type="application/json", headers=self._headers()
            )

        def patch(self, path, data=None):
            return client.patch(
                path, data or {}, content_type="application/json", headers=self._headers()
            )

        def put(self, path, data=None):
            return client.put(
                path, data or {}, content_type="application/json", headers=self._headers()
            )

    return Api()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture
def browser():
    """Debian's chromium through Playwright. Playwright's sync API runs an event loop in this
    thread while the test body still calls the ORM synchronously, so Django's async guard is
    lifted for the test's duration."""
    import os

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def pytest_collection_modifyitems(config, items):
    """With ZHENGXIE_DATABASE_TESTS_ONLY set (the PostgreSQL half of `make test`, see
    scripts/test-both.sh), the tests that touch no database are left to the other half: their
    outcome cannot depend on the database, and the served-page test runs its own SQLite."""
    if not os.environ.get("ZHENGXIE_DATABASE_TESTS_ONLY"):
        return
    kept, left = [], []
    for item in items:
        uses_db = "_django_db_helper" in getattr(item, "fixturenames", ())
        (kept if uses_db or item.get_closest_marker("django_db") else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
