"""The published minutes as a PDF download (reads only what the portal already publishes)."""

from __future__ import annotations

from flask import Response, abort

from sakrad.pdf import render_minutes_pdf
from sakrad.portal import meetings as portal_meetings
from sakrad.portal.blueprint import bp
from sakrad.portal.minutes_pdf import minutes_document


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
def minutes_pdf(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id) or abort(404)
    doc = minutes_document(meeting) or abort(404)
    response = Response(render_minutes_pdf(doc), mimetype="application/pdf")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="sakrad-minutes-{meeting.id}.pdf"'
    )
    return response
