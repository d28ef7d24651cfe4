"""Every action of topics, plans, activities and outcomes, taken through the API with each
field of an otherwise valid payload made hostile in turn, is refused or taken, never a 5xx, on
SQLite and on PostgreSQL (`zhengxie.testing_payloads`)."""

import pytest

from zhengxie.consultations.actions.activities import ACTIONS, WRITTEN_ACTIONS
from zhengxie.consultations.actions.outcomes import ACTIONS as OUTCOME_ACTIONS
from zhengxie.consultations.actions.outcomes import SUGGESTION_ACTIONS, TASK_ACTIONS
from zhengxie.consultations.actions.topics import PLAN_ACTIONS, TOPIC_ACTIONS
from zhengxie.consultations.models import Form
from zhengxie.testing_payloads import server_errors

from .activities_fixtures import consultation_of, researched, written_request_of
from .outcomes_setup import instructed
from .topics_helpers import accepted, plan_of, planned

pytestmark = pytest.mark.django_db


def _ids(p, **records) -> dict:
    """The valid value of each field that names a record or a choice."""
    return {
        "unit_id": p.unit.pk,
        "special_committee_id": p.special.pk,
        "lead_special_committee_id": p.special.pk,
        "department_ids": [p.unit.pk],
        "with_member_ids": [p.plain.member.pk],
        "with_sector_ids": [p.economy.pk],
        "invite_rule": "none",
        "to": "department",
        "level": "satisfied",
        "form": Form.BIMONTHLY,
        "opens_at": "2026-05-06T09:00:00+08:00",
        "closes_at": "2026-05-08T17:00:00+08:00",
        **records,
    }


def test_no_consultation_action_payload_reaches_a_5xx(p, client):
    online = consultation_of(p, researched(p, title="网络议政议题"), form=Form.ONLINE)
    for c in (consultation_of(p, researched(p)), online):
        url = f"/api/v1/consultations/{c.pk}/actions/{{action}}"
        assert server_errors(client, p.staff, ACTIONS, url, _ids(p)) == []


def test_no_written_request_action_payload_reaches_a_5xx(p, client):
    written = written_request_of(p)
    url = f"/api/v1/consultations/written-requests/{written.pk}/actions/{{action}}"
    assert server_errors(client, p.staff, WRITTEN_ACTIONS, url, _ids(p)) == []


def test_no_outcome_task_or_suggestion_action_payload_reaches_a_5xx(p, client):
    o, task = instructed(p)
    suggestion = o.suggestions.first()
    for actions, url in [
        (OUTCOME_ACTIONS, f"/api/v1/outcomes/{o.pk}/actions/{{action}}"),
        (TASK_ACTIONS, f"/api/v1/outcomes/tasks/{task.pk}/actions/{{action}}"),
        (
            SUGGESTION_ACTIONS,
            f"/api/v1/outcomes/{o.pk}/suggestions/{suggestion.pk}/actions/{{action}}",
        ),
    ]:
        assert server_errors(client, p.staff, actions, url, _ids(p)) == []


def test_no_topic_or_plan_action_payload_reaches_a_5xx(p, client):
    topic, plan = accepted(p), plan_of(p)
    ids = _ids(p, topic_id=planned(p, plan, title="已列入计划的议题").pk)
    url = f"/api/v1/consultation-topics/{topic.pk}/actions/{{action}}"
    assert server_errors(client, p.staff, TOPIC_ACTIONS, url, ids) == []
    url = f"/api/v1/consultation-plans/{plan.pk}/actions/{{action}}"
    assert server_errors(client, p.staff, PLAN_ACTIONS, url, ids) == []
