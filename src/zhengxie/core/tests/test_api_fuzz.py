"""Schemathesis over the whole OpenAPI our app serves, as staff and as a member: generated
valid and invalid requests may be refused, never answered with a 5xx.

Bounded so that it adds about two minutes per database on a 2-core machine: a few examples
per operation and persona; a failure prints the request that reproduces it."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from zhengxie.core.services import api_token_issue
from zhengxie.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)

# ZHENGXIE_FUZZ_EXAMPLES=200 for a deeper search by hand; the suite keeps to a few.
MAX_EXAMPLES = int(os.environ.get("ZHENGXIE_FUZZ_EXAMPLES", "12"))


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Requests go straight to the WSGI app; like Django's test client, keep the end of a
    request from closing the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["staff", "member"])
def bearer(request, p):
    user = p.staff if request.param == "staff" else p.plain.member.user
    return {"Authorization": f"Bearer {api_token_issue(user=user)}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_5xx(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
