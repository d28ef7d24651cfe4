from django.utils import timezone
from django_tasks import task

from zhengxie.core.periodic import register_periodic

from . import services


@register_periodic
@task()
def send_instruction_reminders() -> int:
    """Daily reminders for instructions past their due date without feedback."""
    return services.instruction_reminders_send(today=timezone.localdate())


@register_periodic
@task()
def record_officer_years() -> int:
    """Each member serving as 信息员 is credited the year as soon as it begins."""
    return services.officer_years_record(today=timezone.localdate())
