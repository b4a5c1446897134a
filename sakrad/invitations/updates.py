"""Calendar updates: when a meeting's time or place changes or it is cancelled, the meetings
package raises ``meeting.ical_sequence``. This flush listener notices and queues an updated
``.ics`` (same UIDs, the new SEQUENCE; METHOD:CANCEL when cancelled) to every organisation
holding the meeting in its calendar (accepted, or sent and not yet answered), in the same
transaction as the change: rolled back, nothing is sent.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, attributes

from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import Meeting, MeetingState

NOTIFIED_STATES = (InvitationState.ACCEPTED, InvitationState.SENT)
_SENT_KEY = "invitations_calendar_updates"


def _changed(meeting: Meeting) -> bool:
    sequence = attributes.get_history(meeting, "ical_sequence")
    state = attributes.get_history(meeting, "state")
    cancelled_now = bool(state.added) and meeting.state == MeetingState.CANCELLED
    return bool(sequence.added and sequence.deleted) or cancelled_now


def _before_flush(session: Session, _context, _instances) -> None:  # noqa: ANN001
    from sakrad.audit.service import record
    from sakrad.invitations import mail

    meetings = [m for m in session.dirty if isinstance(m, Meeting) and _changed(m)]
    if not meetings:
        return
    done: set[tuple[int, int]] = session.info.setdefault(_SENT_KEY, set())
    for meeting in meetings:
        if meeting.state not in (MeetingState.ANNOUNCED, MeetingState.CANCELLED):
            continue
        invitations = session.scalars(
            sa.select(Invitation).where(
                Invitation.meeting_id == meeting.id, Invitation.state.in_(NOTIFIED_STATES)
            )
        ).all()
        for invitation in invitations:
            key = (invitation.id, meeting.ical_sequence)
            if key in done:
                continue
            done.add(key)
            mail.queue_calendar_update(invitation)
            record(
                "invitation.calendar_updated",
                entity_type="Invitation",
                entity_id=invitation.id,
                after={"sequence": meeting.ical_sequence, "cancelled": meeting.is_cancelled},
                convening_body_id=meeting.convening_body_id,
            )


def _forget(session: Session, *_args) -> None:  # noqa: ANN002
    session.info.pop(_SENT_KEY, None)


def register() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_commit", _forget)
        event.listen(Session, "after_rollback", _forget)
