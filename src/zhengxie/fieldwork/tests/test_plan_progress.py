"""The yearly plan's execution table reads a planned topic's fieldwork through the reverse
name `topic.fieldwork` (consultations never imports fieldwork)."""

from zhengxie.consultations.queries.topics import plan_progress
from zhengxie.consultations.tests.topics_helpers import plan_of, planned
from zhengxie.fieldwork import services


def test_a_planned_topic_under_research_reads_as_under_research_in_the_plan(p):
    plan = plan_of(p)
    topic = planned(p, plan, supervisory=True)
    services.fieldwork_create(actor=p.staff, kind="research", title="食品安全专题调研", topic=topic)
    (row,) = plan_progress(plan)
    assert ([f["title"] for f in row.fieldwork], row.status) == (["食品安全专题调研"], "调研中")
