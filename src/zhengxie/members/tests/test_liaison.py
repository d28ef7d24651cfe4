from zhengxie.members.queries import liaison_coverage
from zhengxie.members.services import member_create


def _new_member(p, name="马委员", **membership):
    """A member joining the term after the liaison network was drawn up: nobody covers them."""
    return member_create(
        actor=p.staff,
        committee=p.committee,
        term=p.term,
        sector=p.economy,
        name=name,
        gender="女",
        party="群众",
        employer_title="某单位",
        **membership,
    )


def test_complete_liaison_network_covers_every_member(p):
    assert liaison_coverage(p.term).complete


def test_a_member_nobody_liaises_with_is_reported(p):
    new = _new_member(p)
    coverage = liaison_coverage(p.term)
    assert [m.pk for m in coverage.uncovered_members] == [new.pk]


def test_standing_members_need_a_chair_or_vice_chair(p):
    new = _new_member(p, name="马常委", standing=True)
    assert [m.pk for m in liaison_coverage(p.term).uncovered_standing] == [new.pk]


def test_liaison_page_lists_gaps(p, login):
    _new_member(p)
    page = login(p.staff).get("/organisation/liaison/").content.decode()
    assert "1名委员未落实常委联系" in page


def test_staff_set_and_remove_a_liaison(p, login):
    new = _new_member(p)
    client = login(p.staff)
    client.post("/organisation/liaison/", {"contact": p.standing.pk, "member": new.pk})
    assert liaison_coverage(p.term).complete
    client.post(f"/organisation/liaison/{p.standing.pk}/{new.pk}/remove/")
    assert [m.pk for m in liaison_coverage(p.term).uncovered_members] == [new.pk]


def test_only_leaders_and_standing_members_can_be_contacts(p, login):
    response = login(p.staff).post(
        "/organisation/liaison/", {"contact": p.another.pk, "member": p.plain.pk}
    )
    assert "选择一个有效的选项" in response.content.decode()
    assert not p.plain.contacted_by.filter(contact=p.another).exists()
