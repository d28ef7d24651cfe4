"""A duty record's source reads through the registry each app fills (duty.sources)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType

from zhengxie.duty.models import DutyRecord
from zhengxie.duty.services import duty_record
from zhengxie.duty.sources import GONE, UNREGISTERED, sources_of
from zhengxie.meetings.tests.conftest import chairs_meeting
from zhengxie.proposals.tests.conftest import Cycle

DAY = date(2026, 3, 5)


def _registered(p, n=0):
    proposal = Cycle(p).registered(title=f"关于第{n}所学校的建议")
    return DutyRecord.objects.get(kind="proposal_registered", source_id=proposal.pk), proposal


def test_a_source_reads_its_noun_title_status_and_page(p):
    record, proposal = _registered(p)
    source = sources_of([record], p.plain.member.user)[record.pk]
    assert (source.noun, source.title, source.status) == ("提案", proposal.title, "已立案")
    assert source.url == f"/proposals/{proposal.pk}/"


def test_the_page_is_linked_only_for_a_reader_who_may_open_it(p):
    meeting = chairs_meeting(p)  # the chairs are invited; 李委员 is not
    record = duty_record(member=p.plain.member, kind="training", date=DAY, source=meeting)
    assert sources_of([record], p.staff)[record.pk].url == f"/meetings/{meeting.pk}/"
    hidden = sources_of([record], p.plain.member.user)[record.pk]
    assert hidden.url == "" and hidden.title == "主席会议" and hidden.status == "主席会议"


def test_a_document_written_without_a_reader_links_nothing(p):
    record, proposal = _registered(p)
    assert sources_of([record])[record.pk].url == ""
    assert sources_of([record])[record.pk].title == proposal.title


def test_a_record_without_a_source_reads_its_note(p):
    record = duty_record(member=p.plain.member, kind="other", date=DAY, note="走访困难群众")
    assert sources_of([record], p.staff)[record.pk].title == "走访困难群众"
    assert sources_of([record], p.staff)[record.pk].noun == ""


def test_a_record_whose_source_is_gone_says_so(p):
    meeting = chairs_meeting(p)
    record = duty_record(member=p.plain.member, kind="training", date=DAY, source=meeting)
    DutyRecord.objects.filter(pk=record.pk).update(source_id=10**9)
    record.refresh_from_db()
    assert sources_of([record], p.staff)[record.pk].title == GONE


def test_sources_of_a_page_are_read_in_one_query_per_source_model(p, django_assert_num_queries):
    records = [_registered(p, n)[0] for n in range(5)]
    meeting = chairs_meeting(p)
    records.append(duty_record(member=p.chair.member, kind="training", date=DAY, source=meeting))
    ContentType.objects.get_for_model(meeting)  # the content types are cached per process
    sources_of(records, p.staff)
    with django_assert_num_queries(2):
        found = sources_of(records, p.staff)
    assert all(found[r.pk].url for r in records)


def test_a_source_nobody_registered_is_not_read_and_never_links(p, django_assert_num_queries):
    """A member is no registered source: reading it could cost a query per record (its
    str()), and nobody said who may open it."""
    people = (p.plain, p.chair, p.standing)
    records = [
        duty_record(member=who.member, kind="other", date=DAY, source=who.member, note=note)
        for who, note in zip(people, ("走访困难群众", "", ""), strict=True)
    ]
    ContentType.objects.get_for_model(p.plain.member)  # the content types are cached per process
    with django_assert_num_queries(0):
        found = sources_of(records, p.staff)
    assert [found[r.pk].title for r in records] == ["走访困难群众", UNREGISTERED, UNREGISTERED]
    assert all(found[r.pk].url == "" and found[r.pk].noun == "" for r in records)
