"""The yearly plan (年度协商工作计划, seeds_001 §1.3): drafted by the office from the pool of
accepted topics, passed by 主席会议, decided with the party committee (党委定题), amended
during the year with a logged reason."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User
from zhengxie.meetings.models import Meeting

from .. import audit_actions
from ..models import ConsultationPlan, PlanAmendment, PlanItem, Topic
from ..queries.topics import leader_users
from ..workflow.topics import PLAN, TOPIC, TYPED_FORMS

P = ConsultationPlan.State

PLAN_EXISTS = Problem("plan_exists", "本年度的协商工作计划已经建立。", 409)
PLAN_TYPE_REQUIRED = Problem(
    "plan_type_required",
    "专题议政性常委会议、专题协商会议题和重要议题须列为专题协商、对口协商、界别协商或"
    "重点提案办理协商。",
)
OTHER_YEAR = Problem("topic_other_year", "议题的年度与计划的年度不同。")
FOREIGN_TOPIC = Problem("bad_topic", "议题须为本会的协商议题。")
NOT_IN_PLAN = Problem("not_in_plan", "该议题不在本计划中。", 404)
AMENDMENT_REASON = Problem("amendment_reason", "计划已由党委定题,调整须填写理由。")
NOT_CHAIRS = Problem("not_chairs_meeting", "请选择本会的主席会议。")
DECIDER_REQUIRED = Problem("decider_required", "请填写定题机关(如中共某某县委常委会)和定题日期。")

# What a plan item says for each column that it does not name itself, from its topic.
ITEM_FIELDS = ("plan_type", "form", "planned_on", "planned_day", "lead", "participants")


def plan_create(*, actor: User, year: int, title: str = "") -> ConsultationPlan:
    require(actor.has_role(roles.STAFF), errors.FORBIDDEN)
    committee = actor.committee
    taken = ConsultationPlan.objects.filter(committee=committee, year=year)
    require(not taken.exists(), PLAN_EXISTS)
    with transaction.atomic():
        plan = ConsultationPlan.objects.create(
            committee=committee,
            year=year,
            title=title.strip() or f"{committee.name}{year}年度协商工作计划",
            created_by=actor,
        )
        audit_log(
            actor=actor,
            action=audit_actions.PLAN_CREATE,
            target=plan,
            committee=committee,
            after={"year": year, "title": plan.title},
        )
    return plan


def _needs_type(topic: Topic, form: str) -> bool:
    return form in TYPED_FORMS or topic.important


def _amendment(plan, item, kind, actor, reason, now) -> str:
    """Once the party committee has decided the plan, a change is an amendment with its
    reason; before that the office edits its draft freely."""
    if plan.state != P.DECIDED:
        return reason.strip()
    require(reason.strip(), AMENDMENT_REASON)
    PlanAmendment.objects.create(
        plan=plan, item=item, kind=kind, reason=reason.strip(), actor=actor, at=now
    )
    return reason.strip()


def plan_item_add(
    *,
    actor: User,
    plan: ConsultationPlan,
    topic: Topic,
    plan_type: str = "",
    form: str = "",
    planned_on: date | None = None,
    planned_day: bool | None = None,
    lead: str = "",
    participants: str = "",
    reason: str = "",
    now: datetime | None = None,
) -> PlanItem:
    """列入计划: the item takes the topic's form, time, lead and participants unless given."""
    now = now or timezone.now()
    require(topic.committee_id == plan.committee_id, FOREIGN_TOPIC)
    require(topic.year == plan.year, OTHER_YEAR)
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "add_item")
        topic, topic_step = TOPIC.begin(actor, topic, "plan")
        form = form or topic.form
        require(plan_type or not _needs_type(topic, form), PLAN_TYPE_REQUIRED)
        values = {
            "plan_type": plan_type,
            "form": form,
            "planned_on": planned_on or topic.planned_on,
            "planned_day": topic.planned_day if planned_day is None else planned_day,
            "lead": lead.strip() or topic.lead_label,
            "participants": participants.strip() or topic.participants_label(),
            "position": plan.items.count(),
            "dropped_at": None,
        }
        item, _ = PlanItem.objects.update_or_create(plan=plan, topic=topic, defaults=values)
        note = _amendment(plan, item, PlanAmendment.Kind.ADD, actor, reason, now)
        TOPIC.finish(actor, topic, topic_step, now=now, note=plan.title)
        PLAN.finish(actor, plan, step, now=now, note=note, audit={"topic": topic.pk})
    return item


