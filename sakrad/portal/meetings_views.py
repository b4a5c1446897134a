"""Public pages of meetings: /meetings/<id> and its calendar file /meetings/<id>.ics."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template

from sakrad.meetings.calendar import meeting_calendar
from sakrad.meetings.service import EXPECTATION_LABELS
from sakrad.portal import history, page_cache
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import minutes as portal_minutes
from sakrad.portal import proposals as portal_proposals
from sakrad.portal import selection as portal_selection
from sakrad.portal.blueprint import bp
from sakrad.shell.filters import current_lang


@bp.get("/meetings/<int:meeting_id>")
@page_cache.cacheable
def meeting(meeting_id: int):
    # The whole public view through the read function of each entity, a fixed number of
    # queries however many sessions, agenda items, proposals and invitations it has.
    meeting = portal_meetings.public_meeting(meeting_id, whole=True) or abort(404)
    return render_template(
        "portal/meetings/meeting.html",
        meeting=meeting,
        cycle=meeting.cycle,
        sessions=portal_meetings.public_sessions(meeting),
        expectation_labels=EXPECTATION_LABELS,
        public_proposals=portal_proposals.published_for_meeting(meeting),
        public_invitations=portal_invitations.for_meeting(meeting),
        selection_report=portal_selection.public_report(meeting, current_lang()),
        public_record=portal_minutes.meeting_record(meeting),
        history_entries=history.for_meeting(meeting),
    )


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id, whole=True) or abort(404)
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
