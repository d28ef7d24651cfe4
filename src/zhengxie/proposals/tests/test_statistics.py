"""The statistics a committee reports, defined by the seeds' own numbers."""

from io import BytesIO
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from zhengxie.core.errors import ServiceError
from zhengxie.lib.idnumbers import id_check_digit
from zhengxie.members import services as members
from zhengxie.proposals import services
from zhengxie.proposals.models import Assignment, Proposal, ProposalPolicy
from zhengxie.proposals.stats import Scope, proposal_breakdown, proposal_stats
from zhengxie.testing import PASSWORD

from .conftest import at


def _answer(cycle, proposal, category="A"):
    """Contact, reply, sign-off and review of an assigned proposal."""
    services.proposal_contact(actor=cycle.unit, proposal=proposal, mode="phone", note="电话沟通")
    services.proposal_reply(actor=cycle.unit, proposal=proposal, category=category, text="答复")
    services.proposal_approve_reply(actor=cycle.unit, proposal=proposal)
    return services.proposal_accept_reply(actor=cycle.staff, proposal=proposal)


def test_merged_proposal_is_counted_once_in_the_case_it_joined(cycle):
    target, joined = cycle.registered(), cycle.registered(title="关于改善寄宿学校条件的建议")
    services.proposal_merge(actor=cycle.staff, proposal=joined, into=target)
    target = services.proposal_assign(actor=cycle.staff, proposal=target, lead_unit=cycle.p.unit)
    _answer(cycle, target)
    stats = proposal_stats(Scope(cycle.p.committee))
    assert (stats["collected"], stats["registered"], stats["merged"]) == (2, 1, 1)
    assert stats["reply_rate"] == 1.0 and stats["registration_rate"] == 0.5
    by_unit = proposal_breakdown(Scope(cycle.p.committee), "unit")
    assert [(r["name"], r["registered"]) for r in by_unit] == [("县教育局", 1)]


def _registered_rows(p, categories: str, unreplied: int) -> None:
    """Registered proposals as the statistics read them: one replied per category letter,
    then `unreplied` still in handling."""
    moment = at(2026, 3, 5)

    def row(i: int, category: str) -> Proposal:
        return Proposal(
            committee=p.committee,
            session=p.sessions[-1],
            kind="individual",
            submitted_by=p.staff,
            title=f"提案{i}",
            situation="内容",
            state="replied" if category else "assigned",
            submitted_at=moment,
            registered_at=moment,
            assigned_at=moment,
            replied_at=moment if category else None,
            reply_category=category,
        )

    letters = list(categories) + [""] * unreplied
    Proposal.objects.bulk_create(row(i, c) for i, c in enumerate(letters))


def test_a_and_b_shares_match_the_seed_report(p):
    """「按照《提案工作条例》的规定共立案81件……已经解决和基本解决的48件,占立案总数的59%;
    正在解决和已列入计划逐步解决的29件,占立案总数的36%」(seed 004)."""
    _registered_rows(p, "A" * 48 + "B" * 29, unreplied=4)
    stats = proposal_stats(Scope(p.committee))
    assert (stats["registered"], stats["a"], stats["b"]) == (81, 48, 29)
    assert f"{stats['a_share']:.0%}" == "59%" and f"{stats['b_share']:.0%}" == "36%"


def test_implementation_rate_is_a_share_of_registered(p):
    _registered_rows(p, "AAB", unreplied=1)
    scope = Scope(p.committee)
    stats = proposal_stats(scope)
    assert stats["implementation_rate"] == 0.5  # 2 A of 4 registered, not 2 of 3 replied
    rate = {r["key"]: r for r in stats["rates"]}["implementation_rate"]
    assert rate["definition"] == "A类件数 ÷ 立案件数"
    services.proposal_policy_update(
        actor=p.staff, committee=p.committee, implementation_basis="a_of_replied"
    )
    chosen = proposal_stats(scope)
    assert chosen["implementation_rate"] == 0.6667
    assert {r["key"]: r for r in chosen["rates"]}["implementation_rate"]["definition"] == (
        "A类件数 ÷ 已答复件数"
    )
    services.proposal_policy_update(
        actor=p.staff, committee=p.committee, implementation_basis="ab_of_registered"
    )
    assert proposal_stats(scope)["implementation_rate"] == 0.75


def test_completion_rate_and_the_units_involved(cycle):
    p = cycle.p
    closed = services.proposal_evaluate(
        actor=cycle.member, proposal=cycle.replied(), rating="satisfied"
    )
    cycle.assigned(co=True)
    cycle.registered()
    stats = proposal_stats(Scope(p.committee))
    assert (stats["registered"], stats["assigned"], stats["closed"]) == (3, 2, 1)
    assert stats["completion_rate"] == 0.3333 and closed.state == "closed"
    assert (stats["units"], stats["lead_units"], stats["co_units"]) == (2, 1, 1)
    relieved = Assignment.objects.get(role="co")
    relieved.active = False
    relieved.save(update_fields=["active"])
    assert proposal_stats(Scope(p.committee))["units"] == 1


