from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from zhengxie.testing import suite_settings


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """What `manage.py demo` printed when it loaded the demo committee, once for this package:
    a load is ~86,000 queries, the suite's costliest step on PostgreSQL. Like TestCase's
    setUpTestData it stays in an open transaction, each test runs in a savepoint on top, and
    the load is rolled back when the package is done, so no other test ever sees it."""
    out = StringIO()
    loaded = transaction.atomic()
    with django_db_blocker.unblock():
        loaded.__enter__()
    try:
        anchor = tmp_path_factory.mktemp("demo") / "audit_anchor.log"
        with django_db_blocker.unblock(), override_settings(**suite_settings(anchor)):
            call_command("demo", stdout=out)
        yield out.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            loaded.__exit__(None, None, None)


@pytest.fixture
def demo(demo_output, db):
    """The demo committee, for a test that reads or changes it (its changes are rolled back)."""
    return demo_output
