"""Reads of the activities area for pages and API, each with its audience: staff and leaders
read their committee's consultations whole; a member reads those they take part in (invited
to the meeting, or any without a meeting) and only their own written opinions; a
department reads only the materials it owes."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.meetings.models import Invitation, Speech
from zhengxie.meetings.queries import Attendance, attendance, speeches_for
from zhengxie.members.models import Membership
from zhengxie.members.permissions import unit_account
from zhengxie.members.queries import current_members
from zhengxie.proposals.models import Proposal

from ..models import (
    Consultation,
    ConsultationStep,
    MaterialFile,
    MaterialRequest,
    MemberAttendance,
    MemberOpinion,
    UnitAttendance,
    WrittenRequest,
    WrittenRequestFile,
)
from ..workflow.activities import gathers_opinion

LIST_RELATED = ("topic", "special_committee", "sector_group", "station")


def reads_whole(user: User) -> bool:
    """The office and the leaders read every part of their committee's consultations."""
    return user.has_role(roles.STAFF, roles.LEADER)


def _current_member(user: User):
    member = getattr(user, "member", None)
    if member is None or not current_members(user.committee_id).filter(pk=member.pk).exists():
        return None
    return member


def offered_now(c: Consultation, action: str, now: datetime) -> bool:
    """Whether the page and the API offer `action`, which the engine allows: a written opinion
    on an online session only inside its window. The service refuses one outside it at its
    own `now`; the engine's guards do not read the clock."""
    return action != "opine" or c.takes_opinions(now)


def consultations_for(user: User) -> QuerySet[Consultation]:
    rows = Consultation.objects.filter(committee_id=user.committee_id).select_related(*LIST_RELATED)
    if reads_whole(user):
        return rows
    member = _current_member(user)
    if member is None:
        return rows.none()
    invited = Invitation.objects.filter(meeting=OuterRef("meeting_id"), member=member)
    return rows.filter(Q(meeting=None) | Q(Exists(invited)))


def consultation_for_user(user: User, pk: int) -> Consultation:
    """The consultation if `user` may read it; 404 otherwise, so ids reveal nothing."""
    return get_object_or_404(consultations_for(user).select_related("meeting"), pk=pk)


@dataclass(frozen=True)
class ConsultationFilter:
    form: str | None = None
    level: str | None = None
    year: int | None = None
    state: str | None = None


def filtered(rows: QuerySet[Consultation], criteria: ConsultationFilter) -> QuerySet:
    if criteria.form:
        rows = rows.filter(form=criteria.form)
    if criteria.level:
        rows = rows.filter(level=criteria.level)
    if criteria.year:
        rows = rows.filter(date__year=criteria.year)
    if criteria.state:
        rows = rows.filter(state=criteria.state)
    return rows


def opinions_for(user: User, consultation: Consultation) -> QuerySet[MemberOpinion]:
    """Staff and leaders read every member's opinion; a member their own."""
    rows = consultation.opinions.select_related("member")
    if reads_whole(user):
        return rows
    return rows.filter(member__user=user)


def linkable_proposals(committee_id: int) -> QuerySet[Proposal]:
    """The proposals a consultation may concern: the committee's submitted ones (a draft is
    its authors' alone, as everywhere in proposals)."""
    return Proposal.objects.filter(committee_id=committee_id).exclude(state=Proposal.State.DRAFT)


def members_present_for(user: User, consultation: Consultation) -> QuerySet[MemberAttendance]:
    """Who took part in a consultation without a meeting: staff and leaders read the list, a
    member only whether they are on it."""
    rows = consultation.member_attendance.select_related("member")
    if reads_whole(user):
        return rows
    return rows.filter(member__user=user)


def material_requests_for(user: User, consultation: Consultation) -> QuerySet[MaterialRequest]:
    if not reads_whole(user):
        return MaterialRequest.objects.none()
    return consultation.material_requests.select_related("unit")


def unit_attendance_for(user: User, consultation: Consultation) -> QuerySet[UnitAttendance]:
    if not reads_whole(user):
        return UnitAttendance.objects.none()
    return consultation.unit_attendance.select_related("unit")


def steps_for(user: User, consultation: Consultation) -> QuerySet[ConsultationStep]:
    """The timeline is the office's working record."""
    if not reads_whole(user):
        return ConsultationStep.objects.none()
    return consultation.steps.all()


def meeting_attendance(consultation: Consultation) -> Attendance | None:
    """Who came: read from the meeting the consultation was held as."""
    return attendance(consultation.meeting) if consultation.meeting_id else None


def speeches_of(user: User, consultation: Consultation) -> QuerySet[Speech]:
    """The speeches at its meeting, under the meetings app's audience (a member their own)."""
    if not consultation.meeting_id:
        return Speech.objects.none()
    return speeches_for(user, consultation.meeting)


