"""Reads of topics, solicitations and the yearly plan, each with its audience:

- a topic before screening and a declined one: the office and the proposer (and those asked
  to co-sign it); leaders read the pool from acceptance on;
- a plan: the office always, leaders from its submission to 主席会议 on, everyone of the
  committee (members, units) once the party committee has decided it, with its topics;
- a solicitation: the office, and those it asks (a special committee's or sector's members,
  a unit's accounts)."""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.core import roles
from zhengxie.core.models import User
from zhengxie.lib.dates import cn_date
from zhengxie.members.permissions import unit_account
from zhengxie.members.queries import current_memberships

from ..models import (
    Consultation,
    ConsultationPlan,
    Form,
    Outcome,
    PlanAmendment,
    PlanItem,
    PlanType,
    Solicitation,
    SolicitationAddressee,
    Topic,
)
from ..workflow.topics import BEFORE_LEADERS, UNSCREENED

S = Topic.State
P = ConsultationPlan.State


def leader_users(committee_id: int) -> QuerySet[User]:
    return User.objects.filter(committee_id=committee_id, groups__name=roles.LEADER, is_active=True)


def _office(user) -> bool:
    return user.has_role(roles.STAFF)


def _member_id(user) -> int | None:
    member = getattr(user, "member", None)
    return member.pk if member else None


def _in_decided_plan() -> Q:
    return Q(plan_items__plan__state=P.DECIDED, plan_items__dropped_at=None)


def topics_for(user) -> QuerySet[Topic]:
    if not user.is_authenticated or user.committee_id is None:
        return Topic.objects.none()
    rows = Topic.objects.filter(committee_id=user.committee_id)
    if _office(user):
        return rows
    own = Q(submitted_by=user)
    member_id = _member_id(user)
    if member_id is not None:
        own |= Q(cosigners__member_id=member_id)
    seen = own | _in_decided_plan()
    if user.has_role(roles.LEADER):
        seen |= ~Q(state__in=UNSCREENED)
    # The joins above may repeat a topic; the ids keep the rows unique without DISTINCT on
    # every column (PostgreSQL cannot compare the text columns cheaply).
    return rows.filter(pk__in=rows.filter(seen).values("pk"))


def topic_list(user) -> QuerySet[Topic]:
    return topics_for(user).select_related("category", "submitted_by")


def topic_for_user(user, topic_id: int) -> Topic:
    """The topic if `user` may read it; 404 otherwise, so ids reveal nothing."""
    rows = topics_for(user).select_related(
        "category",
        "submitted_by",
        "sector",
        "special_committee",
        "sector_group",
        "station",
        "lead_special_committee",
        "proposal",
        "opinion",
    )
    return get_object_or_404(rows, pk=topic_id)


def topic_scope(topic: Topic) -> dict:
    """The topic's related lists for its page and detail endpoint."""
    return {
        "cosigners": list(topic.cosigners.select_related("member")),
        "departments": list(topic.departments.all()),
        "participants": participants_prefetched(Topic.objects.filter(pk=topic.pk))[
            0
        ].participants_label(),
    }


def participants_prefetched(rows: QuerySet[Topic]) -> QuerySet[Topic]:
    return rows.prefetch_related("with_sectors", "with_special_committees", "with_members")


def in_pool(committee_id: int, year: int) -> QuerySet[Topic]:
    """Accepted topics of the year not yet in its plan: what the office drafts from."""
    rows = Topic.objects.filter(committee_id=committee_id, year=year, state=S.ACCEPTED)
    return participants_prefetched(rows.select_related("lead_special_committee", "category"))


def plans_for(user) -> QuerySet[ConsultationPlan]:
    if not user.is_authenticated or user.committee_id is None:
        return ConsultationPlan.objects.none()
    rows = ConsultationPlan.objects.filter(committee_id=user.committee_id)
    if _office(user):
        return rows
    if user.has_role(roles.LEADER):
        return rows.filter(state__in=BEFORE_LEADERS)
    return rows.filter(state=P.DECIDED)


def plan_for_user(user, plan_id: int) -> ConsultationPlan:
    return get_object_or_404(plans_for(user).select_related("chairs_meeting"), pk=plan_id)


def plan_items(plan: ConsultationPlan) -> QuerySet[PlanItem]:
    return plan.items.filter(dropped_at=None).select_related("topic")


def plan_amendments(plan: ConsultationPlan) -> QuerySet[PlanAmendment]:
    return plan.amendments.select_related("item__topic", "actor")


def warnings(plan: ConsultationPlan) -> list[str]:
    """What the seeds advise and the plan does not follow; shown, never refused."""
    thematic = plan.items.filter(dropped_at=None, form=Form.THEMATIC).count()
    if 1 <= thematic <= 2:
        return []
    return [f"专题协商会一般每年召开1—2次,本计划安排了{thematic}次。"]


def solicitations_for(user) -> QuerySet[Solicitation]:
    if not user.is_authenticated or user.committee_id is None:
        return Solicitation.objects.none()
    rows = Solicitation.objects.filter(committee_id=user.committee_id)
    if _office(user):
        return rows
    return rows.filter(pk__in=addressed_to(user).values("solicitation_id"))


