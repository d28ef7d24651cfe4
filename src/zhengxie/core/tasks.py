from django.core.mail import send_mail
from django_tasks import task

from .periodic import register_periodic


@task()
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])


@register_periodic
@task()
def prune_login_failures() -> int:
    """Failed logins older than every counting window are no longer needed."""
    from .services import login_failures_prune  # services imports this module

    return login_failures_prune()
