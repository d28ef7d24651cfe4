"""The demo committee's duty records (履职档案) as a member and the office read them."""

from zhengxie.core.models import Committee, User
from zhengxie.duty.models import DutyRecord, SelfReport
from zhengxie.duty.sources import SOURCE_TYPES, sources_of


def test_every_source_the_demo_records_duty_against_is_registered_and_reads(demo):
    committee = Committee.objects.get(name="云溪县政协")
    ledger = DutyRecord.objects.filter(committee=committee, source_type__isnull=False)
    types = ledger.values_list("source_type", flat=True).distinct()
    firsts = [ledger.filter(source_type=t).select_related("source_type").first() for t in types]
    assert {r.source_type.model_class() for r in firsts} <= set(SOURCE_TYPES)
    read = sources_of(firsts, User.objects.get(username="staff"))
    assert all(read[r.pk].noun and read[r.pk].title and read[r.pk].url for r in firsts)


def test_the_demo_has_a_confirmed_and_a_pending_self_report(demo, client):
    member = User.objects.get(username="member").member
    reports = {r.kind: r.state for r in SelfReport.objects.filter(member=member)}
    assert reports == {"捐资助学": "confirmed", "委员工作室接待": "pending"}
    assert DutyRecord.objects.filter(member=member, kind="activity", qualifier="捐资助学").exists()
    client.force_login(User.objects.get(username="staff"))
    queue = client.get("/self-reports/", {"filter": "pending"})
    assert queue.context["page"].paginator.count == 2


def test_the_demo_training_carries_its_study_hours(demo, client):
    trained = DutyRecord.objects.filter(kind="training", qualifier="training")
    assert trained.exists() and all(r.hours == 6 for r in trained)
    client.force_login(User.objects.get(username="member"))
    view = client.get("/duty/record/", {"year": 2026}).context["view"]
    assert "捐资助学" in " ".join(row.label for row in view.rows)
