"""The owner invitation's email as a background job (django-tasks; core/jobs.py).

Enqueued by `owner_services.owner_invitation_deliver`, the one way the Owners pages, the
command line and the sign-up page send a sign-up link: run at once on SQLite, by
`wayfinder worker` on PostgreSQL. Arguments are ids and strings, what a queue row holds.
"""

from __future__ import annotations

from typing import Any

from django_tasks import TaskContext, task

from wayfinder.accounts.models import OwnerInvitation
from wayfinder.accounts.owner_services import owner_invitation_send
from wayfinder.core.jobs import job_token_forget


@task(takes_context=True)
def owner_invitation_job(
    context: TaskContext, invitation_id: int, token: str, base_url: str
) -> dict[str, Any]:
    """The email inviting a new owner (`owner_invitation_send`)."""
    invitation = OwnerInvitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        return {"invitation_id": invitation_id, "emailed": False}
    sent = owner_invitation_send(invitation=invitation, token=token, base_url=base_url)
    job_token_forget(context)
    return {"invitation_id": invitation_id, "emailed": sent.emailed}
