"""The share invitation's email as a background job (django-tasks; core/jobs.py).

Enqueued by `invitations.invitation_deliver`, the one way the Sharing pages send an
invitation: run at once on SQLite, by `wayfinder worker` on PostgreSQL. Arguments are ids and
strings, what a queue row holds.
"""

from __future__ import annotations

from typing import Any

from django_tasks import TaskContext, task

from wayfinder.core.jobs import job_token_forget
from wayfinder.sharing.invitations import invitation_send
from wayfinder.sharing.models import Share


@task(takes_context=True)
def share_invitation_job(
    context: TaskContext, share_id: int, token: str, base_url: str
) -> dict[str, Any]:
    """The email inviting a share's viewer (`invitation_send`)."""
    share = Share.objects.select_related("owner__user").filter(pk=share_id).first()
    if share is None:
        return {"share_id": share_id, "emailed": False}
    sent = invitation_send(share=share, token=token, base_url=base_url)
    job_token_forget(context)
    return {"share_id": share_id, "emailed": sent.emailed}
