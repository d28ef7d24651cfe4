"""The rules of public-opinion work, through the services."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from zhengxie.core.errors import ServiceError
from zhengxie.core.models import Notification
from zhengxie.core.services import user_create
from zhengxie.duty.models import DutyRecord
from zhengxie.opinions import queries, services
from zhengxie.opinions.models import (
    Adoption,
    Bulletin,
    Forwarding,
    Instruction,
    Opinion,
    OpinionPolicy,
)
from zhengxie.opinions.queries import quota_progress
from zhengxie.opinions.stats import Period, opinion_breakdowns, opinion_stats
from zhengxie.opinions.tests.conftest import approved_upstream, printed_upstream
from zhengxie.proposals import services as proposals

pytestmark = pytest.mark.django_db


def _duty(member, kind):
    return DutyRecord.objects.filter(member=member, kind=kind).count()


def _bulletin(p, name="各界反映"):
    return Bulletin.objects.get(committee=p.committee, name=name)


def test_member_submission_credits_every_author_once(p, flow):
    item = flow.submitted(author_ids=[p.another.member.pk])
    assert [a.member for a in item.authors.all()] == [p.plain.member, p.another.member]
    assert item.source == Opinion.Source.MEMBER and item.year == item.submitted_at.year
    services.opinion_return(actor=flow.staff, opinion=item, reason="请补充具体路段。")
    services.opinion_resubmit(actor=flow.member, opinion=item, text="补充:人民路小学门口。")
    assert _duty(p.plain.member, "opinion_submitted") == 1
    assert _duty(p.another.member, "opinion_submitted") == 1


def test_submission_needs_title_text_and_channel(flow):
    for bad in ({"title": " "}, {"text": ""}, {"channel": "pigeon"}):
        with pytest.raises(ServiceError):
            flow.submitted(**bad)
    assert not Opinion.objects.exists()


def test_staff_record_a_citizens_letter_with_the_caller_named(p, flow):
    with pytest.raises(ServiceError) as exc:
        flow.submitted(actor=flow.staff, source="citizen")
    assert exc.value.code == "citizen_name_required"
    item = flow.submitted(
        actor=flow.staff, source="citizen", citizen_name="王大爷", channel="letter"
    )
    assert item.author_label == "王大爷(机关代录)" and not item.authors.exists()
    with pytest.raises(ServiceError) as exc:
        flow.submitted(source="citizen", citizen_name="王大爷")
    assert exc.value.code == "source_forbidden"


def test_station_submits_with_its_members_as_authors(p, flow):
    item = flow.submitted(actor=flow.staff, station=p.station, author_ids=[p.plain.member.pk])
    assert item.source == Opinion.Source.STATION
    assert item.author_label.startswith(p.station.name)


def test_information_officer_who_is_no_member_may_submit(p, flow):
    officer_user = user_create(
        actor=None,
        username="xinxiyuan",
        password="test-password-1",
        committee=p.committee,
        display_name="信息员甲",
        role_names=[],
    )
    with pytest.raises(ServiceError):
        flow.submitted(actor=officer_user)
    services.officer_appoint(
        actor=flow.staff, committee=p.committee, user=officer_user, on=date(2026, 1, 1)
    )
    item = flow.submitted(actor=officer_user)
    assert item.source == Opinion.Source.OFFICER


def test_urgent_item_warns_the_leaders_on_duty_at_once(p, flow):
    chair = p.chair.member.user
    policy = OpinionPolicy.objects.get(committee=p.committee)
    policy.warning_recipients.set([chair])
    flow.submitted(urgent=True, title="关于某小区燃气管道老化的紧急反映")
    warned = Notification.objects.filter(title__startswith="【预警】")
    assert set(warned.values_list("recipient", flat=True)) == {
        chair.pk,
        flow.staff.pk,
        flow.reviewer.pk,
    }


def test_urgent_items_come_first_in_the_queue(flow):
    flow.submitted(title="普通信息")
    flow.submitted(title="预警信息", urgent=True)
    flow.submitted(title="又一条普通信息")
    assert Opinion.objects.first().title == "预警信息"


def test_edited_text_is_kept_beside_the_original(flow):
    item = services.opinion_accept(
        actor=flow.staff,
        opinion=flow.submitted(),
        edited_title="校园周边交通安全亟待加强",
        edited_text="编辑稿。",
    )
    assert item.title == "关于城区学校周边交通安全隐患的反映"
    assert item.text.startswith("家长反映") and item.current_text == "编辑稿。"
    assert item.current_title == "校园周边交通安全亟待加强"


def test_four_eyes_the_editor_cannot_approve_their_own_edit(flow):
    item = flow.accepted()
    with pytest.raises(ServiceError) as exc:
        services.opinion_approve(actor=flow.staff, opinion=item)
    assert exc.value.code == "four_eyes" and exc.value.status == 403
    approved = services.opinion_approve(actor=flow.reviewer, opinion=item)
    assert approved.state == Opinion.State.APPROVED and approved.approved_by == flow.reviewer


def test_four_eyes_an_edit_after_approval_needs_a_new_review(flow):
    item = flow.approved()
    edited = services.opinion_edit(actor=flow.reviewer, opinion=item, edited_text="再改一稿。")
    assert edited.state == Opinion.State.ACCEPTED and edited.editor == flow.reviewer
    with pytest.raises(ServiceError) as exc:
        services.opinion_approve(actor=flow.reviewer, opinion=edited)
    assert exc.value.code == "four_eyes"
    assert services.opinion_approve(actor=flow.staff, opinion=edited).state == "approved"


def test_nothing_is_published_or_forwarded_before_approval(p, flow):
    item = flow.accepted()
    with pytest.raises(ServiceError) as exc:
        services.opinion_forward(actor=flow.staff, opinion=item, to="leader", recipient="县委书记")
    assert exc.value.status == 409
    issue = services.bulletin_issue_create(actor=flow.staff, bulletin=_bulletin(p), title="第一期")
    with pytest.raises(ServiceError) as exc:
        services.bulletin_issue_add(actor=flow.staff, issue=issue, opinion=item)
    assert exc.value.code == "opinion_not_approved"


def test_sensitive_item_is_reported_but_never_printed(p, flow):
    item = services.opinion_flag(
        actor=flow.reviewer, opinion=flow.accepted(), reason="涉及个人隐私"
    )
    item = services.opinion_approve(actor=flow.reviewer, opinion=item)
    issue = services.bulletin_issue_create(actor=flow.staff, bulletin=_bulletin(p), title="第一期")
    with pytest.raises(ServiceError) as exc:
        services.bulletin_issue_add(actor=flow.staff, issue=issue, opinion=item)
    assert exc.value.code == "opinion_sensitive"
    services.opinion_forward(actor=flow.staff, opinion=item, to="leader", recipient="县委书记")
    assert item.forwardings.count() == 1


def test_only_another_staff_member_flags_sensitive_content(flow):
    with pytest.raises(ServiceError) as exc:
        services.opinion_flag(actor=flow.staff, opinion=flow.accepted(), reason="敏感")
    assert exc.value.code == "four_eyes"


def test_bulletin_issues_are_numbered_without_gaps_per_year(p, flow):
    bulletin = _bulletin(p)
    abandoned = services.bulletin_issue_create(actor=flow.staff, bulletin=bulletin, title="草稿")
    numbers = []
    for day in (date(2026, 3, 1), date(2026, 6, 1), date(2027, 1, 5), date(2027, 2, 1)):
        issue = services.bulletin_issue_create(
            actor=flow.staff, bulletin=bulletin, title="本期", opinions=[flow.approved()]
        )
        issue = services.bulletin_issue_publish(actor=flow.staff, issue=issue, on=day)
        numbers.append((issue.year, issue.number))
    assert numbers == [(2026, 1), (2026, 2), (2027, 1), (2027, 2)]
    abandoned.refresh_from_db()
    assert abandoned.number is None
    other = services.bulletin_issue_create(
        actor=flow.staff,
        bulletin=_bulletin(p, "政协调研"),
        title="另一刊",
        opinions=[flow.approved()],
    )
    assert (
        services.bulletin_issue_publish(actor=flow.staff, issue=other, on=date(2026, 7, 1)).number
        == 1
    )


def test_item_in_a_bulletin_issue_is_not_offered_again(p, flow, login):
    item, spare = flow.approved(), flow.approved(title="另一条信息")
    draft = services.bulletin_issue_create(
        actor=flow.staff, bulletin=_bulletin(p), title="本期", opinions=[item]
    )
    other = services.bulletin_issue_create(actor=flow.staff, bulletin=_bulletin(p), title="下期")
    assert list(queries.ready_for_bulletin(p.committee.pk)) == [spare]
    page = login(flow.staff).get(f"/opinions/issues/{other.pk}/").content.decode()
    assert f'name="opinion" value="{item.pk}"' not in page
    assert f'name="opinion" value="{spare.pk}"' in page
    with pytest.raises(ServiceError) as exc:
        services.bulletin_issue_add(actor=flow.staff, issue=other, opinion=item)
    assert exc.value.code == "opinion_in_another_issue"
    services.bulletin_issue_publish(actor=flow.staff, issue=draft)
    assert list(queries.ready_for_bulletin(p.committee.pk)) == [spare]


def test_published_issue_cannot_change(p, flow):
    issue = services.bulletin_issue_create(
        actor=flow.staff, bulletin=_bulletin(p), title="本期", opinions=[flow.approved()]
    )
    services.bulletin_issue_publish(actor=flow.staff, issue=issue)
    for change in (
        lambda: services.bulletin_issue_add(actor=flow.staff, issue=issue, opinion=flow.approved()),
        lambda: services.bulletin_issue_publish(actor=flow.staff, issue=issue),
    ):
        with pytest.raises(ServiceError) as exc:
            change()
        assert exc.value.code == "issue_published"


def test_empty_issue_is_not_published(p, flow):
    issue = services.bulletin_issue_create(actor=flow.staff, bulletin=_bulletin(p), title="空")
    with pytest.raises(ServiceError) as exc:
        services.bulletin_issue_publish(actor=flow.staff, issue=issue)
    assert exc.value.code == "issue_empty"


def test_printing_in_own_bulletin_counts_as_adoption_for_every_author(p, flow):
    item = flow.approved(author_ids=[p.another.member.pk])
    issue = services.bulletin_issue_create(
        actor=flow.staff, bulletin=_bulletin(p), title="本期", opinions=[item]
    )
    services.bulletin_issue_publish(actor=flow.staff, issue=issue, on=date(2026, 5, 6))
    adoption = item.adoptions.get()
    assert adoption.level == Adoption.Level.OWN and adoption.issue == issue
    assert _duty(p.plain.member, "opinion_adopted_own") == 1
    assert _duty(p.another.member, "opinion_adopted_own") == 1


def test_authors_credited_after_a_merge(p, flow):
    first = flow.submitted()
    second = flow.submitted(actor=p.another.member.user, title="学校门口拥堵")
    services.opinion_merge(actor=flow.staff, opinion=second, into=first)
    second.refresh_from_db()
    assert second.state == Opinion.State.MERGED and second.merged_into == first
    assert {a.member for a in first.authors.all()} == {p.plain.member, p.another.member}
    first = services.opinion_accept(actor=flow.staff, opinion=first)
    first = services.opinion_approve(actor=flow.reviewer, opinion=first)
    services.opinion_adopt(actor=flow.staff, opinion=first, level="city", note="市委《要情》")
    assert _duty(p.another.member, "opinion_adopted_city") == 1
    assert _duty(p.plain.member, "opinion_adopted_city") == 1


def test_merge_only_into_an_open_item_of_the_committee(p, other, flow):
    declined = services.opinion_decline(actor=flow.staff, opinion=flow.submitted(), reason="重复")
    with pytest.raises(ServiceError) as exc:
        services.opinion_merge(actor=flow.staff, opinion=flow.submitted(), into=declined)
    assert exc.value.code == "bad_merge"


def test_adoption_is_recorded_once_per_level_and_at_several_levels(p, flow):
    item = flow.approved()
    services.opinion_adopt(actor=flow.staff, opinion=item, level="city")
    services.opinion_adopt(actor=flow.staff, opinion=item, level="province")
    with pytest.raises(ServiceError) as exc:
        services.opinion_adopt(actor=flow.staff, opinion=item, level="city")
    assert exc.value.code == "already_adopted"
    assert item.adoptions.count() == 2
    assert _duty(p.plain.member, "opinion_adopted_province") == 1


def test_forwarding_to_a_hosted_parent_lands_in_its_queue(p, parent, flow):
    item = flow.approved()
    forwarding = services.opinion_forward(actor=flow.staff, opinion=item, to="parent")
    copy = forwarding.copy
    assert forwarding.recipient == "云州市政协"
    assert copy.committee == parent.committee and copy.state == Opinion.State.SUBMITTED
    assert copy.origin == item and copy.text == "编辑后的正文。"
    assert [a.member for a in copy.authors.all()] == [p.plain.member]
    assert Notification.objects.filter(recipient=parent.staff).exists()
    with pytest.raises(ServiceError) as exc:
        services.opinion_forward(actor=flow.staff, opinion=item, to="parent")
    assert exc.value.code == "already_forwarded"


def test_forwarding_up_needs_a_parent(flow):
    with pytest.raises(ServiceError) as exc:
        services.opinion_forward(actor=flow.staff, opinion=flow.approved(), to="parent")
    assert exc.value.code == "no_parent"


def test_parent_staff_cannot_touch_the_county_item_and_vice_versa(p, parent, flow):
    item = flow.approved()
    copy = services.opinion_forward(actor=flow.staff, opinion=item, to="parent").copy
    with pytest.raises(ServiceError):
        services.opinion_accept(actor=flow.staff, opinion=copy)
    with pytest.raises(ServiceError):
        services.opinion_adopt(actor=parent.staff, opinion=item, level="own")


def test_adoption_in_the_parent_flows_back_to_the_county_and_its_members(p, parent, flow):
    item, copy = approved_upstream(parent, flow, edited_text="市政协编辑稿。")
    printed_upstream(parent, copy)
    services.opinion_adopt(actor=parent.staff, opinion=copy, level="province", note="省政协刊用")
    levels = dict(item.adoptions.values_list("level", "via"))
    assert levels == {"parent": copy.pk, "province": copy.pk}
    assert _duty(p.plain.member, "opinion_adopted_parent") == 1
    assert _duty(p.plain.member, "opinion_adopted_province") == 1
    # The county member is credited through the county item, not twice via the city's copy.
    assert _duty(p.plain.member, "opinion_adopted_own") == 0
    assert Notification.objects.filter(
        recipient=flow.member, title__contains="上级政协采用"
    ).exists()


def test_instruction_in_the_parent_is_relayed_to_the_county(p, parent, flow):
    item, copy = approved_upstream(parent, flow)
    task = services.opinion_instruct(
        actor=parent.staff,
        opinion=copy,
        leader="市长 李某",
        main_leader=True,
        text="请市教育局研究落实。",
        unit=parent.unit,
        given_on=date(2026, 6, 3),
    )
    relayed = item.instructions.get()
    assert relayed.state == Instruction.State.RELAYED and relayed.relayed_from == task
    assert _duty(p.plain.member, "opinion_instructed_main") == 1
    services.instruction_feedback(actor=parent.unit_user, instruction=task, text="已出台方案。")
    relayed.refresh_from_db()
    assert relayed.feedback == "已出台方案。"
    assert Notification.objects.filter(recipient=flow.member, title="领导批示已有办理反馈").exists()


def test_every_instruction_is_a_task_until_feedback(p, flow):
    item = flow.approved()
    task = services.opinion_instruct(
        actor=flow.staff,
        opinion=item,
        leader="县委书记 赵某",
        main_leader=True,
        text="请县教育局会同交警大队落实。",
        unit=p.unit,
        given_on=date(2026, 11, 2),
    )
    assert task.state == Instruction.State.OPEN and task.due_on > date(2026, 11, 2)
    assert Notification.objects.filter(recipient=p.unit_user, title__startswith="请落实").exists()
    with pytest.raises(ServiceError) as exc:
        services.instruction_feedback(actor=p.other_unit_user, instruction=task, text="与我无关")
    assert exc.value.code == "instruction_forbidden"
    services.instruction_coordinate(
        actor=flow.staff, instruction=task, on=date(2026, 11, 5), note="县委办、县府办召开协调会"
    )
    done = services.instruction_feedback(actor=p.unit_user, instruction=task, text="已设护学岗。")
    assert done.state == Instruction.State.DONE
    with pytest.raises(ServiceError) as exc:
        services.instruction_feedback(actor=p.unit_user, instruction=task, text="再次反馈")
    assert exc.value.code == "instruction_wrong_state"
    assert Notification.objects.filter(recipient=flow.member, title="领导批示已有办理反馈").exists()
    assert _duty(p.plain.member, "opinion_instructed_main") == 1


def test_instruction_needs_a_department(flow):
    with pytest.raises(ServiceError) as exc:
        services.opinion_instruct(
            actor=flow.staff, opinion=flow.approved(), leader="县长", text="阅", unit=None
        )
    assert exc.value.code == "unit_required"


def test_overdue_instruction_is_reminded_once_a_day(p, flow):
    task = services.opinion_instruct(
        actor=flow.staff,
        opinion=flow.approved(),
        leader="县长 钱某",
        text="请研究。",
        unit=p.unit,
        given_on=date(2026, 1, 5),
        due_on=date(2026, 2, 5),
    )
    assert services.instruction_reminders_send(today=date(2026, 2, 5)) == 0
    assert services.instruction_reminders_send(today=date(2026, 2, 6)) == 1
    assert services.instruction_reminders_send(today=date(2026, 2, 6)) == 0
    assert services.instruction_reminders_send(today=date(2026, 2, 7)) == 1
    services.instruction_feedback(actor=p.unit_user, instruction=task, text="已办结。")
    assert services.instruction_reminders_send(today=date(2026, 2, 8)) == 0


def test_proposal_declined_into_opinion_joins_the_queue(p):
    proposal = proposals.proposal_create(
        actor=p.plain.member.user,
        kind="individual",
        title="关于菜市场摊位管理的建议",
        situation="摊位乱摆。",
        suggestions="统一规划。",
    )
    proposals.proposal_decline(
        actor=p.staff, proposal=proposal, reason="宜作社情民意反映", convert_to="opinion"
    )
    item = Opinion.objects.get(proposal=proposal)
    assert item.source == Opinion.Source.PROPOSAL and item.state == Opinion.State.SUBMITTED
    assert [a.member for a in item.authors.all()] == [p.plain.member]


def test_quota_progress_counts_submissions_and_adoptions(p, flow):
    services.opinion_quota_set(
        actor=flow.staff, committee=p.committee, year=2026, target=2, member=p.plain.member
    )
    services.opinion_quota_set(
        actor=flow.staff, committee=p.committee, year=2026, target=3, station=p.station
    )
    with pytest.raises(ServiceError):
        services.opinion_quota_set(actor=flow.staff, committee=p.committee, year=2026, target=3)
    when = datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    item = services.opinion_submit(
        actor=flow.member, title="甲", text="乙", channel="survey", now=when
    )
    item = services.opinion_approve(
        actor=flow.reviewer, opinion=services.opinion_accept(actor=flow.staff, opinion=item)
    )
    services.opinion_adopt(actor=flow.staff, opinion=item, level="own")
    rows = {r["holder"]: r for r in quota_progress(p.committee.pk, 2026)}
    assert rows[str(p.plain.member)]["submitted"] == 1 and rows[str(p.plain.member)]["adopted"] == 1
    assert rows[p.station.name]["submitted"] == 1 and not rows[p.station.name]["met"]


def test_forwarding_records_who_it_went_to(flow):
    item = flow.approved()
    with pytest.raises(ServiceError) as exc:
        services.opinion_forward(actor=flow.staff, opinion=item, to="leader")
    assert exc.value.code == "recipient_required"
    services.opinion_forward(actor=flow.staff, opinion=item, to="body", recipient="县信访局")
    assert Forwarding.objects.get().recipient == "县信访局"


def test_breakdowns_count_a_joint_item_for_each_author_and_sector(p, flow):
    item = flow.approved(author_ids=[p.chair.member.pk])
    services.opinion_adopt(actor=flow.staff, opinion=item, level="own")
    flow.submitted(actor=p.another.member.user)
    tables = opinion_breakdowns(Period(p.committee))
    authors = {r["name"]: (r["received"], r["adopted"]) for r in tables["author"]}
    assert authors == {"李委员": (1, 1), "张主席": (1, 1), "丁委员": (1, 0)}
    sectors = {r["name"]: (r["received"], r["adopted"]) for r in tables["sector"]}
    assert sectors == {"教育界": (2, 1), "经济界": (1, 1)}
    assert {r["name"]: r["received"] for r in tables["station"]} == {p.station.name: 1}
    assert opinion_stats(Period(p.committee))["adopted"] == 1
