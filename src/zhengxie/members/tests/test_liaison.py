from zhengxie.members.queries import liaison_coverage
from zhengxie.members.services import member_create


def test_complete_liaison_network_covers_every_member(p):
    assert liaison_coverage(p.term).complete


def test_a_member_nobody_liaises_with_is_reported(p):
    new = member_create(
        actor=p.staff,
        committee=p.committee,
        term=p.term,
        sector=p.economy,
        name="马委员",
        gender="女",
        party="群众",
        employer_title="某单位",
    )
    coverage = liaison_coverage(p.term)
    assert [m.pk for m in coverage.uncovered_members] == [new.pk]


def test_standing_members_need_a_chair_or_vice_chair(p):
    new = member_create(
        actor=p.staff,
        committee=p.committee,
        term=p.term,
        sector=p.economy,
        standing=True,
        name="马常委",
        gender="女",
        party="群众",
        employer_title="某单位",
    )
    assert [m.pk for m in liaison_coverage(p.term).uncovered_standing] == [new.pk]


def test_liaison_page_lists_gaps(p, login):
    member_create(
        actor=p.staff,
        committee=p.committee,
        term=p.term,
        sector=p.economy,
        name="马委员",
        gender="女",
        party="群众",
        employer_title="某单位",
    )
    page = login(p.staff).get("/organisation/liaison/").content.decode()
    assert "1名委员未落实常委联系" in page
