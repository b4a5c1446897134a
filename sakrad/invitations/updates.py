"""Calendar updates: when a meeting's time or place changes or it is cancelled, the meetings
package raises ``meeting.ical_sequence`` and sends ``signals.meeting_calendar_changed``. This
receiver (connected in ``create_app``) queues an updated ``.ics`` (same UIDs, the new SEQUENCE;
METHOD:CANCEL when cancelled) to every organisation holding the meeting in its calendar
(accepted, or sent and not yet answered), in the same transaction as the change: rolled back,
nothing is sent.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.invitations import mail
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import Meeting, MeetingState

NOTIFIED_STATES = (InvitationState.ACCEPTED, InvitationState.SENT)


def queue_calendar_updates(meeting: Meeting, **_extra: Any) -> None:
    if meeting.state not in (MeetingState.ANNOUNCED, MeetingState.CANCELLED):
        return
    invitations = db.session.scalars(
        sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id, Invitation.state.in_(NOTIFIED_STATES)
        )
    ).all()
    for invitation in invitations:
        mail.queue_calendar_update(invitation)
        record(
            "invitation.calendar_updated",
            entity_type="Invitation",
            entity_id=invitation.id,
            after={"sequence": meeting.ical_sequence, "cancelled": meeting.is_cancelled},
            convening_body_id=meeting.convening_body_id,
        )
