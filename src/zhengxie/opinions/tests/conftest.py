from datetime import date

import pytest

from zhengxie.core import roles
from zhengxie.core.services import user_create
from zhengxie.opinions import services
from zhengxie.opinions.models import Bulletin
from zhengxie.testing import PASSWORD, build_committee


class Flow:
    """Walks items through the opinion workflow with the personas of one committee and a
    second staff member for the four-eyes review."""

    def __init__(self, p):
        self.p = p
        self.member = p.plain.member.user
        self.staff = p.staff
        self.reviewer = second_staff(p)

    def submitted(self, actor=None, **fields):
        values = {
            "title": "关于城区学校周边交通安全隐患的反映",
            "text": "家长反映:放学时段校门口车辆拥堵,存在安全隐患。建议增设护学岗和临时停车位。",
            "channel": "visit",
        }
        return services.opinion_submit(actor=actor or self.member, **(values | fields))

    def accepted(self, **fields):
        return services.opinion_accept(
            actor=self.staff, opinion=self.submitted(**fields), edited_text="编辑后的正文。"
        )

    def approved(self, **fields):
        return services.opinion_approve(actor=self.reviewer, opinion=self.accepted(**fields))


def second_staff(p):
    return user_create(
        actor=None,
        username=f"{p.staff.username}-2",
        password=PASSWORD,
        committee=p.committee,
        display_name="审核人",
        role_names=[roles.STAFF],
    )


def approved_upstream(parent, flow, **accept):
    """An approved item forwarded to the city committee, whose two staff accept and approve
    the copy: (the county item, the city's copy)."""
    item = flow.approved()
    copy = services.opinion_forward(actor=flow.staff, opinion=item, to="parent").copy
    copy = services.opinion_accept(actor=parent.staff, opinion=copy, **accept)
    return item, services.opinion_approve(actor=second_staff(parent), opinion=copy)


def printed_upstream(parent, copy):
    """The city prints its copy in its own 社情民意 bulletin."""
    issue = services.bulletin_issue_create(
        actor=parent.staff,
        bulletin=Bulletin.objects.get(committee=parent.committee, name="社情民意"),
        title="市政协本期",
        opinions=[copy],
    )
    services.bulletin_issue_publish(actor=parent.staff, issue=issue, on=date(2026, 6, 1))


@pytest.fixture
def flow(p):
    return Flow(p)


@pytest.fixture
def parent(p):
    """The city committee above `p`'s county, hosted in the same deployment."""
    city = build_committee("云州市政协", prefix="c_")
    p.committee.parent = city.committee
    p.committee.save(update_fields=["parent"])
    return city
