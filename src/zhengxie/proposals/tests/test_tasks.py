from io import StringIO

from django.core.management import call_command

from zhengxie.core.models import Notification
from zhengxie.proposals.models import Proposal

from .conftest import at


def test_tick_runs_the_deadline_reminders_as_background_tasks(cycle):
    proposal = cycle.assigned(now=at(2025, 1, 6))
    assert proposal.deadline < Proposal.objects.get(pk=proposal.pk).created_at.date()
    out = StringIO()
    call_command("tick", stdout=out)
    assert "send_deadline_reminders" in out.getvalue()
    assert (
        Notification.objects.filter(
            recipient=cycle.staff, title="提案已超过办理期限(县教育局)"
        ).count()
        == 1
    )
    call_command("tick", stdout=StringIO())
    assert Notification.objects.filter(title__contains="超过办理期限").count() == 1
