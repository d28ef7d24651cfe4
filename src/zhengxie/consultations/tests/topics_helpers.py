"""Topics and plans made through the services, for the topics tests."""

from datetime import date

from zhengxie.consultations import services
from zhengxie.consultations.models import ConsultationPlan, Form, PlanType, Topic

YEAR = date.today().year


def suggested(p, actor=None, **fields) -> Topic:
    """A topic the office records from the party committee (党委点题) unless told otherwise."""
    values = {
        "title": "关于优化县域营商环境的议题",
        "source": Topic.Source.PARTY,
        "form": Form.COUNTERPART,
        "source_name": "县委办公室",
        "year": YEAR,
    }
    return services.topic_suggest(actor=actor or p.staff, **(values | fields))


def accepted(p, **fields) -> Topic:
    return services.topic_accept(actor=p.staff, topic=suggested(p, **fields))


def plan_of(p, year=YEAR) -> ConsultationPlan:
    plan = ConsultationPlan.objects.filter(committee=p.committee, year=year).first()
    return plan or services.plan_create(actor=p.staff, year=year)


def planned(p, plan=None, plan_type=PlanType.COUNTERPART, **fields):
    plan = plan or plan_of(p)
    topic = accepted(p, **fields)
    services.plan_item_add(actor=p.staff, plan=plan, topic=topic, plan_type=plan_type)
    return topic


def decided(p, plan=None) -> ConsultationPlan:
    """A plan with a supervisory topic, passed by 主席会议 and decided by the party committee."""
    plan = plan or plan_of(p)
    if plan.state == ConsultationPlan.State.DRAFTING:
        planned(p, plan, title="关于食品安全监管工作的民主监督", supervisory=True)
        plan = services.plan_submit(actor=p.staff, plan=plan)
    plan = services.plan_pass(actor=p.staff, plan=plan, passed_on=date(YEAR, 2, 10))
    return services.plan_decide(
        actor=p.staff,
        plan=plan,
        decided_by="中共测试县委常委会",
        decided_on=date(YEAR, 2, 20),
        document="测委〔2026〕5号",
    )
