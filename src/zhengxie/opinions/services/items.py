"""Intake and editing of public-opinion items: submit, accept, return, merge, decline, edit,
flag, approve (four-eyes)."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User
from zhengxie.core.queries import staff_users
from zhengxie.members.models import LiaisonStation, Member, SectorGroup
from zhengxie.members.queries import current_members

from .. import audit_actions
from ..models import Opinion, OpinionAuthor, OpinionCategory
from ..permissions import can_submit, is_officer
from ..queries import policy_for, warning_recipients
from ..workflow import OPEN, OPINION
from .base import author_users, credit

S = Opinion.State
Source = Opinion.Source
NOT_ALLOWED = Problem(
    "opinion_submit_forbidden", "只有委员、信息员和机关工作人员可以报送社情民意信息。", 403
)
TITLE_REQUIRED = Problem("title_required", "请填写标题。")
TEXT_REQUIRED = Problem("text_required", "请填写信息内容(反映人、基本情况和建议)。")
BAD_CHANNEL = Problem("bad_channel", "请选择信息来源渠道。")
BAD_AUTHOR = Problem("bad_author", "署名作者须为本会在任委员。")
CITIZEN_NAME_REQUIRED = Problem("citizen_name_required", "代录群众来信来电,请填写反映人。")
SOURCE_FORBIDDEN = Problem(
    "source_forbidden", "代工作站、界别活动组或群众报送,须由机关工作人员录入。", 403
)
REASON_REQUIRED = Problem("reason_required", "请填写理由。")
BAD_MERGE = Problem("bad_merge", "只能并入本会另一条待处理或编辑中的信息。", 409)


def _authors(actor: User, author_ids: list[int]) -> list[Member]:
    ids = list(dict.fromkeys(author_ids))
    own = getattr(actor, "member", None)
    if own is not None and actor.has_role(roles.MEMBER):
        ids = [own.pk, *[i for i in ids if i != own.pk]]
    # Co-authors as cosigners are (proposals' BAD_COSIGNER): a member who has left is refused,
    # not silently dropped, so the submitter sees whom the item will not credit. The submitting
    # member is their own author whatever their membership; can_submit decides whether they may.
    current = current_members(actor.committee_id).filter(pk__in=ids)
    found = {m.pk: m for m in current.distinct()}
    if own is not None and own.pk in ids and own.pk not in found:
        found[own.pk] = own
    require(len(found) == len(ids), BAD_AUTHOR)
    return [found[i] for i in ids]


def _source(actor: User, source: str | None, station, sector_group, citizen_name: str) -> str:
    if source is None:
        if station is not None:
            source = Source.STATION
        elif sector_group is not None:
            source = Source.SECTOR_GROUP
        elif actor.has_role(roles.MEMBER):
            source = Source.MEMBER
        else:
            source = Source.OFFICER if is_officer(actor) else Source.CITIZEN
    allowed = {Source.MEMBER, Source.STATION, Source.SECTOR_GROUP, Source.OFFICER, Source.CITIZEN}
    require(source in allowed, errors.BAD_INPUT, "报送方取值不正确。")
    if source == Source.CITIZEN:
        require(actor.has_role(roles.STAFF), SOURCE_FORBIDDEN)
        require(bool(citizen_name.strip()), CITIZEN_NAME_REQUIRED)
    if source == Source.OFFICER:
        require(is_officer(actor) or actor.has_role(roles.STAFF), NOT_ALLOWED)
    require(source != Source.STATION or station is not None, errors.BAD_INPUT, "请选择工作站。")
    require(
        source != Source.SECTOR_GROUP or sector_group is not None,
        errors.BAD_INPUT,
        "请选择界别活动组。",
    )
    return source


def _in_committee(actor: User, *objs) -> None:
    for obj in objs:
        require(obj is None or obj.committee_id == actor.committee_id, errors.BAD_INPUT)


def opinion_submit(
    *,
    actor: User,
    title: str,
    text: str,
    channel: str,
    category: OpinionCategory | None = None,
    author_ids: list[int] = (),
    source: str | None = None,
    station: LiaisonStation | None = None,
    sector_group: SectorGroup | None = None,
    citizen_name: str = "",
    urgent: bool = False,
    now: datetime | None = None,
) -> Opinion:
    """A new item from a member (alone or with co-authors), a station or sector group, an
    information officer, or staff recording a citizen's call or letter."""
    require(can_submit(actor), NOT_ALLOWED)
    require(bool(title.strip()), TITLE_REQUIRED)
    require(bool(text.strip()), TEXT_REQUIRED)
    require(channel in Opinion.Channel.values, BAD_CHANNEL)
    _in_committee(actor, category, station, sector_group)
    source = _source(actor, source, station, sector_group, citizen_name)
    authors = _authors(actor, list(author_ids))
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        opinion = Opinion.objects.create(
            committee_id=actor.committee_id,
            year=timezone.localtime(now).year,
            title=title.strip(),
            text=text.strip(),
            category=category,
            channel=channel,
            source=source,
            station=station,
            sector_group=sector_group,
            citizen_name=citizen_name.strip(),
            urgent=urgent,
            submitted_by=actor,
            submitted_at=now,
        )
        _received(actor, opinion, authors, now)
    return opinion