def addressed_to(user) -> QuerySet[SolicitationAddressee]:
    """The addressees `user` answers for: their unit, their sector, their special committees."""
    rows = SolicitationAddressee.objects.filter(solicitation__committee_id=user.committee_id)
    account = unit_account(user)
    if account is not None:
        return rows.filter(unit_id=account.unit_id)
    member_id = _member_id(user)
    if member_id is None:
        return rows.none()
    mine = current_memberships(user.committee_id).filter(member_id=member_id)
    return rows.filter(
        Q(sector_id__in=mine.values("sector_id"))
        | Q(special_committee_id__in=mine.values("special_committees"))
    )


def solicitation_list(user) -> QuerySet[Solicitation]:
    return (
        solicitations_for(user)
        .annotate(
            asked=Count("addressees"),
            answered=Count("addressees", filter=Q(addressees__answered_at__isnull=False)),
        )
        .order_by("-sent_at", "-id")
    )


def solicitation_for_user(user, solicitation_id: int) -> Solicitation:
    return get_object_or_404(solicitations_for(user), pk=solicitation_id)


def addressees_of(user, solicitation: Solicitation) -> QuerySet[SolicitationAddressee]:
    """Who was asked and who answered: the office reads them all, an addressee its own."""
    rows = solicitation.addressees.select_related("special_committee", "sector", "unit")
    rows = rows.prefetch_related(Prefetch("topics", queryset=Topic.objects.only("pk", "title")))
    return rows if _office(user) else rows.filter(pk__in=addressed_to(user).values("pk"))


def addressee_for_user(user, solicitation: Solicitation, addressee_id: int):
    return get_object_or_404(addressees_of(user, solicitation), pk=addressee_id)


def filtered(rows: QuerySet[Topic], *, state=None, year=None, source=None, q="") -> QuerySet:
    if state:
        rows = rows.filter(state=state)
    if year is not None:
        rows = rows.filter(year=year)
    if source:
        rows = rows.filter(source=source)
    if q:
        rows = rows.filter(title__icontains=q)
    return rows


# Named lists: a home counter's link opens exactly the rows it counts.
NAMED_LISTS = {
    "to_screen": ("待筛选的议题建议", lambda user: topics_for(user).filter(state=S.SUGGESTED)),
    "to_cosign": (
        "邀请我联名的议题",
        lambda user: topics_for(user).filter(
            cosigners__member_id=_member_id(user),
            cosigners__confirmed_at=None,
            cosigners__refused_at=None,
            state=S.SUGGESTED,
        ),
    ),
}


def named_list(user, name: str) -> QuerySet[Topic] | None:
    entry = NAMED_LISTS.get(name)
    return entry[1](user) if entry else None


def unanswered(user, today) -> QuerySet[Solicitation]:
    """Solicitations still open that `user` (or, for the office, anyone asked) has not
    answered."""
    rows = SolicitationAddressee.objects.filter(
        solicitation__committee_id=user.committee_id, answered_at=None
    )
    rows = rows if _office(user) else rows.filter(pk__in=addressed_to(user).values("pk"))
    waiting = rows.filter(solicitation__due_on__gte=today).values("solicitation_id")
    return solicitations_for(user).filter(pk__in=waiting)


FORM_LABELS = dict(Form.choices)
PLAN_TYPE_LABELS = dict(PlanType.choices)
OUTCOME_KIND_LABELS = dict(Outcome.Kind.choices)
OUTCOME_STATE_LABELS = dict(Outcome.State.choices)


@dataclass
class PlanRow:
    """One planned topic against what happened: its activities, fieldwork and outcomes, its
    place in the chain of seeds_001 §3 and whether it is late."""

    item: PlanItem
    activities: list[dict] = field(default_factory=list)
    fieldwork: list[dict] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    status: str = ""
    late: bool = False

    # The page's cells, each written once here: a city plan's thousand activities through
    # the template's date filter and lookups took 28 of its table's 63 ms.
    @property
    def plan_type_label(self) -> str:
        return PLAN_TYPE_LABELS.get(self.item.plan_type, "")

    @property
    def form_label(self) -> str:
        return FORM_LABELS[self.item.form]

    @property
    def activity_lines(self) -> list[str]:
        """协商会(2026年5月6日,已举行)"""
        return [
            f"{a['title']}({cn_date(a['date'])}{',已举行' if a['held'] else ''})"
            for a in self.activities
        ]

    @property
    def outcome_lines(self) -> list[str]:
        """调研报告(已报送)"""
        return [f"{o['title']}({o['state_label']})" for o in self.outcomes]

    def as_dict(self) -> dict:
        item, topic = self.item, self.item.topic
        return {
            "topic_id": topic.pk,
            "title": topic.title,
            "plan_type": item.plan_type,
            "plan_type_label": self.plan_type_label,
            "form": item.form,
            "form_label": self.form_label,
            "time": item.time_label,
            "lead": item.lead,
            "participants": item.participants,
            "supervisory": topic.supervisory,
            "status": self.status,
            "late": self.late,
            "activities": self.activities,
            "fieldwork": self.fieldwork,
            "outcomes": self.outcomes,
        }