def test_every_rate_shows_its_definition_on_the_page_in_the_api_and_in_the_export(
    cycle, login, api
):
    cycle.replied()
    client = login(cycle.staff)
    page = client.get("/proposals/stats/").content.decode()
    for text in ["落实率", "A类件数 ÷ 立案件数", "办结率", "已办结件数 ÷ 立案件数", "立案率"]:
        assert text in page
    assert "交办</dt><dd>1件,承办单位1个(主办1个、会办0个)" in page
    sheet = load_workbook(BytesIO(client.get("/proposals/stats/", {"format": "xlsx"}).content))
    rows = list(sheet.active.iter_rows(values_only=True))
    start = [r[0] for r in rows].index("口径说明")
    definitions = {row[0]: row[1] for row in rows[start + 1 :]}
    assert definitions["落实率"] == "A类件数 ÷ 立案件数"
    assert definitions["办复率"] == "已答复件数 ÷ 立案件数"
    body = api.login(cycle.staff).get("/api/v1/proposals/stats").json()
    rates = {r["key"]: r for r in body["rates"]}
    assert rates["a_share"]["value"] == 1.0 and rates["a_share"]["definition"]
    assert body["assigned"] == 1 and body["units"] == 1 and body["completion_rate"] == 0.0


def _proposer_named_li(p, sector, employer_title, username, phone, id_body):
    """Another 李委员, with a login, who submits one proposal."""
    membership = members.member_create(
        actor=None,
        committee=p.committee,
        term=p.term,
        sector=sector,
        name="李委员",
        gender="女",
        party="群众",
        employer_title=employer_title,
        phone=phone,
        id_number=id_body + id_check_digit(id_body),
    )
    members.member_grant_login(
        actor=None, membership=membership, username=username, password=PASSWORD
    )
    membership.member.refresh_from_db()
    services.proposal_create(
        actor=membership.member.user, kind="individual", title="同名委员的提案", situation="内容"
    )
    return membership


def test_member_breakdown_keeps_namesakes_apart(cycle):
    p = cycle.p
    cycle.submitted()
    namesake = _proposer_named_li(
        p, p.economy, "另一单位", "namesake", "13800000009", "11010519750101001"
    )
    rows = proposal_breakdown(Scope(p.committee), "member")
    assert [(r["name"], r["collected"]) for r in rows] == [("李委员", 1), ("李委员", 1)]
    assert {r["id"] for r in rows} == {p.plain.member_id, namesake.member_id}


def test_namesakes_are_told_apart_in_the_member_breakdown(cycle, client):
    """Three 李委员 (教育界; 经济界 twice) and one 丁委员: 姓名(界别), with the employer where
    the sector is shared too, the same on the page and in the XLSX; a unique name stays bare."""
    p = cycle.p
    cycle.submitted()
    _proposer_named_li(p, p.economy, "甲公司经理", "li2", "13800000009", "11010519750101001")
    _proposer_named_li(p, p.economy, "乙公司经理", "li3", "13800000010", "11010519760101001")
    services.proposal_create(
        actor=p.another.member.user, kind="individual", title="另一件提案", situation="内容"
    )
    expected = {
        "李委员(教育界)",
        "李委员(经济界,甲公司经理)",
        "李委员(经济界,乙公司经理)",
        "丁委员",
    }
    rows = proposal_breakdown(Scope(p.committee), "member")
    assert {r["label"] for r in rows} == expected
    client.force_login(cycle.staff)
    page = client.get("/proposals/stats/").content.decode()
    assert all(f"<td>{label}</td>" in page for label in expected)
    sheet = load_workbook(BytesIO(client.get("/proposals/stats/", {"format": "xlsx"}).content))
    first_cells = [r[0] for r in sheet.active.iter_rows(values_only=True)]
    member_rows = first_cells[first_cells.index("按提案人") + 1 :][: len(expected)]
    assert set(member_rows) == expected


def test_the_policy_keeps_the_implementation_basis_to_its_choices(p):
    with pytest.raises(ServiceError) as exc:
        services.proposal_policy_update(
            actor=p.staff, committee=p.committee, implementation_basis="everything"
        )
    assert exc.value.code == "policy_value"
    assert not ProposalPolicy.objects.filter(implementation_basis="everything").exists()


def test_the_statistics_period_is_written_as_chinese_dates_on_the_page_and_the_export(cycle, login):
    client = login(cycle.staff)
    page = client.get("/proposals/stats/", {"from": "2026-01-01"}).content.decode()
    assert "提案统计 · 2026年1月1日以来" in page
    both = {"from": "2026-01-01", "to": "2026-06-30", "format": "xlsx"}
    disposition = unquote(client.get("/proposals/stats/", both)["Content-Disposition"])
    assert "提案统计_2026年1月1日至2026年6月30日.xlsx" in disposition
