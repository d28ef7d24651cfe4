from io import StringIO

from django.core.management import call_command

from zhengxie.core.models import Committee, User
from zhengxie.core.services import user_authenticate
from zhengxie.members.models import HandlingUnit, LiaisonStation, Membership, SpecialCommittee
from zhengxie.members.queries import current_term, liaison_coverage


def test_demo_loads_a_realistic_county_committee_once(demo):
    # `demo` is what the package's one `manage.py demo` printed (see conftest).
    assert "演示数据已载入" in demo
    committee = Committee.objects.get(name="云溪县政协")
    term = current_term(committee)
    memberships = Membership.objects.filter(term=term)
    assert term.label == "第十届" and term.sessions.count() == 5
    assert memberships.count() == 275
    assert memberships.filter(standing=True).count() == 47
    assert memberships.filter(post="chair").count() == 1
    assert memberships.filter(post="vice_chair").count() == 5
    assert committee.sectors.count() == 16
    assert SpecialCommittee.objects.filter(committee=committee).count() == 5
    assert LiaisonStation.objects.filter(committee=committee).count() == 8
    assert HandlingUnit.objects.filter(committee=committee).count() >= 40
    assert committee.parent.name == "云州市政协"
    assert liaison_coverage(term).complete
    for username in [
        "admin",
        "security",
        "auditor",
        "staff",
        "staff2",
        "chair",
        "member",
        "unit",
        "wy002",
    ]:
        assert user_authenticate(username=username, password="zhengxie-demo")
        assert username in demo or username.startswith("wy")
    assert User.objects.get(username="chair").member.memberships.get().post == "chair"
    from zhengxie.meetings.models import Meeting
    from zhengxie.proposals.models import Proposal

    assert Proposal.objects.filter(committee=committee).count() > 100
    assert set(Proposal.objects.values_list("state", flat=True)) >= {
        "submitted",
        "registered",
        "assigned",
        "reply_pending",
        "reply_review",
        "replied",
        "closed",
        "declined",
        "merged",
    }
    assert Meeting.objects.filter(committee=committee, closed_at__isnull=False).count() >= 10
    from zhengxie.opinions.models import Adoption, BulletinIssue, Instruction, Opinion

    opinions = Opinion.objects.filter(committee=committee)
    assert set(opinions.values_list("state", flat=True)) >= {
        "submitted",
        "returned",
        "accepted",
        "approved",
        "declined",
        "merged",
    }
    assert BulletinIssue.objects.filter(bulletin__committee=committee, number=10).exists()
    # The hosted parent's adoptions flow back at its own level (云州市政协: 市级采用).
    from_parent = Adoption.objects.filter(opinion__committee=committee, via__isnull=False)
    assert set(from_parent.values_list("level", flat=True)) == {"city"}
    assert from_parent.count() == 2
    assert Instruction.objects.filter(opinion__committee=committee, state="done").exists()
    assert (
        user_authenticate(username="city", password="zhengxie-demo").committee == committee.parent
    )

    from zhengxie.fieldwork.models import Fieldwork

    fieldwork = Fieldwork.objects.filter(committee=committee)
    assert set(fieldwork.values_list("kind", flat=True)) == {"research", "inspection", "study_tour"}
    reported = fieldwork.filter(state="reported", outcome__suggestions__number=1)
    assert reported.count() == 5  # one per researched plan topic (test_demo_consultations)

    from zhengxie.core.audit import audit_anchor, audit_verify

    audit_anchor()
    assert audit_verify()[1] == []
    from zhengxie.core.auditlabels import ACTIONS
    from zhengxie.core.queries import audit_actions

    assert [action for action in audit_actions() if action not in ACTIONS] == []

    again = StringIO()
    call_command("demo", stdout=again)
    assert "已存在" in again.getvalue()
    assert Membership.objects.filter(term=term).count() == 275