def due_by(item: PlanItem) -> date | None:
    """The last day the planned time allows: the day itself, or the month's last day."""
    on = item.planned_on
    if on is None or item.planned_day:
        return on
    return date(on.year, on.month, monthrange(on.year, on.month)[1])


def sees_draft_outcomes(user) -> bool:
    """An outcome before it is sent (待报送) is the office's and the leaders' on the plan."""
    return user.has_role(roles.STAFF, roles.LEADER)


def plan_progress(
    plan: ConsultationPlan, today: date | None = None, *, drafts: bool = True
) -> list[PlanRow]:
    """Plan vs actual in four queries whatever the plan's size: the items with their topics,
    then the topics' activities, fieldwork and outcomes as plain tuples grouped by topic (a
    city's 200 topics carry thousands of records: a model instance and a prefetch queryset
    for each cost more than the page's template). `drafts`: whether the reader sees outcomes
    not yet sent (`sees_draft_outcomes`)."""
    today = today or timezone.localdate()
    items = list(plan_items(plan))
    if not items:
        return []
    planned = [item.topic_id for item in items]
    activities, fieldwork = _activities(planned), _fieldwork(planned)
    outcomes = _outcomes(planned, drafts)
    return [
        _progress(
            PlanRow(
                item,
                activities=activities.get(item.topic_id, []),
                fieldwork=fieldwork.get(item.topic_id, []),
                outcomes=outcomes.get(item.topic_id, []),
            ),
            today,
        )
        for item in items
    ]


def _by_topic(rows, shape) -> dict[int, list[dict]]:
    """`(topic_id, *fields)` tuples as each topic's list of `shape(*fields)`, in row order."""
    grouped: dict[int, list[dict]] = {}
    for topic_id, *fields in rows:
        grouped.setdefault(topic_id, []).append(shape(*fields))
    return grouped


def _activities(topic_ids: list[int]) -> dict[int, list[dict]]:
    rows = (
        Consultation.objects.filter(topic_id__in=topic_ids)
        .exclude(state=Consultation.State.CANCELLED)
        .order_by("date", "id")
        .values_list("topic_id", "pk", "title", "form", "date", "state")
    )
    return _by_topic(
        rows,
        lambda pk, title, form, on, state: {
            "id": pk,
            "title": title,
            "form_label": FORM_LABELS[form],
            "date": on,
            "held": state == Consultation.State.HELD,
        },
    )


def _fieldwork(topic_ids: list[int]) -> dict[int, list[dict]]:
    # Fieldwork's own model, reached by its reverse name only: this app never imports it.
    model = Topic._meta.get_field("fieldwork").related_model
    kinds = dict(model._meta.get_field("kind").flatchoices)
    states = dict(model._meta.get_field("state").flatchoices)
    rows = (
        model.objects.filter(topic_id__in=topic_ids)
        .exclude(state=model.State.CANCELLED)
        .values_list("topic_id", "pk", "title", "kind", "state")
    )
    return _by_topic(rows, _entry(kinds, states))


def _outcomes(topic_ids: list[int], drafts: bool) -> dict[int, list[dict]]:
    rows = Outcome.objects.filter(topic_id__in=topic_ids)
    if not drafts:
        rows = rows.exclude(state=Outcome.State.DRAFTED)
    rows = rows.order_by("written_on", "id").values_list("topic_id", "pk", "title", "kind", "state")
    return _by_topic(rows, _entry(OUTCOME_KIND_LABELS, OUTCOME_STATE_LABELS))


def _entry(kinds: dict[str, str], states: dict[str, str]):
    """A fieldwork's or an outcome's entry in its row: its kind and state with their labels."""
    return lambda pk, title, kind, state: {
        "id": pk,
        "title": title,
        "kind_label": kinds[kind],
        "state": state,
        "state_label": states[state],
    }


def _progress(row: PlanRow, today: date) -> PlanRow:
    held = any(a["held"] for a in row.activities)
    row.status = _status(row.item.topic, row, held)
    due = due_by(row.item)
    row.late = due is not None and due < today and not held
    return row


def _status(topic: Topic, row: PlanRow, held: bool) -> str:
    """The chain 列入计划 → 调研中 → 会前准备 → 已协商 → 成果已报送 → …; past the report, the
    latest outcome's own state names the step (已批示, 落实中, … as the outcomes add them)."""
    sent = [o for o in row.outcomes if o["state"] != Outcome.State.DRAFTED]
    if sent:
        latest = sent[-1]
        return "成果已报送" if latest["state"] == Outcome.State.SENT else latest["state_label"]
    if held:
        return "已协商"
    if topic.research_ready or row.activities:
        return "会前准备"
    if row.fieldwork:
        return "调研中"
    return "列入计划"
