"""Every fieldwork action, taken through the API with each field of an otherwise valid payload
made hostile in turn, is refused or taken, never a 5xx, on SQLite and on PostgreSQL
(`zhengxie.testing_payloads`)."""

import pytest

from zhengxie.consultations.services.outcomes import MAX_SUGGESTIONS
from zhengxie.fieldwork.actions import ACTIONS
from zhengxie.testing_payloads import server_errors

from .conftest import fieldwork_of, write

pytestmark = pytest.mark.django_db


def test_no_fieldwork_action_payload_reaches_a_5xx(p, client, flow):
    draft = write(p, flow)
    ids = {
        "participant_id": flow.standing.pk,
        "visit_id": flow.visit.pk,
        "present_ids": [flow.plain.pk],
        "draft_id": draft.pk,
        "member_id": p.another.member.pk,
        "author_ids": [p.plain.member.pk],
        "role": "member",
    }
    for fieldwork in (flow.fieldwork, fieldwork_of(p, title="筹备中的视察")):
        url = f"/api/v1/fieldwork/{fieldwork.pk}/actions/{{action}}"
        assert server_errors(client, p.staff, ACTIONS, url, ids) == []
    url = f"/api/v1/fieldwork/{flow.fieldwork.pk}/actions/{{action}}"
    assert server_errors(client, p.plain.member.user, ACTIONS, url, ids) == []


def test_a_draft_carries_no_more_suggestions_than_its_report_may(p, api, flow):
    """The final draft's lines become the outcome's numbered suggestions: a draft with more
    than an outcome holds is refused when written, not when the office forms the report."""
    api.login(p.plain.member.user)
    lines = "\n".join(f"建议{n}" for n in range(MAX_SUGGESTIONS + 1))
    draft = {"title": "调研报告", "text": "正文", "suggestions": lines}
    response = api.post(f"/api/v1/fieldwork/{flow.fieldwork.pk}/actions/write_draft", draft)
    assert (response.status_code, response.json()["code"]) == (400, "too_many_suggestions")
    assert not flow.fieldwork.drafts.exists()
