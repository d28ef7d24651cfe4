"""What the decided plan shows each reader: everyone of the committee reads it with its
progress, but an outcome still a draft (待报送) is the office's and the leaders' until it is
sent (as the outcomes' own audience has it)."""

import pytest

from zhengxie.core.services import api_token_issue

from .outcomes_setup import outcome
from .topics_helpers import decided, plan_of, planned

pytestmark = pytest.mark.django_db
DRAFT = "关于营商环境的调研报告(征求意见稿)"


def _reads(client, user, plan) -> str:
    client.force_login(user)
    page = client.get(f"/consultations/plans/{plan.pk}/")
    headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
    body = client.get(f"/api/v1/consultation-plans/{plan.pk}", headers=headers)
    assert (page.status_code, body.status_code) == (200, 200)
    return page.content.decode() + body.content.decode()


def test_a_draft_outcome_on_a_planned_topic_is_not_shown_on_the_plan_to_members_or_units(p, client):
    plan = plan_of(p)
    topic = planned(p, plan)
    plan = decided(p, plan)
    outcome(p, title=DRAFT, topic=topic)
    for user in (p.staff, p.chair.member.user):
        assert DRAFT in _reads(client, user, plan), user
    for user in (p.standing.member.user, p.another.member.user, p.unit_user):
        text = _reads(client, user, plan)
        assert topic.title in text and DRAFT not in text, user