def _item(plan: ConsultationPlan, topic: Topic) -> PlanItem:
    item = plan.items.filter(topic=topic, dropped_at=None).first()
    require(item is not None, NOT_IN_PLAN)
    return item


def plan_item_change(
    *,
    actor: User,
    plan: ConsultationPlan,
    topic: Topic,
    reason: str = "",
    now: datetime | None = None,
    **changes,
) -> PlanItem:
    """调整议题安排: the form, type, time, lead or participants of one item."""
    now = now or timezone.now()
    changes = {k: v for k, v in changes.items() if k in ITEM_FIELDS and v is not None}
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "change_item")
        item = _item(plan, topic)
        for name, value in changes.items():
            setattr(item, name, value)
        require(item.plan_type or not _needs_type(item.topic, item.form), PLAN_TYPE_REQUIRED)
        item.save(update_fields=list(changes) or None)
        note = _amendment(plan, item, PlanAmendment.Kind.CHANGE, actor, reason, now)
        after = {"topic": topic.pk, **{k: str(v) for k, v in changes.items()}}
        PLAN.finish(actor, plan, step, now=now, note=note, audit=after)
    return item


def plan_item_drop(
    *,
    actor: User,
    plan: ConsultationPlan,
    topic: Topic,
    reason: str = "",
    now: datetime | None = None,
) -> PlanItem:
    """调出议题: the topic goes back to the pool; the item stays, marked, for the record."""
    now = now or timezone.now()
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "drop_item")
        item = _item(plan, topic)
        topic, topic_step = TOPIC.begin(actor, item.topic, "unplan")
        item.dropped_at = now
        item.save(update_fields=["dropped_at"])
        note = _amendment(plan, item, PlanAmendment.Kind.DROP, actor, reason, now)
        TOPIC.finish(actor, topic, topic_step, now=now, note=note)
        PLAN.finish(actor, plan, step, now=now, note=note, audit={"topic": topic.pk})
    return item


def plan_submit(*, actor: User, plan: ConsultationPlan, now: datetime | None = None):
    """To 主席会议; the engine's guards hold the seeds' rules (a supervisory topic, the
    four types)."""
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "submit")
        PLAN.finish(actor, plan, step, now=now or timezone.now())
    PLAN.tell(leader_users(plan.committee_id), plan, "年度协商工作计划待主席会议审议")
    return plan


def plan_return(
    *, actor: User, plan: ConsultationPlan, reason: str, now: datetime | None = None
) -> ConsultationPlan:
    require(reason.strip(), errors.BAD_INPUT, "请填写退回理由。")
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "return")
        plan.passed_on, plan.chairs_meeting = None, None
        fields = ("passed_on", "chairs_meeting")
        return PLAN.finish(
            actor, plan, step, now=now or timezone.now(), fields=fields, note=reason.strip()
        )


def plan_pass(
    *,
    actor: User,
    plan: ConsultationPlan,
    passed_on: date,
    meeting: Meeting | None = None,
    now: datetime | None = None,
) -> ConsultationPlan:
    """主席会议通过, optionally linked to that 主席会议 in the meetings app."""
    ok = meeting is None or (
        meeting.committee_id == plan.committee_id and meeting.kind == Meeting.Kind.CHAIRS
    )
    require(ok, NOT_CHAIRS)
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "pass")
        plan.passed_on, plan.chairs_meeting = passed_on, meeting
        note = str(meeting) if meeting else ""
        return PLAN.finish(
            actor,
            plan,
            step,
            now=now or timezone.now(),
            fields=("passed_on", "chairs_meeting"),
            note=note,
            audit={"passed_on": passed_on.isoformat()},
        )


def plan_decide(
    *,
    actor: User,
    plan: ConsultationPlan,
    decided_by: str,
    decided_on: date,
    document: str = "",
    now: datetime | None = None,
) -> ConsultationPlan:
    """党委定题: who decided, when, and the document (党委会同政府、政协确定, §1.2 A)."""
    require(decided_by.strip() and decided_on, DECIDER_REQUIRED)
    with transaction.atomic():
        plan, step = PLAN.begin(actor, plan, "decide")
        plan.decided_by, plan.decided_on = decided_by.strip(), decided_on
        plan.decision_document = document.strip()
        PLAN.finish(
            actor,
            plan,
            step,
            now=now or timezone.now(),
            fields=("decided_by", "decided_on", "decision_document"),
            note=f"{plan.decided_by} {plan.decision_document}".strip(),
            audit={"decided_by": plan.decided_by, "decided_on": decided_on.isoformat()},
        )
    return plan
