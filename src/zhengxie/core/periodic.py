"""Periodic work: apps register tasks here; `zhengxie tick` (from cron or `make run`'s loop)
enqueues each one, and the task worker runs them. Tasks must be safe to run repeatedly."""

_tasks: list = []


def register_periodic(task):
    _tasks.append(task)
    return task


def periodic_tasks() -> list:
    return list(_tasks)
