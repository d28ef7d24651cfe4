"""Builders for the activities tests: a planned topic and consultations on it, made through
the services (the topic row itself is the topics area's; only its fields are set here)."""

from datetime import date

from django.utils import timezone

from zhengxie.consultations.models import Form, Topic, WrittenRequest
from zhengxie.consultations.services import activities, consultation_create

DAY = date(2026, 5, 6)


def topic_of(p, **fields) -> Topic:
    values = {
        "committee": p.committee,
        "year": DAY.year,
        "state": Topic.State.PLANNED,
        "title": "关于推进县域义务教育优质均衡发展的协商",
        "source": Topic.Source.PARTY,
        "form": Form.THEMATIC,
        "submitted_by": p.staff,
        "submitted_at": timezone.now(),
    }
    return Topic.objects.create(**(values | fields))


def consultation_of(p, topic=None, **fields):
    values = {"form": Form.THEMATIC, "title": "义务教育优质均衡发展专题协商会", "date": DAY}
    return consultation_create(actor=p.staff, topic=topic or topic_of(p), **(values | fields))


def researched(p, **fields) -> Topic:
    """A topic whose fieldwork report is final: 不调研不协商 is met."""
    return topic_of(p, research_reported_at=timezone.now(), **fields)


def leader(p):
    return p.chair.member.user


def written_request_of(p, **fields) -> WrittenRequest:
    """A 书面协商 request from the county government, logged by the office."""
    values = {
        "requester_kind": WrittenRequest.Requester.GOVERNMENT,
        "requester": "县人民政府办公室",
        "document": "《县城市更新三年行动方案(征求意见稿)》",
        "received_on": date(2026, 5, 1),
        "due_on": date(2026, 5, 15),
    }
    return activities.written_request_create(actor=p.staff, **(values | fields))
