"""Topics: what other apps record on a topic."""

from datetime import datetime

from zhengxie.core.audit import audit_log
from zhengxie.core.models import User

from .. import audit_actions
from ..models import Topic


def topic_research_reported(topic: Topic, *, at: datetime, actor: User) -> None:
    """A fieldwork report on the topic is final: 不调研不协商 is met from now on. The first
    report counts; later ones leave the time as it was."""
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.research_reported_at is not None:
        return
    locked.research_reported_at = at
    locked.save(update_fields=["research_reported_at"])
    topic.research_reported_at = at
    audit_log(
        actor=actor,
        action=audit_actions.TOPIC_RESEARCH_REPORTED,
        target=locked,
        committee=locked.committee,
        after={"research_reported_at": at.isoformat()},
    )
