"""What the decided plan shows each reader: everyone of the committee reads it with its
progress, but an outcome still a draft (待报送) is the office's and the leaders' until it is
sent (as the outcomes' own audience has it)."""

import pytest

from zhengxie.testing import read_as

from .outcomes_setup import outcome
from .topics_helpers import decided, plan_of, planned

pytestmark = pytest.mark.django_db
DRAFT = "关于营商环境的调研报告(征求意见稿)"


def _reads(client, user, plan) -> str:
    pk = plan.pk
    return read_as(client, user, f"/consultations/plans/{pk}/", f"/api/v1/consultation-plans/{pk}")


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
