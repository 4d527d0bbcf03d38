"""Wayfinder's background jobs, on django-tasks (the backport of Django 6's tasks framework).

On PostgreSQL they wait in the database queue (django-tasks-db) until `wayfinder worker`
runs them; on SQLite the immediate backend runs each one as it is enqueued, inside the
command that asked (`wayfinder digest --all`, `wayfinder notices`), so cron keeps working
with no worker. Arguments are ids and ISO dates: what a queue row can hold as JSON. The
invitations' jobs live beside the services that enqueue them: the owner invitation's in
accounts/jobs.py, the share invitation's in sharing/jobs.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django_tasks import task

from wayfinder.core.models import Profile
from wayfinder.operations import services


def _today(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _owner(owner_id: int) -> Profile | None:
    """The owner still on the instance and able to sign in (a job may outlive either)."""
    return Profile.objects.filter(pk=owner_id, user__is_active=True).select_related("user").first()


@task()
def digest_job(owner_id: int, today: str | None = None) -> dict[str, Any]:
    """One owner's weekly digest, at most once for the owner's week."""
    owner = _owner(owner_id)
    if owner is None:
        return {"owner_id": owner_id, "outcome": "no such owner"}
    result = services.digest_send_once(owner=owner, today=_today(today))
    return {
        "owner": result.owner,
        "week": result.week.isoformat(),
        "outcome": str(result.outcome),
        "problem": result.problem,
    }


@task()
def expiry_notices_job(owner_id: int, today: str | None = None) -> dict[str, Any]:
    """Tell one owner about their shares ending within a week, each share once."""
    owner = _owner(owner_id)
    if owner is None:
        return {"owner_id": owner_id, "outcome": "no such owner"}
    result = services.expiry_notices_send(owner=owner, today=_today(today))
    return {
        "owner": result.owner,
        "sent": result.sent,
        "already_sent": result.already_sent,
        "problems": result.problems,
    }


def digests_enqueue(*, today: dt.date | None = None) -> list[Any]:
    """A digest job for every owner who can sign in; the results (run already on SQLite)."""
    day = today.isoformat() if today else None
    return [digest_job.enqueue(owner.pk, day) for owner in services.owners_with_digest()]


def expiry_notices_enqueue(*, today: dt.date | None = None) -> list[Any]:
    """An expiry-notice job for every owner who can sign in."""
    day = today.isoformat() if today else None
    return [expiry_notices_job.enqueue(owner.pk, day) for owner in services.owners_with_digest()]


def job_lines(results: list[Any]) -> list[str]:
    """One line a job for a command's output: what it did (run at once, on SQLite) or
    that it waits for `wayfinder worker` (queued, on PostgreSQL)."""
    from django_tasks import TaskResultStatus

    lines = []
    for result in results:
        if result.status == TaskResultStatus.READY:
            lines.append(f"queued {result.task.name} {result.id} for `wayfinder worker`")
        elif result.status == TaskResultStatus.FAILED:
            error = result.errors[-1].exception_class_path if result.errors else "an error"
            lines.append(f"{result.task.name} failed ({error}): see the log")
        else:
            value = result.return_value or {}
            owner = value.get("owner", value.get("owner_id", "?"))
            if "outcome" in value:
                text = value["outcome"] + (f": {value['problem']}" if value.get("problem") else "")
            else:
                text = f"{value.get('sent', 0)} sent, {value.get('already_sent', 0)} already sent"
                if value.get("problems"):
                    text += f" ({'; '.join(value['problems'])})"
            lines.append(f"{owner}: {text}")
    return lines
