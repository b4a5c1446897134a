"""The venue's list: accepted organisations and their delegates with needs, as CSV.

Contains personal data (emails, needs): served only to the meeting's civil servants.
"""

from __future__ import annotations

from flask_babel import gettext as _

from sakrad.invitations.models import NEED_LABELS, InvitationState
from sakrad.invitations.records import invitations_for_meeting
from sakrad.meetings.models import Meeting
from sakrad.shell.csv import write_csv


def venue_csv(meeting: Meeting) -> bytes:
    header = [
        _("Organisation"),
        _("Delegate"),
        _("Email"),
        _("Needs"),
        _("About the needs"),
        _("Name may be published"),
    ]
    rows = []
    for invitation in invitations_for_meeting(meeting):
        if invitation.state != InvitationState.ACCEPTED:
            continue
        for d in invitation.delegates:
            rows.append(
                [
                    invitation.organisation.name,
                    d.name,
                    d.email,
                    "; ".join(str(NEED_LABELS.get(c, c)) for c in d.needs or []),
                    d.needs_note or "",
                    _("yes") if d.name_public else _("no"),
                ]
            )
    return write_csv(header, rows)
