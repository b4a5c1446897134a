"""What the meeting route modules (and those of later packages about one meeting) share."""

from __future__ import annotations

from flask import redirect, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from sakrad.meetings import service
from sakrad.meetings.models import Meeting


def managed_meeting(meeting_id: int) -> Meeting:
    """The meeting, if the current user may manage it (else 404/403 via the domain errors)."""
    meeting = service.get_meeting(meeting_id)
    service.require_manage(current_user, meeting)
    return meeting


def to_meeting(meeting: Meeting, anchor: str = "") -> Response:
    url = url_for("meetings.manage", meeting_id=meeting.id)
    return redirect(f"{url}#{anchor}" if anchor else url, code=303)
