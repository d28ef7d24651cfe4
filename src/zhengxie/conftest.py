import hypothesis
import pytest

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


@pytest.fixture
def p(db):
    """The personas of one committee."""
    return build_committee()


@pytest.fixture
def other(db):
    """A second committee in the same deployment."""
    return build_committee("邻县政协", prefix="o_")


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
