from django.utils import timezone
from django_tasks import task

from zhengxie.core.periodic import register_periodic

from .services import task_reminders_send


@register_periodic
@task()
def send_outcome_task_reminders() -> int:
    """Daily reminders for outcome instructions past their due date without feedback."""
    return task_reminders_send(today=timezone.localdate())
