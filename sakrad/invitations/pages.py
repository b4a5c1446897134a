"""What the invitation route modules share."""

from __future__ import annotations

from flask import redirect, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from sakrad.meetings.pages import managed_meeting

__all__ = ["CONFLICT", "managed_meeting", "to_overview"]

CONFLICT = _l("Someone else changed these invitations at the same time. Please try again.")


def to_overview(meeting_id: int) -> Response:
    return redirect(url_for("invitations.overview", meeting_id=meeting_id), code=303)
