from django_tasks import task

from .services import duty_card_job_run


@task()
def duty_cards_build(job_id: int) -> int:
    """成绩单 of every member of a job's period into its ZIP; returns the cards written."""
    return duty_card_job_run(job_id=job_id).done
