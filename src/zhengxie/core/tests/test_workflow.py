"""The engine itself, on a table declared here over proposals: it refuses a step for the
wrong actor, the wrong state and a failing guard, offers exactly what it would not refuse,
and finds what a table declares without the means to run it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from ninja import Field

from zhengxie.core import roles
from zhengxie.core.actionforms import Empty, schema_fields
from zhengxie.core.errors import Problem, ServiceError
from zhengxie.core.inputs import InSchema
from zhengxie.core.models import AuditEvent
from zhengxie.core.workflow import Guard, Workflow, problems, t
from zhengxie.proposals import services
from zhengxie.proposals.models import Proposal

S = Proposal.State
NOW = datetime(2026, 3, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
NOT_YOURS = Problem("toy_forbidden", "不能办。", 403)
TOO_LATE = Problem("toy_wrong_state", "状态不对。", 409)
NOT_ABOUT = Problem("toy_guard", "案由须以“关于”开头。", 409)

TOY = Workflow(
    name="toy",
    model=Proposal,
    noun="提案",
    actors={"staff": lambda u, o: u.has_role(roles.STAFF), "nobody": lambda u, o: False},
    forbidden=NOT_YOURS,
    wrong_state=TOO_LATE,
    link=lambda o: f"/proposals/{o.pk}/",
    summary=lambda o: o.title,
    transitions=[
        t("register", "立案", {S.SUBMITTED}, S.REGISTERED, "staff", audit="proposal.register"),
        t("assign", "交办", {S.REGISTERED}, S.ASSIGNED, "staff", audit="proposal.assign"),
        t(
            "mark_key",
            "列为重点提案",
            {S.SUBMITTED},
            None,
            "staff",
            guards=[Guard(lambda o: o.title.startswith("关于"), NOT_ABOUT)],
            audit="proposal.mark_key",
        ),
        t("award", "评为优秀提案", {S.SUBMITTED}, None, "nobody", audit="proposal.award"),
    ],
)


def _submitted(p, title="关于加强农村学校寄宿条件建设的建议"):
    return services.proposal_create(
        actor=p.plain.member.user,
        kind="individual",
        title=title,
        situation="部分乡镇寄宿制学校宿舍拥挤。",
        suggestions="加大投入。",
        now=NOW,
    )


def _refusal(actor, proposal, action) -> ServiceError:
    with pytest.raises(ServiceError) as refused, transaction.atomic():
        TOY.begin(actor, proposal, action)
    return refused.value


def test_a_step_is_refused_to_an_actor_its_row_does_not_name(p):
    proposal = _submitted(p)
    assert _refusal(p.plain.member.user, proposal, "register").problem == NOT_YOURS
    assert _refusal(p.staff, proposal, "award").problem == NOT_YOURS


def test_a_step_is_refused_from_a_state_it_does_not_start_from(p):
    refused = _refusal(p.staff, _submitted(p), "assign")
    assert refused.problem == TOO_LATE
    assert refused.detail == "提案当前状态为“待审查”,不能交办。"


def test_a_step_is_refused_when_its_guard_fails(p):
    assert _refusal(
        p.staff, _submitted(p, title="加强农村学校寄宿条件建设"), "mark_key"
    ).problem == (NOT_ABOUT)
    with transaction.atomic():
        TOY.begin(p.staff, _submitted(p), "mark_key")


def test_finish_moves_the_state_and_writes_the_rows_audit_name(p):
    with transaction.atomic():
        locked, step = TOY.begin(p.staff, _submitted(p), "register")
        TOY.finish(p.staff, locked, step, now=NOW, audit={"note": "试"})
    locked.refresh_from_db()
    assert locked.state == S.REGISTERED
    event = AuditEvent.objects.filter(object_id=str(locked.pk)).latest("id")
    assert event.action == "proposal.register" and event.after["state"] == S.REGISTERED


def test_offered_hides_what_begin_would_refuse(p):
    proposals = [_submitted(p), _submitted(p, title="加强农村学校寄宿条件建设")]
    for user in (p.staff, p.plain.member.user, p.unit_user):
        for proposal in proposals:
            offered = {tr.action for tr in TOY.offered(user, proposal)}
            for action in TOY.transitions:
                try:
                    with transaction.atomic():
                        TOY.begin(user, proposal, action)
                        refused = False
                except ServiceError:
                    refused = True
                assert (action in offered) is not refused, (user, proposal.title, action)
    assert {tr.action for tr in TOY.offered(p.staff, proposals[0])} == {"register", "mark_key"}


def test_problems_names_a_step_without_an_action_an_unknown_actor_and_an_unlabelled_audit():
    broken = Workflow(
        name="toy",
        model=Proposal,
        noun="提案",
        actors={"staff": lambda u, o: True},
        forbidden=NOT_YOURS,
        wrong_state=TOO_LATE,
        link=str,
        summary=str,
        transitions=[
            t("register", "立案", {S.SUBMITTED}, S.REGISTERED, "staff", audit="proposal.register"),
            t("assign", "交办", {S.REGISTERED}, S.ASSIGNED, "clerk", audit="proposal.assign"),
            t("award", "评为优秀提案", {S.REPLIED}, None, "staff", audit="toy.unlabelled"),
        ],
    )
    actions = {"register": (Empty, lambda a, o, d: None), "award": (Empty, lambda a, o, d: None)}
    assert problems(broken, actions) == [
        "assign: no action schema and service",
        "assign: unknown actor clerk",
        "award: audit action 'toy.unlabelled' has no label",
    ]
    assert problems(TOY, {name: actions["register"] for name in TOY.transitions}) == []


def test_an_action_field_the_app_has_not_labelled_reads_its_schema_title():
    class Visit(InSchema):
        visited_on: date | None = Field(None, title="走访日期")

    [field] = schema_fields(Visit, {}, lambda key: [])
    assert (field.label, field.widget, field.required) == ("走访日期", "date", False)


def test_a_box_whose_schema_defaults_to_false_starts_unticked():
    class Instruct(InSchema):
        main_leader: bool = Field(False, title="主要领导批示")
        published: bool = Field(True, title="公开")

    unticked, ticked = schema_fields(Instruct, {}, lambda key: [])
    assert (unticked.widget, unticked.initial) == ("checkbox", "")
    assert (ticked.widget, ticked.initial) == ("checkbox", "on")
