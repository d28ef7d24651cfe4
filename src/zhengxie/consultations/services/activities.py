"""Consultation activities of every form, 书面协商 requests and the research gate
(不调研不协商): every write of the activities area."""

from datetime import date, time

from django.db import transaction

from zhengxie.core import errors, roles
from zhengxie.core.audit import audit_log, snapshot
from zhengxie.core.errors import Problem, require
from zhengxie.core.models import User

from .. import audit_actions
from ..models import Consultation, Form, Level, Topic

TITLE_REQUIRED = Problem("title_required", "请填写活动名称。")
BAD_FORM = Problem("bad_form", "请选择有效的协商形式和组织层级。")
FOREIGN_TOPIC = Problem("bad_topic", "议题须为本会的协商议题。")
DECLINED_TOPIC = Problem("declined_topic", "该议题未被采纳,不能据此开展协商。", 409)


def _is_staff(actor: User) -> bool:
    return actor.is_authenticated and actor.has_role(roles.STAFF)


@transaction.atomic
def consultation_create(
    *,
    actor: User,
    topic: Topic,
    form: str,
    title: str,
    date: date,
    level: str = Level.SPECIAL_COMMITTEE,
    time: time | None = None,
    place: str = "",
) -> Consultation:
    """A planned consultation on one of the committee's topics; staff create it."""
    require(_is_staff(actor), errors.FORBIDDEN)
    require(topic.committee_id == actor.committee_id, FOREIGN_TOPIC)
    require(topic.state != Topic.State.DECLINED, DECLINED_TOPIC)
    require(form in Form.values and level in Level.values, BAD_FORM)
    require(title.strip(), TITLE_REQUIRED)
    consultation = Consultation.objects.create(
        committee=topic.committee,
        topic=topic,
        form=form,
        level=level,
        title=title.strip(),
        date=date,
        time=time,
        place=place.strip(),
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action=audit_actions.CONSULTATION_CREATE,
        target=consultation,
        committee=consultation.committee,
        after=snapshot(consultation, ["topic_id", "form", "level", "title", "date"]),
    )
    return consultation
