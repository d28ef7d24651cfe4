"""The actions on a topic and on a plan as both the API and the pages take them: a payload
schema and the service call, per action name of `workflow.topics.TOPIC` and `PLAN`."""

from collections.abc import Callable
from datetime import date

from django.http import Http404
from ninja import Field

from zhengxie.core.actionforms import Empty, in_committee
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.inputs import Id, ModelText
from zhengxie.core.inputs import InSchema as Schema
from zhengxie.meetings.models import Meeting
from zhengxie.members.models import HandlingUnit, Member, Sector, SpecialCommittee

from .. import services
from ..models import (
    ConsultationPlan,
    ContentCategory,
    Form,
    PlanAmendment,
    PlanItem,
    PlanType,
    Topic,
)
from ..queries.topics import topic_for_user

NO_PLAN = Problem("no_plan", "本年度的协商工作计划尚未建立。", 409)


def all_in(actor, model, ids: list[int] | None) -> list | None:
    """The `model` rows `ids` of the actor's committee; one of another committee (or none)
    is a 404, as `in_committee` answers for one id."""
    if ids is None:
        return None
    rows = list(model.objects.filter(committee_id=actor.committee_id, pk__in=ids))
    if len(rows) != len(set(ids)):
        raise Http404
    return rows


class Decline(Schema):
    reason: ModelText(Topic, "decline_reason")


class Arrange(Schema):
    category_id: Id | None = None
    form: Form | None = None
    supervisory: bool | None = None
    before_decision: bool | None = None
    important: bool | None = Field(None, title="重要议题")
    planned_on: date | None = None
    planned_day: bool | None = None
    lead_special_committee_id: Id | None = None
    lead_office: ModelText(Topic, "lead_office") | None = None
    department_ids: list[Id] | None = None
    with_standing: bool | None = None
    with_sector_ids: list[Id] | None = None
    with_special_committee_ids: list[Id] | None = None
    with_member_ids: list[Id] | None = None
    with_experts: ModelText(Topic, "with_experts") | None = None
    with_department_heads: bool | None = None


SCALARS = ("form", "supervisory", "before_decision", "important", "planned_on", "planned_day")
SCALARS += ("lead_office", "with_standing", "with_experts", "with_department_heads")


def arrange(actor, topic: Topic, d: Arrange):
    given = d.model_fields_set
    fields = {k: getattr(d, k) for k in SCALARS if k in given and getattr(d, k) is not None}
    if "category_id" in given:
        fields["category"] = in_committee(actor, ContentCategory, d.category_id)
    if "lead_special_committee_id" in given:
        lead = in_committee(actor, SpecialCommittee, d.lead_special_committee_id)
        fields["lead_special_committee"] = lead
    return services.topic_arrange(
        actor=actor,
        topic=topic,
        departments=all_in(actor, HandlingUnit, d.department_ids),
        with_sectors=all_in(actor, Sector, d.with_sector_ids),
        with_special_committees=all_in(actor, SpecialCommittee, d.with_special_committee_ids),
        with_members=all_in(actor, Member, d.with_member_ids),
        **fields,
    )


class Include(Schema):
    plan_type: PlanType | None = None
    form: Form | None = None
    planned_on: date | None = None
    planned_day: bool | None = None
    lead: ModelText(PlanItem, "lead") = ""
    participants: ModelText(PlanItem, "participants") = ""
    reason: ModelText(PlanAmendment, "reason") = ""


class Exclude(Schema):
    reason: ModelText(PlanAmendment, "reason") = ""


def _year_plan(topic: Topic) -> ConsultationPlan:
    plan = ConsultationPlan.objects.filter(committee_id=topic.committee_id, year=topic.year)
    plan = plan.first()
    if plan is None:
        raise ServiceError(NO_PLAN)
    return plan


def _plan_of(topic: Topic) -> ConsultationPlan:
    item = topic.plan_items.filter(dropped_at=None).select_related("plan").first()
    if item is None:
        raise ServiceError(NO_PLAN)
    return item.plan


