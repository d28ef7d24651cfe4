from django.utils import timezone
from django_tasks import task

from zhengxie.core.periodic import register_periodic

from . import services


@register_periodic
@task()
def send_deadline_reminders() -> int:
    """Reminders 15 and 5 working days before a deadline, and to staff once it has passed."""
    return services.deadline_reminders_send(today=timezone.localdate())


@register_periodic
@task()
def create_follow_ups() -> int:
    """回头看 for B and C replies a year old."""
    return services.follow_ups_create_due(today=timezone.localdate())
