"""The reserve list: a seat left by a declined, expired or withdrawn invitation goes to the
first reserve whose addition keeps every quota of the confirmed selection satisfied.

Per meeting the convening body chooses: automatically (the reserve is invited and, once the
meeting's invitations have gone out, sent at once) or on confirmation (the overview offers
the seat and a civil servant confirms). When no reserve fits, the reason (which quota
blocks) is kept on the meeting's settings for the overview and returned for a flash.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import (
    LEAVING_STATES,
    Invitation,
    InvitationOrigin,
    InvitationState,
    ReserveMode,
)
from sakrad.invitations.records import (
    InvitationError,
    create_invitation,
    invitations_for_meeting,
    live_invitation,
    send_invitation,
    settings_for,
)
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage
from sakrad.selection import service as selections

NO_RESERVE = _l("The reserve list has no organisation left to offer the seat to.")


def open_seats(meeting: Meeting) -> list[Invitation]:
    """Panel seats that were left and not yet given to a reserve."""
    return [
        i
        for i in invitations_for_meeting(meeting)
        if i.holds_panel_seat
        and i.state in LEAVING_STATES
        and i.replaced_by_id is None
        and live_invitation(meeting, i.organisation_id) is None
    ]


def _deadline(left: Invitation, now: datetime) -> datetime | None:
    """The reserve gets the old deadline, or a few days if it has passed, before the start."""
    days = current_app.config.get("INVITATION_RESERVE_ANSWER_DAYS", 7)
    deadline = max(left.deadline, now + timedelta(days=days))
    start = left.meeting.starts_at
    if start is not None and deadline >= start:
        deadline = start - timedelta(hours=1)
    return deadline if deadline > now else None


def fill_seat(
    left: Invitation, *, now: datetime | None = None
) -> tuple[Invitation | None, str | None]:
    """Offer the left seat to the next fitting reserve: (new invitation, None) or (None, why)."""
    now = now or utcnow()
    meeting = left.meeting
    settings = settings_for(meeting, create=True)
    selection = selections.confirmed_selection(meeting)
    if selection is None or meeting.state != MeetingState.ANNOUNCED:
        return None, None
    everyone = invitations_for_meeting(meeting)
    current = [i.organisation_id for i in everyone if i.is_live and i.holds_panel_seat]
    exclude = {i.organisation_id for i in everyone}
    org_id, blocking = selections.next_reserve(
        selection, set(current), left.organisation_id, exclude
    )
    deadline = _deadline(left, now) if org_id is not None else None
    if org_id is None or deadline is None:
        message = str(blocking or NO_RESERVE)
        if org_id is not None:
            message = str(_l("The answer deadline cannot be met before the meeting starts."))
        settings.reserve_blocked = message
        settings.reserve_blocked_at = now
        return None, message
    new = create_invitation(meeting, org_id, origin=InvitationOrigin.RESERVE, deadline=deadline)
    left.replaced_by = new
    settings.reserve_blocked = None
    settings.reserve_blocked_at = None
    if any(i.sent_at is not None for i in everyone):
        send_invitation(new, now=now)
    db.session.flush()
    return new, None


def seat_left(
    left: Invitation, *, now: datetime | None = None
) -> tuple[Invitation | None, str | None]:
    """Called on decline, expiry and withdrawal; fills the seat if the meeting says so."""
    if not left.holds_panel_seat or left.state not in LEAVING_STATES:
        return None, None
    if settings_for(left.meeting).reserve_mode != ReserveMode.AUTOMATIC:
        return None, None
    return fill_seat(left, now=now)


def confirm_reserve(
    user: User, left: Invitation, *, now: datetime | None = None
) -> tuple[Invitation | None, str | None]:
    """The civil servant's "offer the seat to the next reserve" (mode: on confirmation)."""
    require_manage(user, left.meeting)
    if left not in open_seats(left.meeting):
        raise InvitationError("no_open_seat", _l("This seat has already been filled."))
    return fill_seat(left, now=now)


__all__ = ["InvitationState", "confirm_reserve", "fill_seat", "open_seats", "seat_left"]
