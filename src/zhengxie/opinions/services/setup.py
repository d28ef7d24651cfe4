"""A committee's opinion settings: categories, bulletins, information officers, warning
recipients, yearly quotas; and attachments."""

from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, ServiceError, require
from zhengxie.core.models import Committee, User
from zhengxie.core.services.files import file_store
from zhengxie.duty.services import duty_record, duty_retract
from zhengxie.members.models import LiaisonStation, Member, SectorGroup

from .. import audit_actions
from ..models import (
    DEFAULT_BULLETINS,
    DEFAULT_CATEGORIES,
    Bulletin,
    InformationOfficer,
    OfficerYear,
    Opinion,
    OpinionAttachment,
    OpinionCategory,
    OpinionPolicy,
    OpinionQuota,
)
from ..permissions import can_view, is_author

NAME_REQUIRED = Problem("name_required", "请填写名称。")
ALREADY_OFFICER = Problem("already_officer", "该人员已是在任信息员。", 409)
END_BEFORE_START = Problem("officer_end_before_start", "解聘日期不能早于聘任日期。")
BAD_QUOTA = Problem("bad_quota", "请为一位委员、一个工作站或一个界别活动组设定目标。")
ATTACH_FORBIDDEN = Problem("attach_forbidden", "只有作者和机关工作人员可以上传附件。", 403)


def _staff(actor: User | None, committee: Committee) -> None:
    if actor is not None:
        require(
            actor.has_role(roles.STAFF) and actor.committee_id == committee.pk, errors.FORBIDDEN
        )


def _audited(actor, committee, action, target, after) -> None:
    audit_log(actor=actor, action=action, target=target, committee=committee, after=after)


def opinion_defaults_create(committee: Committee) -> dict[str, object]:
    """The usual categories and publications, until the committee sets its own, and the
    default rules: a step of `core.services.committee_setup`, which audits what it made."""
    created: dict[str, object] = {}
    if not OpinionCategory.objects.filter(committee=committee).exists():
        OpinionCategory.objects.bulk_create(
            OpinionCategory(committee=committee, name=name, position=i)
            for i, name in enumerate(DEFAULT_CATEGORIES)
        )
        created["opinion_categories"] = DEFAULT_CATEGORIES
    if not Bulletin.objects.filter(committee=committee).exists():
        Bulletin.objects.bulk_create(
            Bulletin(
                committee=committee,
                name=name,
                default_recipients="党委、人大常委会、政府、政协领导",
            )
            for name in DEFAULT_BULLETINS
        )
        created["bulletins"] = DEFAULT_BULLETINS
    if OpinionPolicy.objects.get_or_create(committee=committee)[1]:
        created["opinion_policy"] = True
    return created


def _named(model, actor, committee, name: str, action: str, **values):
    _staff(actor, committee)
    require(bool(name.strip()), NAME_REQUIRED)
    with transaction.atomic(durable=True):
        obj, _ = model.objects.update_or_create(
            committee=committee, name=name.strip(), defaults=values
        )
        _audited(actor, committee, action, obj, {"name": obj.name, **values})
    return obj


def opinion_category_save(*, actor, committee, name: str, is_active: bool = True):
    return _named(
        OpinionCategory, actor, committee, name, audit_actions.CATEGORY, is_active=is_active
    )


def bulletin_save(*, actor, committee, name: str, default_recipients: str = "", is_active=True):
    return _named(
        Bulletin,
        actor,
        committee,
        name,
        audit_actions.BULLETIN_SAVE,
        default_recipients=default_recipients.strip(),
        is_active=is_active,
    )


def officer_appoint(
    *,
    actor,
    committee: Committee,
    user: User,
    member: Member | None = None,
    on: date,
    note="",
    today: date | None = None,
) -> InformationOfficer:
    _staff(actor, committee)
    require(user.committee_id == committee.pk, errors.BAD_INPUT)
    with transaction.atomic(durable=True):
        require(
            not InformationOfficer.objects.filter(
                committee=committee, user=user, ended_on=None
            ).exists(),
            ALREADY_OFFICER,
        )
        officer = InformationOfficer.objects.create(
            committee=committee, user=user, member=member, appointed_on=on, note=note
        )
        _audited(actor, committee, audit_actions.OFFICER_APPOINT, officer, {"user": user.pk})
        _years_served(actor, officer, today or timezone.localdate())
    return officer


def officer_end(
    *, actor, officer: InformationOfficer, on: date, today: date | None = None
) -> InformationOfficer:
    _staff(actor, officer.committee)
    require(on >= officer.appointed_on, END_BEFORE_START)
    with transaction.atomic(durable=True):
        officer.ended_on = on
        officer.save(update_fields=["ended_on"])
        _audited(actor, officer.committee, audit_actions.OFFICER_END, officer, {"on": on})
        _years_served(actor, officer, today or timezone.localdate())
    return officer


