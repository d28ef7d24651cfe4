"""The demo's year of consultation and fieldwork (issue 11, "Demo"): what the issue asks for is
there, in the order the rules want it. The load it reads is the package's (conftest); the
year's fingerprint is kept for tests_reload, which loads the demo once more and compares."""

from zhengxie.consultations.models import (
    Consultation,
    ConsultationPlan,
    WrittenRequest,
)
from zhengxie.core.models import Committee
from zhengxie.fieldwork.models import Fieldwork

from . import year


def test_the_demo_year_of_consultation_is_what_issue_11_asks(demo):
    committee = Committee.objects.get(name="云溪县政协")
    year.FIRST.append(year.fingerprint(committee))

    plan = ConsultationPlan.objects.get(committee=committee, year=2026)
    items = plan.items.filter(dropped_at=None).select_related("topic")
    assert plan.state == ConsultationPlan.State.DECIDED and plan.decided_by == "中共云溪县委常委会"
    assert plan.chairs_meeting is not None and plan.amendments.count() == 1
    assert 10 <= items.count() <= 14
    assert len({item.topic.source for item in items}) >= 8
    assert sum(item.topic.source == "party" for item in items) == 1
    assert sum(item.topic.supervisory for item in items) == 1

    reported = Fieldwork.objects.filter(committee=committee, state="reported")
    assert reported.count() >= 4
    assert {f.kind for f in reported} >= {"research", "inspection"}
    assert all(f.visits.count() >= 2 and f.outcome.suggestions.exists() for f in reported)

    held = Consultation.objects.filter(committee=committee, state="held").select_related("topic")
    for form in ("thematic", "bimonthly"):
        one = held.get(form=form)
        # 不调研不协商: held after a research report of its own, not on an exception.
        assert one.topic.research_reported_at < one.held_at and not one.topic.research_exempt_at
        assert one.meeting.closed_at is not None and one.meeting.check_ins.exists()
    assert all(c.topic.research_ready for c in held)
    assert held.filter(form="counterpart").count() >= 3
    assert held.filter(form="sector").count() == 1
    assert WrittenRequest.objects.filter(committee=committee, state="answered").count() == 1
