"""What every background job shares, whichever app defines it (django-tasks).

On PostgreSQL jobs wait in the database queue (django-tasks-db) for `wayfinder worker`; on
SQLite the immediate backend runs each one as it is enqueued (settings.TASKS).
"""

from __future__ import annotations

from django.conf import settings
from django_tasks import TaskContext, TaskResult, TaskResultStatus


def jobs_queued() -> bool:
    """Whether jobs wait in the database queue (PostgreSQL) rather than run at once."""
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db.")


def job_token_forget(context: TaskContext) -> None:
    """Blank the one-time token in the job's queue row once the email is out: the token
    is otherwise kept only as a hash."""
    if not jobs_queued():
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=context.task_result.id).update(
        args_kwargs={"args": [], "kwargs": {"token": "(sent)"}}
    )


def email_job_outcome(result: TaskResult) -> tuple[bool, bool]:
    """(emailed, queued) of an email job just enqueued: on SQLite it has run and its
    return value says whether the email went out; on PostgreSQL it waits for the worker."""
    if result.status == TaskResultStatus.READY:
        return False, True
    done = result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None
    return bool(done and done.get("emailed")), False
