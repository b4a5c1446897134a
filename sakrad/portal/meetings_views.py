"""Public pages of meetings: /meetings/<id> and its calendar file /meetings/<id>.ics."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template

from sakrad.meetings.calendar import meeting_calendar
from sakrad.meetings.service import EXPECTATION_LABELS
from sakrad.portal import meetings as portal_meetings
from sakrad.portal.views import bp


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id) or abort(404)
    return render_template(
        "portal/meetings/meeting.html",
        meeting=meeting,
        cycle=meeting.cycle,
        sessions=portal_meetings.public_sessions(meeting),
        expectation_labels=EXPECTATION_LABELS,
    )


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id) or abort(404)
    body = meeting_calendar(
        meeting, method="PUBLISH", base_url=current_app.config["PUBLIC_BASE_URL"]
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="sakrad-meeting-{meeting.id}.ics"',
            "Cache-Control": "no-cache",
        },
    )
