"""Writes of fieldwork: creating it, the group, the schedule, attendance, findings, drafts,
the final version and the report, which forms a consultations.Outcome and tells the topic
its research is done (不调研不协商)."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.consultations.models import Outcome, Topic
from zhengxie.consultations.services import outcome_create, topic_research_reported
from zhengxie.consultations.services.outcomes import MAX_SUGGESTIONS, TOO_MANY_SUGGESTIONS
from zhengxie.core import errors
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import User
from zhengxie.duty.services import duty_record, duty_retract
from zhengxie.lib.dates import local_date
from zhengxie.members.models import Member, SectorGroup, SpecialCommittee
from zhengxie.members.queries import current_memberships

from . import audit_actions, permissions, queries
from .models import Attendance, Draft, Fieldwork, FieldworkRules, Finding, Participant, Visit
from .workflow import FIELDWORK

TITLE_REQUIRED = Problem("title_required", "请填写名称。")
TEXT_REQUIRED = Problem("text_required", "请填写正文。")
BAD_DATES = Problem("bad_dates", "结束日期不能早于开始日期。")
PARTNERS_REQUIRED = Problem(
    "partners_required", "联合视察调研请写明联合的人大代表、其他政协或单位。"
)
BAD_CHAIR = Problem("bad_chair", "负总责的须为本会主席。")
BAD_VICE_CHAIR = Problem("bad_vice_chair", "分管副主席须为本会副主席。")
FOREIGN = Problem("bad_choice", "所选议题、专委会或活动组须为本会的。")
GROUP_FULL = Problem("group_full", "调研组人数已达本会规定的上限,请严格控制调研组人数。", 409)
ALREADY_IN_GROUP = Problem("already_in_group", "该委员已在调研组中。", 409)
LEADER_TAKEN = Problem("leader_taken", "调研组已有组长。", 409)
MEMBER_REQUIRED = Problem("member_required", "委员和政协领导请从本会在任委员中选择。")
NAME_REQUIRED = Problem("name_required", "非委员成员请填写姓名和单位职务。")
BAD_MEMBER = Problem("bad_member", "调研组成员须为本会在任委员。")
NOT_IN_GROUP = Problem("not_in_group", "所选人员不是本调研组的成员。")
BAD_AUTHOR = Problem("bad_author", "报告执笔人须为调研组中的委员。")
BAD_LIMIT = Problem("bad_limit", "调研组人数上限须在1至200人之间。")
REASON_REQUIRED = Problem("reason_required", "请填写取消原因。")

REPORT_KINDS = {
    Fieldwork.Kind.INSPECTION: Outcome.Kind.INSPECTION_REPORT,
    Fieldwork.Kind.RESEARCH: Outcome.Kind.RESEARCH_REPORT,
    Fieldwork.Kind.STUDY_TOUR: Outcome.Kind.STUDY_REPORT,
}
MAX_GROUP_LIMIT = 200


def _in_committee(committee_id: int, *records) -> bool:
    return all(r is None or r.committee_id == committee_id for r in records)


def _check_chain(committee_id: int, chair: Member | None, vice_chair: Member | None) -> None:
    posts = dict(
        current_memberships(committee_id)
        .filter(member__in=[m for m in (chair, vice_chair) if m])
        .values_list("member_id", "post")
    )
    require(chair is None or posts.get(chair.pk) == "chair", BAD_CHAIR)
    require(vice_chair is None or posts.get(vice_chair.pk) == "vice_chair", BAD_VICE_CHAIR)


@transaction.atomic
def fieldwork_create(
    *,
    actor: User,
    kind: str,
    title: str,
    mode: str = Fieldwork.Mode.SPECIAL,
    partners: str = "",
    purpose: str = "",
    topic: Topic | None = None,
    chair: Member | None = None,
    vice_chair: Member | None = None,
    lead_committee: SpecialCommittee | None = None,
    member_group: SectorGroup | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Fieldwork:
    require(permissions.can_create(actor), errors.FORBIDDEN)
    committee_id = actor.committee_id
    require(bool(title.strip()), TITLE_REQUIRED)
    require(not (starts_on and ends_on and ends_on < starts_on), BAD_DATES)
    require(mode != Fieldwork.Mode.JOINT or bool(partners.strip()), PARTNERS_REQUIRED)
    require(_in_committee(committee_id, topic, lead_committee, member_group), FOREIGN)
    _check_chain(committee_id, chair, vice_chair)
    fieldwork = Fieldwork.objects.create(
        committee_id=committee_id,
        kind=kind,
        mode=mode,
        partners=partners.strip(),
        title=title.strip(),
        purpose=purpose,
        topic=topic,
        chair=chair,
        vice_chair=vice_chair,
        lead_committee=lead_committee,
        member_group=member_group,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action=audit_actions.CREATE,
        target=fieldwork,
        committee=actor.committee,
        after={"kind": kind, "mode": mode, "title": fieldwork.title, "topic": topic and topic.pk},
    )
    return fieldwork


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


@transaction.atomic
def fieldwork_start(*, actor: User, fieldwork: Fieldwork, now: datetime | None = None):
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "start")
    return FIELDWORK.finish(actor, fieldwork, step, now=_now(now))


@transaction.atomic
def fieldwork_cancel(*, actor: User, fieldwork: Fieldwork, reason: str, now=None):
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "cancel")
    require(bool(reason.strip()), REASON_REQUIRED)
    fieldwork.cancel_reason = reason.strip()
    return FIELDWORK.finish(
        actor, fieldwork, step, now=_now(now), fields=("cancel_reason",), note=reason.strip()
    )


# The group.


def _check_person(fieldwork: Fieldwork, role: str, member, name: str, unit: str) -> None:
    if role in (Participant.Role.MEMBER, Participant.Role.LEADER):
        require(member is not None, MEMBER_REQUIRED)
        current = current_memberships(fieldwork.committee_id).filter(member=member)
        require(current.exists(), BAD_MEMBER)
        taken = fieldwork.group.filter(member=member).exists()
        require(not taken, ALREADY_IN_GROUP)
    else:
        require(member is None and bool(name.strip()) and bool(unit.strip()), NAME_REQUIRED)


@transaction.atomic
def participant_add(
    *,
    actor: User,
    fieldwork: Fieldwork,
    role: str,
    member: Member | None = None,
    name: str = "",
    unit: str = "",
    is_leader: bool = False,
    now: datetime | None = None,
) -> Participant:
    """严格控制调研组人数 (seeds_001 L437): the group never grows past the committee's limit;
    everyone counts, members or not."""
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "add_participant")
    limit = queries.rules_for(fieldwork.committee_id).group_limit
    size = fieldwork.group.count()
    require(
        size < limit, GROUP_FULL, f"调研组人数已达本会规定的上限{limit}人,请严格控制调研组人数。"
    )
    _check_person(fieldwork, role, member, name, unit)
    require(not (is_leader and fieldwork.group.filter(is_leader=True).exists()), LEADER_TAKEN)
    person = Participant.objects.create(
        fieldwork=fieldwork,
        role=role,
        member=member,
        name="" if member else name.strip(),
        unit="" if member else unit.strip(),
        is_leader=is_leader,
    )
    FIELDWORK.finish(
        actor,
        fieldwork,
        step,
        now=_now(now),
        note=person.display_name,
        audit={"participant": person.display_name, "role": role, "group_leader": is_leader},
    )
    return person


@transaction.atomic
def participant_remove(*, actor: User, fieldwork: Fieldwork, participant: Participant, now=None):
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "remove_participant")
    require(participant.fieldwork_id == fieldwork.pk, NOT_IN_GROUP)
    if participant.member_id:
        for visit in fieldwork.visits.filter(attendance__participant=participant):
            duty_retract(
                member=participant.member, kind="fieldwork_visit", source=visit, actor=actor
            )
    name = participant.display_name
    participant.delete()
    return FIELDWORK.finish(
        actor, fieldwork, step, now=_now(now), note=name, audit={"participant": name}
    )


# The schedule, attendance and findings.


@transaction.atomic
def visit_add(
    *,
    actor: User,
    fieldwork: Fieldwork,
    date: date,
    place: str,
    unit_visited: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Visit:
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "add_visit")
    require(bool(place.strip()), Problem("place_required", "请填写走访地点。"))
    visit = Visit.objects.create(
        fieldwork=fieldwork,
        date=date,
        place=place.strip(),
        unit_visited=unit_visited.strip(),
        note=note.strip(),
    )
    FIELDWORK.finish(
        actor,
        fieldwork,
        step,
        now=_now(now),
        note=str(visit),
        audit={"visit": visit.pk, "date": date.isoformat(), "place": visit.place},
    )
    return visit


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    fieldwork: Fieldwork,
    visit: Visit,
    present: Iterable[Participant],
    now: datetime | None = None,
) -> Visit:
    """Who was at the visit, as a whole list: those added gain the duty of taking part, those
    taken off lose it."""
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "attendance")
    present = list(present)
    require(visit.fieldwork_id == fieldwork.pk, NOT_IN_GROUP)
    require(all(p.fieldwork_id == fieldwork.pk for p in present), NOT_IN_GROUP)
    before = {a.participant_id: a for a in visit.attendance.select_related("participant__member")}
    wanted = {p.pk: p for p in present}
    for pk, row in before.items():
        if pk not in wanted:
            _uncredit_visit(actor, visit, row.participant)
            row.delete()
    for pk, person in wanted.items():
        if pk not in before:
            Attendance.objects.create(visit=visit, participant=person)
            _credit_visit(actor, fieldwork, visit, person)
    FIELDWORK.finish(
        actor,
        fieldwork,
        step,
        now=_now(now),
        note=str(visit),
        audit={"visit": visit.pk, "present": sorted(wanted)},
    )
    return visit


def _credit_visit(actor, fieldwork: Fieldwork, visit: Visit, person: Participant) -> None:
    if person.member_id:
        note = f"{fieldwork.get_kind_display()}:{fieldwork.title}"[:200]
        duty_record(
            member=person.member,
            kind="fieldwork_visit",
            date=visit.date,
            source=visit,
            note=note,
            actor=actor,
        )


def _uncredit_visit(actor, visit: Visit, person: Participant) -> None:
    if person.member_id:
        duty_retract(member=person.member, kind="fieldwork_visit", source=visit, actor=actor)


@transaction.atomic
def finding_add(*, actor: User, fieldwork: Fieldwork, visit: Visit, text: str, now=None):
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "add_finding")
    require(visit.fieldwork_id == fieldwork.pk, NOT_IN_GROUP)
    require(bool(text.strip()), TEXT_REQUIRED)
    finding = Finding.objects.create(visit=visit, text=text.strip(), recorded_at=_now(now))
    FIELDWORK.finish(actor, fieldwork, step, now=_now(now), audit={"visit": visit.pk})
    return finding


# Drafts, the final version, the report.


@transaction.atomic
def draft_write(
    *,
    actor: User,
    fieldwork: Fieldwork,
    title: str,
    text: str,
    suggestions: str = "",
    now: datetime | None = None,
) -> Draft:
    """Only a member of the group writes a draft (the `group_member` actor), as its author."""
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "write_draft")
    require(bool(title.strip()), TITLE_REQUIRED)
    require(bool(text.strip()), TEXT_REQUIRED)
    # Its lines become the report's numbered suggestions (outcome_create's limit).
    lines = Draft(suggestions=suggestions).suggestion_list
    require(len(lines) <= MAX_SUGGESTIONS, TOO_MANY_SUGGESTIONS)
    now = _now(now)
    draft = Draft.objects.create(
        fieldwork=fieldwork,
        author=actor.member,
        title=title.strip(),
        text=text,
        suggestions=suggestions,
        written_at=now,
    )
    duty_record(
        member=actor.member,
        kind="fieldwork_draft",
        date=local_date(now),
        source=draft,
        note=draft.title[:200],
        actor=actor,
    )
    FIELDWORK.finish(actor, fieldwork, step, now=now, note=draft.title, audit={"draft": draft.pk})
    return draft


@transaction.atomic
def draft_select(*, actor: User, fieldwork: Fieldwork, draft: Draft, now=None) -> Draft:
    """One final version: choosing another replaces the one chosen before."""
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "select_draft")
    require(draft.fieldwork_id == fieldwork.pk, errors.NOT_FOUND)
    fieldwork.drafts.filter(final=True).exclude(pk=draft.pk).update(final=False)
    if not draft.final:
        draft.final = True
        draft.save(update_fields=["final"])
    FIELDWORK.finish(
        actor, fieldwork, step, now=_now(now), note=draft.title, audit={"draft": draft.pk}
    )
    return draft


def _group_members(fieldwork: Fieldwork) -> list[Member]:
    return [p.member for p in fieldwork.group.select_related("member") if p.member_id]


@transaction.atomic
def fieldwork_report(
    *,
    actor: User,
    fieldwork: Fieldwork,
    title: str = "",
    written_on: date | None = None,
    authors: Iterable[Member] = (),
    now: datetime | None = None,
) -> Outcome:
    """The final report, formed from the final draft as the committee's outcome with its
    suggestions numbered one by one; its topic's consultations may be held from now on
    (不调研不协商). Its authors (the final draft's by default) and the group's members
    follow the outcome, whose creation records each author's duty (执笔): once, on the
    outcome, so that writing one report is not counted twice."""
    fieldwork, step = FIELDWORK.begin(actor, fieldwork, "report")
    now = _now(now)
    final = fieldwork.drafts.select_related("author").get(final=True)
    members = _group_members(fieldwork)
    authors = list(authors) or [final.author]
    group_ids = {m.pk for m in members}
    require(all(a.pk in group_ids for a in authors), BAD_AUTHOR)
    outcome = outcome_create(
        committee=fieldwork.committee,
        kind=REPORT_KINDS[fieldwork.kind],
        title=title.strip() or final.title,
        text=final.text,
        written_on=written_on or local_date(now),
        actor=actor,
        topic=fieldwork.topic,
        suggestions=final.suggestion_list,
        authors=authors,
        participants=members,
        now=now,
    )
    if fieldwork.topic is not None:
        topic_research_reported(fieldwork.topic, at=now, actor=actor)
    fieldwork.outcome, fieldwork.reported_at = outcome, now
    FIELDWORK.finish(
        actor,
        fieldwork,
        step,
        now=now,
        fields=("outcome", "reported_at"),
        note=outcome.title,
        audit={"outcome": outcome.pk, "suggestions": len(final.suggestion_list)},
    )
    return outcome


# The committee's rules.


@transaction.atomic
def rules_set(*, actor: User, group_limit: int) -> FieldworkRules:
    if not permissions.can_set_rules(actor):
        raise ServiceError(errors.FORBIDDEN)
    require(1 <= group_limit <= MAX_GROUP_LIMIT, BAD_LIMIT)
    rules, _ = FieldworkRules.objects.select_for_update().get_or_create(
        committee_id=actor.committee_id
    )
    before = rules.group_limit
    rules.group_limit = group_limit
    rules.save(update_fields=["group_limit"])
    audit_log(
        actor=actor,
        action=audit_actions.RULES,
        target=rules,
        committee=actor.committee,
        before={"group_limit": before},
        after={"group_limit": group_limit},
    )
    return rules
