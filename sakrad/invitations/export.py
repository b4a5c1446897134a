"""The venue's list: accepted organisations and their delegates with needs, as CSV.

Contains personal data (emails, needs): served only to the meeting's civil servants.
"""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from sakrad.invitations.models import NEED_LABELS, InvitationState
from sakrad.invitations.records import invitations_for_meeting
from sakrad.meetings.models import Meeting


def _safe(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def venue_csv(meeting: Meeting) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Organisation"),
            _("Delegate"),
            _("Email"),
            _("Needs"),
            _("About the needs"),
            _("Name may be published"),
        ]
    )
    for invitation in invitations_for_meeting(meeting):
        if invitation.state != InvitationState.ACCEPTED:
            continue
        for d in invitation.delegates:
            writer.writerow(
                [
                    _safe(invitation.organisation.name),
                    _safe(d.name),
                    _safe(d.email),
                    "; ".join(str(NEED_LABELS.get(c, c)) for c in d.needs or []),
                    _safe(d.needs_note or ""),
                    _("yes") if d.name_public else _("no"),
                ]
            )
    # A byte order mark so that spreadsheet programs read å, ä and ö right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