def owed_by_my_unit(user: User) -> QuerySet[MaterialRequest]:
    """A department's own material requests, and nobody else's."""
    account = unit_account(user)
    if account is None:
        return MaterialRequest.objects.none()
    return MaterialRequest.objects.filter(
        unit_id=account.unit_id, consultation__committee_id=user.committee_id
    ).select_related("consultation", "unit")


def material_for_unit(user: User, pk: int) -> MaterialRequest:
    return get_object_or_404(owed_by_my_unit(user), pk=pk)


def late_materials(user: User, today: date) -> QuerySet[MaterialRequest]:
    """Owed past their due day: the office chases them."""
    if not reads_whole(user):
        return MaterialRequest.objects.none()
    return MaterialRequest.objects.filter(
        consultation__committee_id=user.committee_id, received_at=None, due_on__lt=today
    ).select_related("consultation", "unit")


def written_requests_for(user: User) -> QuerySet[WrittenRequest]:
    """Staff and leaders read every request; members those put to them for opinions."""
    rows = WrittenRequest.objects.filter(committee_id=user.committee_id).select_related(
        "special_committee", "reply"
    )
    if reads_whole(user):
        return rows
    if _current_member(user) is None:
        return rows.none()
    return rows.exclude(state=WrittenRequest.State.RECEIVED)


def written_awaiting_my_opinion(user: User) -> QuerySet[WrittenRequest]:
    """Requests put to a special committee the member sits on now that still gather opinions
    and have none of theirs yet: the member's next work on 书面协商. One query: the current
    membership is a subquery (the home page counts it for every member)."""
    member = getattr(user, "member", None)
    if member is None:
        return WrittenRequest.objects.none()
    mine = Membership.objects.filter(
        member=member, member__committee_id=user.committee_id, term__is_current=True, left_on=None
    )
    return WrittenRequest.objects.filter(
        committee_id=user.committee_id,
        state=WrittenRequest.State.ASSIGNED,
        special_committee__in=mine.values("special_committees"),
    ).exclude(opinions__member=member)


def _planned(user: User) -> QuerySet[Consultation]:
    return consultations_for(user).filter(state=Consultation.State.PLANNED)


def _late(user: User) -> QuerySet[Consultation]:
    owed = late_materials(user, timezone.localdate()).values("consultation_id")
    return consultations_for(user).filter(pk__in=owed)


# Named lists: a home counter's link opens exactly the rows it counts (?filter=name).
NAMED_CONSULTATIONS = {
    "planned": ("待开展的协商活动", _planned),
    "no_research": (
        "议题尚无调研报告",
        lambda user: _planned(user).filter(
            topic__research_reported_at=None, topic__research_exempt_at=None
        ),
    ),
    "late_materials": ("会前材料逾期未报", _late),
}
NAMED_WRITTEN = {
    "unanswered": (
        "书面协商待答复",
        lambda user: written_requests_for(user).exclude(state=WrittenRequest.State.ANSWERED),
    ),
    "awaiting_me": ("待我提出意见的书面协商", written_awaiting_my_opinion),
}


def named(lists: dict, user: User, name: str) -> QuerySet | None:
    entry = lists.get(name)
    return entry[1](user) if entry else None


def written_request_for_user(user: User, pk: int) -> WrittenRequest:
    return get_object_or_404(written_requests_for(user), pk=pk)


def written_opinions_for(user: User, request: WrittenRequest) -> QuerySet[MemberOpinion]:
    rows = request.opinions.select_related("member")
    if reads_whole(user):
        return rows
    return rows.filter(member__user=user)


def material_files_for(user: User, consultation: Consultation) -> QuerySet[MaterialFile]:
    """The office and leaders read every department's material; a department its own."""
    rows = MaterialFile.objects.filter(request__consultation=consultation)
    if reads_whole(user):
        return rows
    account = unit_account(user)
    return rows.filter(request__unit_id=account.unit_id) if account else rows.none()


def written_files_for(user: User, request: WrittenRequest) -> QuerySet[WrittenRequestFile]:
    """The draft circulates to the office, the leaders and the special committee asked for
    opinions; other members read the request, not the draft."""
    if reads_whole(user) or gathers_opinion(user, request):
        return request.files.all()
    return WrittenRequestFile.objects.none()


def consultation_for_materials(user: User, pk: int) -> Consultation:
    """The consultation whose materials `user` reads: a department reaches it through what it
    owes there (it does not read the consultation itself), everyone else as they read it."""
    if unit_account(user) is None:
        return consultation_for_user(user, pk)
    owed = owed_by_my_unit(user).filter(consultation_id=pk).first()
    if owed is None:
        raise Http404
    return owed.consultation


def material_request_for_user(user: User, pk: int) -> MaterialRequest:
    """A material request a file is posted to: a department's own, or any of the committee's
    for the office and leaders; 404 otherwise."""
    if unit_account(user) is not None:
        return get_object_or_404(owed_by_my_unit(user), pk=pk)
    if not reads_whole(user):
        raise Http404
    rows = MaterialRequest.objects.select_related("consultation")
    return get_object_or_404(rows, pk=pk, consultation__committee_id=user.committee_id)
