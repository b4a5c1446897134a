"""Attendance after the meeting: attended yes or no per organisation and per delegate."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.invitations.models import InvitationState
from sakrad.invitations.records import InvitationError, invitations_for_meeting
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage


def record_attendance(
    user: User,
    meeting: Meeting,
    organisations: dict[int, bool | None],
    delegates: dict[int, bool | None],
    *,
    now: datetime | None = None,
) -> int:
    """Attended yes/no per accepted invitation and per delegate, once the meeting began."""
    require_manage(user, meeting)
    now = now or utcnow()
    if meeting.state == MeetingState.CANCELLED or (
        meeting.starts_at is None or meeting.starts_at > now
    ):
        raise InvitationError(
            "not_started", _l("Attendance can be recorded once the meeting has started.")
        )
    changed = 0
    for invitation in invitations_for_meeting(meeting):
        if invitation.state != InvitationState.ACCEPTED:
            continue
        before = {"attended": invitation.attended}
        if invitation.id in organisations:
            invitation.attended = organisations[invitation.id]
        for d in invitation.delegates:
            if d.id in delegates:
                d.attended = delegates[d.id]
        after = {"attended": invitation.attended}
        if before != after:
            changed += 1
            record(
                "invitation.attendance",
                invitation,
                before=before,
                after=after,
                convening_body_id=meeting.convening_body_id,
                public=meeting.is_public,
            )
    return changed
