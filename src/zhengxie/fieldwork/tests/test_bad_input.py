"""Every fieldwork action, taken through the API with each field of an otherwise valid payload
made hostile in turn, is refused or taken, never a 5xx, on SQLite and on PostgreSQL
(`zhengxie.testing_payloads`)."""

import pytest

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
