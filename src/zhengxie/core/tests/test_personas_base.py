"""The personas fixtures (conftest.py): built once per module under each test's savepoint,
each test getting its own copy, and gone for a test that asks for none."""

from zhengxie.core.models import AuditEvent, Committee
from zhengxie.members.models import Member

seen = {}


def _built_at(p):
    """When the committee's first audited write happened: a second build is later, whatever
    primary key the database hands out again after a rollback (SQLite reuses them)."""
    return AuditEvent.objects.filter(committee=p.committee).order_by("seq").first().at


def test_a_test_may_change_its_personas_in_the_database_and_in_memory(p):
    seen["built"] = _built_at(p)
    p.plain.member.name = "改过的名字"
    p.plain.member.save(update_fields=["name"])
    p.committee.name = "改过的政协"


def test_the_next_test_of_the_module_gets_the_same_rows_unchanged(p):
    assert _built_at(p) == seen["built"]
    assert (p.committee.name, p.plain.member.name) == ("测试县政协", "李委员")
    assert Member.objects.get(pk=p.plain.member.pk).name == "李委员"


def test_personas_asked_together_are_each_their_own_committee(p, other):
    assert Committee.objects.count() == 2
    assert other.committee.pk != p.committee.pk
    assert p.plain.member.committee_id == p.committee.pk


def test_a_test_that_asks_for_no_personas_finds_no_committee(db):
    assert not Committee.objects.exists()