def _item_values(d) -> dict:
    return {
        "plan_type": d.plan_type or "",
        "form": d.form or "",
        "planned_on": d.planned_on,
        "planned_day": d.planned_day,
        "lead": d.lead,
        "participants": d.participants,
        "reason": d.reason,
    }


Action = Callable[..., object]
TOPIC_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "confirm_cosign": (Empty, lambda a, t, d: services.topic_confirm_cosign(actor=a, topic=t)),
    "refuse_cosign": (Empty, lambda a, t, d: services.topic_refuse_cosign(actor=a, topic=t)),
    "accept": (Empty, lambda a, t, d: services.topic_accept(actor=a, topic=t)),
    "decline": (
        Decline,
        lambda a, t, d: services.topic_decline(actor=a, topic=t, reason=d.reason),
    ),
    "reconsider": (Empty, lambda a, t, d: services.topic_reconsider(actor=a, topic=t)),
    "arrange": (Arrange, arrange),
    "plan": (
        Include,
        lambda a, t, d: services.plan_item_add(
            actor=a, plan=_year_plan(t), topic=t, **_item_values(d)
        ),
    ),
    "unplan": (
        Exclude,
        lambda a, t, d: services.plan_item_drop(
            actor=a, plan=_plan_of(t), topic=t, reason=d.reason
        ),
    ),
}


class AddItem(Include):
    topic_id: Id


class ChangeItem(Schema):
    topic_id: Id
    plan_type: PlanType | None = None
    form: Form | None = None
    planned_on: date | None = None
    planned_day: bool | None = None
    lead: ModelText(PlanItem, "lead") | None = None
    participants: ModelText(PlanItem, "participants") | None = None
    reason: ModelText(PlanAmendment, "reason") = ""


class DropItem(Exclude):
    topic_id: Id


class Return(Schema):
    reason: ModelText(PlanAmendment, "reason")


class Pass(Schema):
    passed_on: date
    meeting_id: Id | None = Field(None, title="审议的主席会议")


class Decide(Schema):
    decided_by: ModelText(ConsultationPlan, "decided_by")
    decided_on: date
    document: ModelText(ConsultationPlan, "decision_document") = ""


def _topic(actor, topic_id: int) -> Topic:
    return topic_for_user(actor, topic_id)


def change_item(actor, plan: ConsultationPlan, d: ChangeItem):
    changes = d.model_dump(exclude={"topic_id", "reason"}, exclude_none=True)
    return services.plan_item_change(
        actor=actor, plan=plan, topic=_topic(actor, d.topic_id), reason=d.reason, **changes
    )


def _meeting(actor, pk: int | None) -> Meeting | None:
    return in_committee(actor, Meeting, pk)


PLAN_ACTIONS: dict[str, tuple[type[Schema], Action]] = {
    "add_item": (
        AddItem,
        lambda a, p, d: services.plan_item_add(
            actor=a, plan=p, topic=_topic(a, d.topic_id), **_item_values(d)
        ),
    ),
    "change_item": (ChangeItem, change_item),
    "drop_item": (
        DropItem,
        lambda a, p, d: services.plan_item_drop(
            actor=a, plan=p, topic=_topic(a, d.topic_id), reason=d.reason
        ),
    ),
    "submit": (Empty, lambda a, p, d: services.plan_submit(actor=a, plan=p)),
    "return": (Return, lambda a, p, d: services.plan_return(actor=a, plan=p, reason=d.reason)),
    "pass": (
        Pass,
        lambda a, p, d: services.plan_pass(
            actor=a, plan=p, passed_on=d.passed_on, meeting=_meeting(a, d.meeting_id)
        ),
    ),
    "decide": (
        Decide,
        lambda a, p, d: services.plan_decide(
            actor=a,
            plan=p,
            decided_by=d.decided_by,
            decided_on=d.decided_on,
            document=d.document,
        ),
    ),
}
