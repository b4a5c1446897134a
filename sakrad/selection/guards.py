"""Guards of the selection step that other steps and pages ask.

Once a selection is confirmed the organisations are chosen, so nobody may still be offered
"Anmäl intresse" for that meeting (nor after it was held or documented: the state check in
``pool.interest_open`` covers those).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.db import utcnow
from sakrad.errors import Invalid
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.selection.models import Selection, SelectionState


def has_confirmed_selection(meeting: Meeting) -> bool:
    return (
        db.session.scalar(
            sa.select(Selection.id).where(
                Selection.meeting_id == meeting.id, Selection.state == SelectionState.CONFIRMED
            )
        )
        is not None
    )


def interest_window_open(meeting: Meeting, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return meeting.interest_closes_at is not None and meeting.interest_closes_at > now


def close_interest_now(meeting: Meeting, now: datetime | None = None) -> None:
    """End the registration of interest at once (offered on the selection check page)."""
    meeting.interest_closes_at = now or utcnow()


def settle_interest(meeting: Meeting, close_now: bool, now: datetime | None = None) -> None:
    """Before a selection is confirmed: while the registration of interest is still open the
    confirmation is refused, unless the user chose to close the registration now (then it is
    closed, in the same transaction as the confirmation)."""
    from sakrad.shell.filters import localdt

    if not interest_window_open(meeting, now):
        return
    if not close_now:
        raise Invalid(
            _l(
                "The registration of interest is still open until %(when)s: organisations that "
                "register later will not be in the pool. Close it now to confirm, or wait until "
                "it closes.",
                when=localdt(meeting.interest_closes_at),
            ),
            field="close_interest",
            code="interest_open",
        )
    close_interest_now(meeting, now)
