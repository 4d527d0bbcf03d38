"""An owner leaves the instance: their shares end first, and each viewer is told.

Registered with core.owner_removal (SharingConfig.ready), so accounts' deletion runs it
without importing sharing. Every viewer of a share in force gets a notice on "Shared with
me" (kept until they dismiss it); when this instance can send mail, an email too. Both name
the owner and nothing of the record.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from django.core.mail import send_mail

from wayfinder.accounts.owner_services import account_notice_add
from wayfinder.core.clock import UnknownTimeZone, zone_named
from wayfinder.core.counts import count_of
from wayfinder.core.mail import mail_configured
from wayfinder.core.models import Profile
from wayfinder.sharing.models import Share
from wayfinder.sharing.navigation import shared_with_me_forget


def departure_message(owner_name: str) -> str:
    return f"{owner_name} has left this Wayfinder, so what they shared with you is no longer here."


def shares_end_for_owner_removal(*, owner: Profile, now: dt.datetime) -> str | None:
    """Revoke the owner's shares still in force and tell the viewer of each accepted one."""
    try:
        zone: dt.tzinfo = zone_named(owner.time_zone)
    except UnknownTimeZone:
        zone = dt.UTC
    today = now.astimezone(zone).date()
    live = Share.objects.for_owner(owner).live_on(today)
    active = list(live.active_on(today).select_related("viewer"))
    ended = live.update(revoked_at=now)
    if not ended:
        return None
    message = departure_message(str(owner))
    viewers = {share.viewer_id: share for share in active if share.viewer is not None}
    emailed = 0
    for share in viewers.values():
        assert share.viewer is not None
        shared_with_me_forget(viewer_id=share.viewer_id)
        account_notice_add(user=share.viewer, message=message, now=now)
        address = share.viewer.email or share.email
        if mail_configured() and address:
            try:
                send_mail(
                    subject=f"{owner} has left Wayfinder",
                    message=f"{message}\n\nNothing more is needed from you.",
                    from_email=None,
                    recipient_list=[address],
                )
            except (smtplib.SMTPException, OSError):
                continue
            emailed += 1
    told = f"; told {count_of(len(viewers), 'viewer')}" if viewers else ""
    by_mail = f" ({emailed} by email)" if emailed else ""
    return f"Ended {count_of(ended, 'share')}{told}{by_mail}."