# 信息员 service counts as one duty record per year served, not per item reported: seed 002
# L164 reports the post held ("推荐1名委员担任市政协信息员", "充分发挥选聘社情民意信息员作用") apart
# from the items gathered ("共收集社情民意信息39条"), which credit their authors already
# (opinion_submitted) — counting them again here would count them twice.
OFFICER_KIND = "opinion_officer"


def officer_years_record(*, today: date) -> int:
    """The year now begun for every member serving as 信息员 (the daily task: an appointment
    runs on into the new year); returns how many years were added."""
    added = 0
    current = InformationOfficer.objects.filter(member__isnull=False, ended_on=None)
    for officer in current.exclude(years__year=today.year).select_related("member"):
        with transaction.atomic(durable=True):
            added += _years_served(None, officer, today)
    return added


def _years_served(actor, officer: InformationOfficer, today: date) -> int:
    """The appointment's years up to today, each a duty record dated its first day served; a
    year no longer served (the end put before it) loses its record."""
    if officer.member_id is None:
        return 0
    last = min(officer.ended_on or today, today)
    begun = officer.appointed_on <= last
    served = range(officer.appointed_on.year, last.year + 1) if begun else range(0)
    for gone in officer.years.exclude(year__in=served):
        duty_retract(member=officer.member, kind=OFFICER_KIND, source=gone, actor=actor)
        gone.delete()
    added = 0
    for year in served:
        row, created = OfficerYear.objects.get_or_create(officer=officer, year=year)
        added += created
        duty_record(
            member=officer.member,
            kind=OFFICER_KIND,
            date=max(officer.appointed_on, date(year, 1, 1)),
            source=row,
            actor=actor,
        )
    return added


def opinion_policy_update(
    *, actor, committee: Committee, warning_recipients, instruction_working_days: int
) -> OpinionPolicy:
    _staff(actor, committee)
    require(
        1 <= instruction_working_days <= 120, errors.BAD_INPUT, "批示办理期限应为1至120个工作日。"
    )
    people = list(warning_recipients)
    require(all(u.committee_id == committee.pk for u in people), errors.BAD_INPUT)
    with transaction.atomic(durable=True):
        policy, _ = OpinionPolicy.objects.get_or_create(committee=committee)
        policy.instruction_working_days = instruction_working_days
        policy.save(update_fields=["instruction_working_days"])
        policy.warning_recipients.set(people)
        _audited(
            actor,
            committee,
            audit_actions.POLICY,
            policy,
            {"days": instruction_working_days, "warning": [u.pk for u in people]},
        )
    return policy


def opinion_quota_set(
    *,
    actor,
    committee: Committee,
    year: int,
    target: int,
    member: Member | None = None,
    station: LiaisonStation | None = None,
    sector_group: SectorGroup | None = None,
) -> OpinionQuota | None:
    """Set a holder's yearly target; 0 removes it."""
    _staff(actor, committee)
    holders = [h for h in (member, station, sector_group) if h is not None]
    require(len(holders) == 1 and holders[0].committee_id == committee.pk, BAD_QUOTA)
    require(2000 <= year <= 2100 and 0 <= target <= 999, errors.BAD_INPUT, "年度或目标条数不正确。")
    holder = {"member": member, "station": station, "sector_group": sector_group}
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        quota = (
            # Changing an existing target waits for another change of it (no lost update); a
            # first target set twice at once is not guarded: no unique constraint holds it.
            OpinionQuota.objects.select_for_update()
            .filter(committee=committee, year=year, **holder)
            .first()
        )
        if target == 0:
            if quota:
                quota.delete()
            quota = None
        elif quota:
            quota.target = target
            quota.save(update_fields=["target"])
        else:
            quota = OpinionQuota.objects.create(
                committee=committee, year=year, target=target, **holder
            )
        _audited(
            actor,
            committee,
            audit_actions.QUOTA,
            quota or committee,
            {"year": year, "holder": str(holders[0]), "target": target},
        )
    return quota


def opinion_attach(
    *, actor: User, opinion: Opinion, upload: UploadedFile, now: datetime | None = None
) -> OpinionAttachment:
    if not can_view(actor, opinion) or not (
        is_author(actor, opinion) or actor.has_role(roles.STAFF)
    ):
        raise ServiceError(ATTACH_FORBIDDEN)
    with transaction.atomic(durable=True):
        attachment = file_store(
            actor=actor,
            attachment=OpinionAttachment(opinion=opinion),
            upload=upload,
            action=audit_actions.ATTACH,
            target=opinion,
            now=now,
        )
    return attachment