def _received(actor: User | None, opinion: Opinion, authors: list[Member], now) -> None:
    OpinionAuthor.objects.bulk_create(
        OpinionAuthor(opinion=opinion, member=m, position=i) for i, m in enumerate(authors)
    )
    OPINION.log(
        actor,
        opinion,
        "submit",
        audit_action=audit_actions.SUBMIT,
        now=now,
        before="",
        audit={"urgent": opinion.urgent},
    )
    credit(opinion, "opinion_submitted", timezone.localtime(now).date(), opinion, actor)
    OPINION.tell(staff_users(opinion.committee_id), opinion, "收到新的社情民意信息")
    if opinion.urgent:
        warn_leaders(opinion)


def warn_leaders(opinion: Opinion) -> None:
    """预警: the leaders on duty (or, if none are named, every leader) and staff hear at once."""
    leaders = list(warning_recipients(policy_for(opinion.committee_id)))
    if not leaders:
        leaders = list(
            User.objects.filter(
                committee_id=opinion.committee_id, groups__name=roles.LEADER, is_active=True
            )
        )
    recipients = {u.pk: u for u in [*leaders, *staff_users(opinion.committee_id)]}
    OPINION.tell(
        recipients.values(), opinion, f"【预警】{opinion.current_title}", opinion.current_text[:200]
    )


def opinion_from_proposal(*, actor: User, proposal, now: datetime | None = None) -> Opinion:
    """A proposal declined "into 社情民意" joins the opinions queue with its proposers as
    authors."""
    existing = Opinion.objects.filter(proposal=proposal).first()
    if existing is not None:  # declined again after a logged correction
        return existing
    now = now or timezone.now()
    body = "\n".join(t for t in (proposal.situation, proposal.analysis, proposal.suggestions) if t)
    authors = [proposal.proposer] if proposal.proposer else []
    authors += [c.member for c in proposal.cosigners.exclude(confirmed_at=None)]
    # Not durable: proposal_decline hands the proposal over inside its transaction.
    with transaction.atomic():
        opinion = Opinion.objects.create(
            committee_id=proposal.committee_id,
            year=timezone.localtime(now).year,
            title=proposal.title,
            text=body or proposal.body or proposal.title,
            channel=Opinion.Channel.OTHER,
            source=Source.PROPOSAL,
            submitted_by=proposal.submitted_by,
            submitted_at=now,
            proposal=proposal,
        )
        _received(actor, opinion, authors, now)
    return opinion


def opinion_resubmit(
    *, actor: User, opinion: Opinion, text: str, title: str = "", now: datetime | None = None
) -> Opinion:
    require(bool(text.strip()), TEXT_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = OPINION.begin(actor, opinion, "resubmit")
        previous = locked.text
        locked.text, locked.title = text.strip(), title.strip() or locked.title
        locked.return_reason = ""
        OPINION.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("text", "title", "return_reason"),
            note=f"原稿:{previous}",
        )
        OPINION.tell(staff_users(locked.committee_id), locked, "社情民意信息已补充后重新报送")
    return locked


def opinion_accept(
    *,
    actor: User,
    opinion: Opinion,
    category: OpinionCategory | None = None,
    edited_title: str = "",
    edited_text: str = "",
    urgent: bool | None = None,
    now: datetime | None = None,
) -> Opinion:
    """Staff take the item in for editing; whoever accepts or edits is its editor, and
    another staff member must approve it."""
    _in_committee(actor, category)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = OPINION.begin(actor, opinion, "accept")
        locked.category = category or locked.category
        _set_edit(locked, actor, edited_title, edited_text, now)
        became_urgent = bool(urgent) and not locked.urgent
        if urgent is not None:
            locked.urgent = urgent
        OPINION.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("category", "editor", "edited_at", "edited_title", "edited_text", "urgent"),
        )
        if became_urgent:
            warn_leaders(locked)
    return locked


