"""The public selection report (on the meeting page) and the frozen input download."""

from __future__ import annotations

import json

from flask import Response, abort

from sakrad.portal import meetings as portal_meetings
from sakrad.portal import selection as portal_selection
from sakrad.portal.blueprint import bp


@bp.get("/meetings/<int:meeting_id>/selection.json")
def meeting_selection_json(meeting_id: int):
    meeting = portal_meetings.public_meeting(meeting_id) or abort(404)
    data = portal_selection.frozen_input(meeting) or abort(404)
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="sakrad-selection-{meeting.id}.json"'
        },
    )
