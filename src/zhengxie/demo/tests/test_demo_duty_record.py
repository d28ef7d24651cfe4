"""The demo committee's duty records (履职档案) as a member and the office read them."""

from zhengxie.core.models import Committee, User
from zhengxie.duty.models import DutyRecord
from zhengxie.duty.sources import SOURCE_TYPES, sources_of


def test_every_source_the_demo_records_duty_against_is_registered_and_reads(demo):
    committee = Committee.objects.get(name="云溪县政协")
    ledger = DutyRecord.objects.filter(committee=committee, source_type__isnull=False)
    types = ledger.values_list("source_type", flat=True).distinct()
    firsts = [ledger.filter(source_type=t).select_related("source_type").first() for t in types]
    assert {r.source_type.model_class() for r in firsts} <= set(SOURCE_TYPES)
    read = sources_of(firsts, User.objects.get(username="staff"))
    assert all(read[r.pk].noun and read[r.pk].title and read[r.pk].url for r in firsts)