def _set_edit(opinion: Opinion, actor: User, title: str, text: str, now) -> None:
    # The boxes start with the current text: one sent back as the original is no edit.
    title, text = title.strip(), text.strip()
    opinion.edited_title = "" if title == opinion.title else title or opinion.edited_title
    opinion.edited_text = "" if text == opinion.text else text or opinion.edited_text
    opinion.editor, opinion.edited_at = actor, now


def opinion_edit(
    *, actor: User, opinion: Opinion, edited_text: str, edited_title: str = "", now=None
) -> Opinion:
    """A new edited text; an approved item goes back for review."""
    require(bool(edited_text.strip()), TEXT_REQUIRED)
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        locked, transition = OPINION.begin(actor, opinion, "edit")
        _set_edit(locked, actor, edited_title, edited_text, now)
        locked.approved_by, locked.approved_at = None, None
        return OPINION.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=(
                "editor",
                "edited_at",
                "edited_title",
                "edited_text",
                "approved_by",
                "approved_at",
            ),
        )


def _with_reason(action: str, field: str, title: str):
    def service(*, actor: User, opinion: Opinion, reason: str, now=None) -> Opinion:
        require(bool(reason.strip()), REASON_REQUIRED)
        now = now or timezone.now()
        # Not durable: the demo loader runs it inside its one transaction.
        with transaction.atomic():
            locked, transition = OPINION.begin(actor, opinion, action)
            setattr(locked, field, reason.strip())
            OPINION.finish(actor, locked, transition, now=now, fields=(field,), note=reason.strip())
            OPINION.tell(
                author_users(locked), locked, title, f"{locked.released_title}:{reason.strip()}"
            )
        return locked

    service.__name__ = f"opinion_{action}"
    return service


opinion_return = _with_reason("return", "return_reason", "您的社情民意信息被退回补充")
opinion_decline = _with_reason("decline", "decline_reason", "您的社情民意信息未予采用")


def opinion_flag(*, actor: User, opinion: Opinion, reason: str, now=None) -> Opinion:
    """The reviewer marks sensitive content: it may still be reported to leaders and the
    parent committee, but not printed in a bulletin."""
    require(bool(reason.strip()), REASON_REQUIRED)
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = OPINION.begin(actor, opinion, "flag")
        locked.sensitive, locked.sensitive_reason = True, reason.strip()
        OPINION.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("sensitive", "sensitive_reason"),
            note=reason.strip(),
        )
        if locked.editor:
            OPINION.tell([locked.editor], locked, "社情民意信息被标记为敏感内容", reason.strip())
    return locked


def opinion_approve(*, actor: User, opinion: Opinion, now=None) -> Opinion:
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = OPINION.begin(actor, opinion, "approve")
        locked.approved_by, locked.approved_at = actor, now
        OPINION.finish(actor, locked, transition, now=now, fields=("approved_by", "approved_at"))
        OPINION.tell(author_users(locked), locked, "您的社情民意信息已审核编发")
    return locked


def opinion_merge(*, actor: User, opinion: Opinion, into: Opinion, now=None) -> Opinion:
    """Merge `opinion` into `into`; its authors are credited on `into` from now on."""
    now = now or timezone.now()
    # Not durable: the demo loader runs it inside its one transaction.
    with transaction.atomic():
        locked, transition = OPINION.begin(actor, opinion, "merge")
        # The item merged into must stay open while authors join it (not merged away itself).
        target = Opinion.objects.select_for_update().get(pk=into.pk)
        require(
            target.pk != locked.pk
            and target.committee_id == locked.committee_id
            and target.state in OPEN,
            BAD_MERGE,
        )
        present = set(target.authors.values_list("member_id", flat=True))
        start = target.authors.count()
        new = [a.member for a in locked.authors.all() if a.member_id not in present]
        OpinionAuthor.objects.bulk_create(
            OpinionAuthor(opinion=target, member=m, position=start + i) for i, m in enumerate(new)
        )
        locked.merged_into = target
        OPINION.finish(
            actor,
            locked,
            transition,
            now=now,
            fields=("merged_into",),
            note=f"并入:{target.released_title}",
            audit={"into": target.pk},
        )
        OPINION.log(
            actor,
            target,
            "merge",
            audit_action=OPINION["merge"].audit,
            now=now,
            before=target.state,
            note=f"并入:{locked.title}",
        )
        OPINION.tell(author_users(locked), locked, "您的社情民意信息已与同类信息合并编辑")
    return locked
