"""Reminders before the answer deadline, expiry after it, and reminders by hand.

``flask sakrad send-reminders`` (run by cron) calls ``run``: it first marks overdue
invitations EXPIRED (which hands their seats to the reserve list), then reminds sent,
unanswered invitations whose deadline is near, once each.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import mail, reserve, tokens
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.invitations.records import InvitationError, audit
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage

UNANSWERED = (InvitationState.PENDING, InvitationState.SENT)


def expire_overdue(now: datetime | None = None) -> int:
    now = now or utcnow()
    overdue = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.state.in_(UNANSWERED), Invitation.deadline <= now)
        .order_by(Invitation.deadline, Invitation.id)
    ).all()
    for invitation in overdue:
        before = invitation.state
        invitation.state = InvitationState.EXPIRED
        audit("invitation.expired", invitation, before)
        reserve.seat_left(invitation, now=now)
    return len(overdue)


def _remind(invitation: Invitation, now: datetime, actor_label: str | None = None) -> None:
    token = tokens.issue(invitation)
    invitation.reminded_at = now
    mail.queue_reminder(invitation, token)
    audit(
        "invitation.reminded",
        invitation,
        invitation.state,
        actor_label=actor_label,
        public=False,
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """Remind each sent, unanswered invitation once, N days before its deadline."""
    now = now or utcnow()
    days = current_app.config.get("INVITATION_REMINDER_DAYS", 3)
    due = db.session.scalars(
        sa.select(Invitation)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .where(
            Invitation.state == InvitationState.SENT,
            Invitation.reminded_at.is_(None),
            Invitation.deadline > now,
            Invitation.deadline <= now + timedelta(days=days),
            Meeting.state == MeetingState.ANNOUNCED,
        )
        .order_by(Invitation.id)
    ).all()
    for invitation in due:
        _remind(invitation, now, actor_label="system (reminder)")
    return len(due)


def run(now: datetime | None = None) -> tuple[int, int]:
    now = now or utcnow()
    expired = expire_overdue(now)
    reminded = send_due_reminders(now)
    return expired, reminded


def remind_by_hand(
    user: User, meeting: Meeting, invitation_ids: list[int], *, now: datetime | None = None
) -> int:
    """The civil servant's reminder to chosen invitations (sent, unanswered, not overdue)."""
    require_manage(user, meeting)
    if meeting.state != MeetingState.ANNOUNCED:
        raise InvitationError(
            "meeting_over",
            _l("Reminders go only before the meeting; this meeting has been held or closed."),
        )
    now = now or utcnow()
    chosen = db.session.scalars(
        sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id,
            Invitation.id.in_(invitation_ids or [-1]),
            Invitation.state == InvitationState.SENT,
            Invitation.deadline > now,
        )
    ).all()
    if not chosen:
        raise InvitationError(
            "nothing_to_remind", _l("Choose at least one sent invitation that is unanswered.")
        )
    for invitation in chosen:
        _remind(invitation, now)
    return len(chosen)
