from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengxie.proposals import services
from zhengxie.proposals.models import Category, CollectionCall

TZ = ZoneInfo("Asia/Shanghai")


def at(*args) -> datetime:
    return datetime(*args, 10, 0, tzinfo=TZ) if len(args) == 3 else datetime(*args, tzinfo=TZ)


class Cycle:
    """Walks a proposal through the cycle with the personas of one committee."""

    def __init__(self, p):
        self.p = p
        self.member = p.plain.member.user
        self.staff = p.staff
        self.unit = p.unit_user
        self.co_unit = p.other_unit_user

    def submitted(self, now=None, **fields):
        values = {
            "kind": "individual",
            "title": "关于加强农村学校寄宿条件建设的建议",
            "situation": "部分乡镇寄宿制学校宿舍拥挤。",
            "suggestions": "加大投入。",
        }
        return services.proposal_create(
            actor=self.member, now=now or at(2026, 3, 2), **(values | fields)
        )

    def registered(self, **fields):
        return services.proposal_register(
            actor=self.staff, proposal=self.submitted(**fields), now=at(2026, 3, 5)
        )

    def assigned(self, co=False, now=None, **fields):
        return services.proposal_assign(
            actor=self.staff,
            proposal=self.registered(**fields),
            lead_unit=self.p.unit,
            co_units=[self.p.other_unit] if co else [],
            now=now or at(2026, 3, 10),
        )

    def contact(self, proposal, unit=None):
        """The communication every reply needs first (seed 001)."""
        return services.proposal_contact(
            actor=unit or self.unit,
            proposal=proposal,
            mode="phone",
            note="电话听取意见",
            now=at(2026, 4, 1),
        )

    def pending(self, category="A", **fields):
        proposal = self.assigned(**fields)
        self.contact(proposal)
        services.proposal_reply(
            actor=self.unit,
            proposal=proposal,
            category=category,
            text="已纳入年度计划并落实资金。",
            doc_number="云教复〔2026〕3号",
            now=at(2026, 5, 6),
        )
        return proposal

    def replied(self, category="A", **fields):
        proposal = self.pending(category, **fields)
        services.proposal_approve_reply(actor=self.unit, proposal=proposal, now=at(2026, 5, 7))
        return services.proposal_accept_reply(
            actor=self.staff, proposal=proposal, now=at(2026, 5, 8)
        )


def cycle_for(p) -> Cycle:
    """A cycle with the collection call and category a submission needs."""
    CollectionCall.objects.create(
        session=p.sessions[-1],
        outline="围绕乡村振兴、民生改善建言。",
        opens_on=date(2024, 1, 1),
        closes_on=date(2024, 1, 20),
    )
    Category.objects.create(committee=p.committee, name="教育")
    return Cycle(p)


@pytest.fixture
def cycle(p):
    return cycle_for(p)
