"""Topics: suggestions from every source (seeds_001 §1.2), co-signing, solicitations,
screening; and what other apps record on a topic."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import Committee, User
from zhengxie.members.models import (
    HandlingUnit,
    LiaisonStation,
    Member,
    Sector,
    SectorGroup,
    SpecialCommittee,
)
from zhengxie.members.permissions import unit_account
from zhengxie.members.queries import current_members, current_memberships

from .. import audit_actions
from ..models import (
    DEFAULT_CATEGORIES,
    ContentCategory,
    Form,
    Solicitation,
    SolicitationAddressee,
    Topic,
    TopicCosigner,
)
from ..workflow.topics import TOPIC

Source = Topic.Source

TITLE_REQUIRED = Problem("title_required", "请填写议题名称。")
FOREIGN = Problem("bad_reference", "所选的界别、专委会、委员小组、单位或协商内容须为本会的。")
NAME_REQUIRED = Problem("source_name_required", "请填写提出议题的党派、团体、单位或个人。")
SECTOR_REQUIRED = Problem("sector_required", "界别提出的议题须选择界别。")
SPECIAL_REQUIRED = Problem("special_committee_required", "专门委员会提出的议题须选择专委会。")
GROUP_REQUIRED = Problem("member_group_required", "委员小组提出的议题须选择委员小组或联络工作站。")
COSIGNERS_REQUIRED = Problem("cosigners_required", "委员联名议题须邀请至少一位其他委员联名。")
BAD_COSIGNER = Problem("bad_cosigner", "联名委员须为本会在任委员,且不含提出人本人。")
CONVERSION_ONLY = Problem("conversion_only", "提案和社情民意信息请从原件转为议题。")
SOURCE_FORBIDDEN = Problem("source_forbidden", "您不能以该来源提出议题。", 403)
NOT_YOURS = Problem("not_your_body", "只能以本人所在的界别、专委会或委员小组提出议题。", 403)
REASON_REQUIRED = Problem("reason_required", "请填写理由。")
ADDRESSEES_REQUIRED = Problem("addressees_required", "请至少选择一个征集对象。")
DUE_PASSED = Problem("due_passed", "截止日期不能早于今天。")
NOT_ADDRESSEE = Problem("not_addressee", "您不是该征集通知的答复对象。", 403)
CATEGORY_TAKEN = Problem("category_taken", "已有同名的协商内容。", 409)

# Recorded by the office: what the party committee, the government, the joint office and the
# public bring reaches the committee through its staff (the public portal comes later).
OFFICE_SOURCES = frozenset(
    {Source.PARTY, Source.GOVERNMENT, Source.JOINT_OFFICE, Source.PARTY_OR_ORGANISATION}
    | {Source.PUBLIC}
)
MEMBER_SOURCES = frozenset({Source.MEMBERS, Source.SECTOR, Source.SPECIAL_COMMITTEE})
MEMBER_SOURCES |= {Source.MEMBER_GROUP}
CONVERTED = frozenset({Source.PROPOSAL, Source.OPINION})


def _is_staff(actor: User) -> bool:
    return actor.has_role(roles.STAFF)


def sources_for(actor: User) -> frozenset[str]:
    """The office records a suggestion from any source (a group's, the members' too); a
    member suggests for the members, a sector, a special committee or a group."""
    if _is_staff(actor):
        return OFFICE_SOURCES | MEMBER_SOURCES
    if getattr(actor, "member", None) is not None and actor.has_role(roles.MEMBER):
        return MEMBER_SOURCES
    return frozenset()


def _same_committee(committee_id: int, *objects) -> bool:
    return all(o is None or o.committee_id == committee_id for o in objects)


def _check_source(actor: User, source: str, where: dict) -> None:
    """What each source needs (seeds_001 §1.2): the body it speaks for, named."""
    require(source not in CONVERTED, CONVERSION_ONLY)
    require(source in sources_for(actor), SOURCE_FORBIDDEN)
    needs = {
        Source.PARTY_OR_ORGANISATION: (where["source_name"], NAME_REQUIRED),
        Source.PUBLIC: (where["source_name"], NAME_REQUIRED),
        Source.SECTOR: (where["sector"], SECTOR_REQUIRED),
        Source.SPECIAL_COMMITTEE: (where["special_committee"], SPECIAL_REQUIRED),
        Source.MEMBER_GROUP: (where["sector_group"] or where["station"], GROUP_REQUIRED),
    }
    if source in needs:
        require(bool(needs[source][0]), needs[source][1])
    if not _is_staff(actor) and source != Source.MEMBERS:
        require(_belongs(actor, where), NOT_YOURS)


def _belongs(actor: User, where: dict) -> bool:
    """A member speaks for a sector, special committee or group they belong to now."""
    member = getattr(actor, "member", None)
    if member is None:
        return False
    mine = current_memberships(actor.committee_id).filter(member=member)
    if where["sector"]:
        mine = mine.filter(sector=where["sector"])
    if where["special_committee"]:
        mine = mine.filter(special_committees=where["special_committee"])
    if where["sector_group"]:
        mine = mine.filter(sector_group=where["sector_group"])
    if where["station"]:
        mine = mine.filter(station=where["station"])
    return mine.exists()


def _cosigners(actor: User, cosigners: list[Member]) -> list[Member]:
    own = getattr(actor, "member", None)
    allowed = set(current_members(actor.committee_id).values_list("pk", flat=True))
    require(all(m.pk in allowed and m != own for m in cosigners), BAD_COSIGNER)
    require(bool(cosigners), COSIGNERS_REQUIRED)
    return list(dict.fromkeys(cosigners))


def topic_suggest(
    *,
    actor: User,
    title: str,
    source: str,
    form: str,
    text: str = "",
    category: ContentCategory | None = None,
    supervisory: bool = False,
    before_decision: bool = False,
    source_name: str = "",
    sector: Sector | None = None,
    special_committee: SpecialCommittee | None = None,
    sector_group: SectorGroup | None = None,
    station: LiaisonStation | None = None,
    cosigners: list[Member] = (),
    year: int | None = None,
    now: datetime | None = None,
) -> Topic:
    """议题建议 from one of the seeds' sources; a 委员联名 one invites its co-signers, who
    confirm on the topic (only confirmed ones count)."""
    now = now or timezone.now()
    where = {
        "source_name": source_name.strip(),
        "sector": sector,
        "special_committee": special_committee,
        "sector_group": sector_group,
        "station": station,
    }
    require(actor.committee_id is not None, errors.FORBIDDEN)
    require(_same_committee(actor.committee_id, category, *list(where.values())[1:]), FOREIGN)
    _check_source(actor, source, where)
    invited = _cosigners(actor, list(cosigners)) if source == Source.MEMBERS else []
    with transaction.atomic():
        topic = _create(
            actor,
            now,
            title=title,
            text=text,
            source=source,
            form=form,
            category=category,
            supervisory=supervisory,
            before_decision=before_decision,
            year=year or timezone.localdate(now).year,
            **where,
        )
        TopicCosigner.objects.bulk_create(
            TopicCosigner(topic=topic, member=m, invited_at=now) for m in invited
        )
    users = [m.user for m in invited if m.user_id]
    TOPIC.tell(users, topic, "邀请您联名提出协商议题")
    return topic


def _create(actor: User, now: datetime, **fields) -> Topic:
    require(fields["title"].strip(), TITLE_REQUIRED)
    fields["title"] = fields["title"].strip()
    topic = Topic.objects.create(
        committee_id=actor.committee_id, submitted_by=actor, submitted_at=now, **fields
    )
    if topic.special_committee_id:
        topic.departments.set(topic.special_committee.paired_units.all())
    audit_log(
        actor=actor,
        action=audit_actions.TOPIC_SUGGEST,
        target=topic,
        committee=topic.committee,
        after={"title": topic.title, "source": topic.source, "form": topic.form},
        now=now,
    )
    return topic


def topic_from_proposal(
    *, actor: User, proposal, form: str = Form.COUNTERPART, now: datetime | None = None
) -> Topic:
    """提案→议题 (从提案'点题', seeds_001 §1.2 B): the office turns a proposal into a topic
    suggestion; the proposal itself is untouched."""
    require(_is_staff(actor) and actor.committee_id == proposal.committee_id, errors.FORBIDDEN)
    with transaction.atomic():
        return _create(
            actor,
            now or timezone.now(),
            title=proposal.title,
            text=proposal.situation,
            source=Source.PROPOSAL,
            form=form,
            proposal=proposal,
            year=timezone.localdate(now).year,
        )


def topic_from_opinion(
    *, actor: User, opinion, form: str = Form.COUNTERPART, now: datetime | None = None
) -> Topic:
    """A 社情民意 item the office finds worth consulting on (从社情民意中优选, §1.2 C)."""
    require(_is_staff(actor) and actor.committee_id == opinion.committee_id, errors.FORBIDDEN)
    with transaction.atomic():
        return _create(
            actor,
            now or timezone.now(),
            title=opinion.current_title,
            text=opinion.current_text,
            source=Source.OPINION,
            form=form,
            opinion=opinion,
            year=timezone.localdate(now).year,
        )


def _answer_invitation(actor: User, topic: Topic, action: str, now: datetime) -> Topic:
    with transaction.atomic():
        locked, transition = TOPIC.begin(actor, topic, action)
        invitation = locked.cosigners.get(member=actor.member)
        field = "confirmed_at" if action == "confirm_cosign" else "refused_at"
        setattr(invitation, field, now)
        invitation.save(update_fields=[field])
        return TOPIC.finish(actor, locked, transition, now=now, note=str(actor.member))


def topic_confirm_cosign(*, actor: User, topic: Topic, now: datetime | None = None) -> Topic:
    return _answer_invitation(actor, topic, "confirm_cosign", now or timezone.now())


def topic_refuse_cosign(*, actor: User, topic: Topic, now: datetime | None = None) -> Topic:
    return _answer_invitation(actor, topic, "refuse_cosign", now or timezone.now())


def _step(actor, topic, action, now=None, note="", **values) -> Topic:
    now = now or timezone.now()
    with transaction.atomic():
        locked, transition = TOPIC.begin(actor, topic, action)
        for name, value in values.items():
            setattr(locked, name, value)
        TOPIC.finish(actor, locked, transition, now=now, fields=tuple(values), note=note)
    return locked


def topic_accept(*, actor: User, topic: Topic, now: datetime | None = None) -> Topic:
    """采纳入库: into the pool the plan is drafted from."""
    topic = _step(actor, topic, "accept", now)
    TOPIC.tell([topic.submitted_by], topic, "您提出的协商议题已被采纳入库")
    return topic


def topic_decline(*, actor: User, topic: Topic, reason: str, now: datetime | None = None) -> Topic:
    require(reason.strip(), REASON_REQUIRED)
    topic = _step(actor, topic, "decline", now, note=reason.strip(), decline_reason=reason.strip())
    TOPIC.tell([topic.submitted_by], topic, "您提出的协商议题未被采纳", reason.strip())
    return topic


def topic_reconsider(*, actor: User, topic: Topic, now: datetime | None = None) -> Topic:
    return _step(actor, topic, "reconsider", now, decline_reason="")


def topic_arrange(
    *,
    actor: User,
    topic: Topic,
    now: datetime | None = None,
    departments: list[HandlingUnit] | None = None,
    with_sectors: list[Sector] | None = None,
    with_special_committees: list[SpecialCommittee] | None = None,
    with_members: list[Member] | None = None,
    **fields,
) -> Topic:
    """The topic's particulars (seeds_001 §1.1, §1.3): category, form, flags, time, lead,
    counterpart departments (the lead special committee's paired units unless named) and the
    participants by rule. What is not given stays as it was."""
    scope = {
        "with_sectors": with_sectors,
        "with_special_committees": with_special_committees,
        "with_members": with_members,
    }
    related = [fields.get("category"), fields.get("lead_special_committee"), *(departments or [])]
    related += [row for rows in scope.values() for row in rows or []]
    require(_same_committee(actor.committee_id, *related), FOREIGN)
    with transaction.atomic():
        topic = _step(actor, topic, "arrange", now, **fields)
        lead = topic.lead_special_committee
        if departments is None and "lead_special_committee" in fields and lead is not None:
            departments = list(lead.paired_units.all())
        if departments is not None:
            topic.departments.set(departments)
        for name, rows in scope.items():
            if rows is not None:
                getattr(topic, name).set(rows)
    return topic


def topic_research_reported(topic: Topic, *, at: datetime, actor: User) -> None:
    """A fieldwork report on the topic is final: 不调研不协商 is met from now on. The first
    report counts; later ones leave the time as it was."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.research_reported_at is not None:
        return
    locked.research_reported_at = at
    locked.save(update_fields=["research_reported_at"])
    topic.research_reported_at = at
    audit_log(
        actor=actor,
        action=audit_actions.TOPIC_RESEARCH_REPORTED,
        target=locked,
        committee=locked.committee,
        after={"research_reported_at": at.isoformat()},
    )


def solicitation_send(
    *,
    actor: User,
    title: str,
    due_on: date,
    year: int,
    text: str = "",
    special_committees: list[SpecialCommittee] = (),
    sectors: list[Sector] = (),
    units: list[HandlingUnit] = (),
    now: datetime | None = None,
) -> Solicitation:
    """征集议题通知 to special committees, sectors and units; each answers with topics."""
    now = now or timezone.now()
    require(_is_staff(actor), errors.FORBIDDEN)
    require(title.strip(), TITLE_REQUIRED)
    everyone = [*special_committees, *sectors, *units]
    require(bool(everyone), ADDRESSEES_REQUIRED)
    require(_same_committee(actor.committee_id, *everyone), FOREIGN)
    require(due_on >= timezone.localdate(now), DUE_PASSED)
    with transaction.atomic():
        sent = Solicitation.objects.create(
            committee_id=actor.committee_id,
            year=year,
            title=title.strip(),
            text=text,
            due_on=due_on,
            sent_by=actor,
            sent_at=now,
        )
        SolicitationAddressee.objects.bulk_create(
            [
                SolicitationAddressee(solicitation=sent, special_committee=c)
                for c in special_committees
            ]
            + [SolicitationAddressee(solicitation=sent, sector=s) for s in sectors]
            + [SolicitationAddressee(solicitation=sent, unit=u) for u in units]
        )
        audit_log(
            actor=actor,
            action=audit_actions.SOLICITATION_SEND,
            target=sent,
            committee=actor.committee,
            after={"title": sent.title, "due_on": due_on.isoformat(), "addressees": len(everyone)},
            now=now,
        )
    return sent


def may_answer(user: User, addressee: SolicitationAddressee) -> bool:
    """The office, a member of the special committee or sector addressed, an account of the
    unit addressed."""
    if user.committee_id != addressee.solicitation.committee_id:
        return False
    if _is_staff(user):
        return True
    if addressee.unit_id:
        account = unit_account(user)
        return account is not None and account.unit_id == addressee.unit_id
    member = getattr(user, "member", None)
    if member is None:
        return False
    mine = current_memberships(user.committee_id).filter(member=member)
    if addressee.sector_id:
        return mine.filter(sector_id=addressee.sector_id).exists()
    return mine.filter(special_committees=addressee.special_committee_id).exists()


def solicitation_answer(
    *,
    actor: User,
    addressee: SolicitationAddressee,
    title: str,
    form: str,
    text: str = "",
    category: ContentCategory | None = None,
    supervisory: bool = False,
    now: datetime | None = None,
) -> Topic:
    """One topic in answer to a solicitation, suggested in the addressee's name."""
    now = now or timezone.now()
    require(may_answer(actor, addressee), NOT_ADDRESSEE)
    require(_same_committee(actor.committee_id, category), FOREIGN)
    speaks_for = {
        "source": Source.SPECIAL_COMMITTEE,
        "special_committee": addressee.special_committee,
    }
    if addressee.sector_id:
        speaks_for = {"source": Source.SECTOR, "sector": addressee.sector}
    if addressee.unit_id:
        speaks_for = {"source": Source.GOVERNMENT, "source_name": addressee.unit.name}
    with transaction.atomic():
        topic = _create(
            actor,
            now,
            title=title,
            text=text,
            form=form,
            category=category,
            supervisory=supervisory,
            answering=addressee,
            year=addressee.solicitation.year,
            **speaks_for,
        )
        SolicitationAddressee.objects.filter(pk=addressee.pk, answered_at=None).update(
            answered_at=now
        )
    return topic


def content_category_add(*, actor: User, name: str) -> ContentCategory:
    """A committee's own content of consultation (结合实际丰富协商内容, seeds_001 §1.1)."""
    require(_is_staff(actor), errors.FORBIDDEN)
    require(name.strip(), errors.BAD_INPUT, "请填写协商内容名称。")
    committee_id = actor.committee_id
    taken = ContentCategory.objects.filter(committee_id=committee_id, name=name.strip())
    require(not taken.exists(), CATEGORY_TAKEN)
    with transaction.atomic():
        position = ContentCategory.objects.filter(committee_id=committee_id).count()
        category = ContentCategory.objects.create(
            committee_id=committee_id, name=name.strip(), position=position
        )
        audit_log(
            actor=actor,
            action=audit_actions.CATEGORY_ADD,
            target=category,
            committee=actor.committee,
            after={"name": category.name},
        )
    return category


def consultation_defaults_create(committee: Committee) -> dict[str, object]:
    """The twelve contents of consultation: a step of `core.services.committee_setup`."""
    if ContentCategory.objects.filter(committee=committee).exists():
        return {}
    ContentCategory.objects.bulk_create(
        ContentCategory(committee=committee, name=name, position=i)
        for i, name in enumerate(DEFAULT_CATEGORIES)
    )
    return {"content_categories": DEFAULT_CATEGORIES}
