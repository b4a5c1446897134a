"""Emails about invitations, in the organisation's language, plain text and HTML.

Rendered straight from the Jinja environment: they are also queued from the command line
(reminders, expiry) where there is no request to render a page in.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from sakrad.invitations.models import Invitation
from sakrad.mail.compose import in_language, parts
from sakrad.mail.service import Attachment, queue
from sakrad.meetings.calendar import meeting_calendar
from sakrad.meetings.service import EXPECTATION_LABELS
from sakrad.organisations.models import Organisation


def recipients_of(organisation: Organisation) -> list[str]:
    """Every active representative; the contact address when it has none."""
    emails = [r.user.email for r in organisation.representatives if r.user.active]
    if not emails and organisation.contact_email:
        emails = [organisation.contact_email]
    return emails


def base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def answer_url(token: str) -> str:
    return f"{base_url()}/answer/{token}"


def calendar_attachment(invitation: Invitation, method: str) -> Attachment:
    data = meeting_calendar(
        invitation.meeting, method=method, base_url=base_url(), include_online=True
    )
    return Attachment(
        f"sakrad-meeting-{invitation.meeting_id}.ics", f"text/calendar; method={method}", data
    )


# The subject of each kind of mail, with the meeting's title in the recipient's language.
SUBJECTS = {
    "invitation": _l("Invitation: %(title)s"),
    "reminder": _l("Reminder: please answer the invitation to %(title)s"),
    "cancelled": _l("Cancelled: %(title)s"),
    "updated": _l("Changed time or place: %(title)s"),
    "withdrawn": _l("Invitation withdrawn: %(title)s"),
}


def _send(
    invitation: Invitation, kind: str, *, link: str | None = None, method: str | None = None
) -> None:
    recipients = recipients_of(invitation.organisation)
    if not recipients:
        current_app.logger.warning(
            "organisation %s has no address for invitations", invitation.organisation_id
        )
        return
    meeting = invitation.meeting
    with in_language(invitation.organisation.language) as lang:
        title = meeting.display_title(lang)
        subject = str(SUBJECTS[kind]) % {"title": title}
        context = {
            "subject": subject,
            "kind": kind,
            "invitation": invitation,
            "meeting": meeting,
            "organisation": invitation.organisation,
            "lang": lang,
            "title": title,
            "body_name": meeting.convening_body.display_name(lang),
            "link": link,
            "meeting_url": f"{base_url()}/meetings/{meeting.id}",
            "dashboard_url": f"{base_url()}/dashboard/",
            "labels": {k: str(v) for k, v in EXPECTATION_LABELS.items()},
        }
        text, html = parts("invitations/mail/message", **context)
    attachments = [calendar_attachment(invitation, method)] if method else []
    queue(
        recipients,
        subject,
        text,
        html,
        attachments=attachments,
        topic=f"invitation-{kind}:{invitation.id}",
    )


def queue_invitation(invitation: Invitation, token: str) -> None:
    _send(invitation, "invitation", link=answer_url(token), method="REQUEST")


def queue_reminder(invitation: Invitation, token: str) -> None:
    _send(invitation, "reminder", link=answer_url(token))


def queue_calendar_update(invitation: Invitation) -> None:
    if invitation.meeting.is_cancelled:
        _send(invitation, "cancelled", method="CANCEL")
    else:
        _send(invitation, "updated", method="REQUEST")


def queue_withdrawn(invitation: Invitation) -> None:
    _send(invitation, "withdrawn", method="CANCEL" if invitation.sent_at else None)
