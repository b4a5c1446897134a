"""The public-read rule of every public entity, one function each.

Whatever shows public data (the HTML pages, the JSON API, the CSV files, the feeds, the
calendars and the search index) selects through these criteria and nothing else, so the
page, the API and the CSV file cannot disagree about what is public. Each function returns
a SQL criterion on its model; ``tests/integration/test_public_read_agreement.py`` builds a
world with every state of every entity and checks that all readers show the same objects.

- cycle: open, closed or archived (never a draft);
- meeting: announced, held or documented, or cancelled after it was announced, in a
  public cycle; its sessions and agenda items are public with it;
- invitation (with its answer and attendance): sent and still standing or answered (sent,
  accepted, declined, expired) to a public meeting; never pending, never withdrawn;
  attendance only after the meeting and only of an accepted invitation
  (``public_attendance``);
- proposal and its response: response published, not withdrawn, in a public cycle;
- minutes revision: the revisions a publication points at, of a public meeting;
- document: marked public, of a public meeting (``document_current`` for the list);
- outcome: published with a statement, of a public meeting;
- organisation: active and not merged into another;
- selection report: a confirmed selection with a published report, of a public meeting.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from sakrad.cycles.models import PUBLIC_CYCLE_STATES, Cycle
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import (
    PUBLISHED_STATES,
    AgendaItem,
    Meeting,
    MeetingSession,
    MeetingState,
)
from sakrad.minutes.models import Document, MinutesPublication, Outcome
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import ProposalState, TopicProposal
from sakrad.selection.models import Selection, SelectionState

PUBLIC_INVITATION_STATES = (
    InvitationState.SENT,
    InvitationState.ACCEPTED,
    InvitationState.DECLINED,
    InvitationState.EXPIRED,
)
AFTER_MEETING = frozenset({MeetingState.HELD, MeetingState.DOCUMENTED})
# The largest id any table holds on both databases (PostgreSQL ``integer``): a larger one in
# a URL is no public object (404), never a database error.
MAX_ID = 2**31 - 1


def cycle_public() -> ColumnElement[bool]:
    return Cycle.state.in_(PUBLIC_CYCLE_STATES)


def meeting_state_public(meeting: Any = Meeting) -> ColumnElement[bool]:
    """The meeting's own part of the rule (with ``cycle_public`` on a joined cycle)."""
    return sa.or_(
        meeting.state.in_(PUBLISHED_STATES),
        sa.and_(meeting.state == MeetingState.CANCELLED, meeting.announced_at.is_not(None)),
    )


def meeting_public(meeting: Any = Meeting) -> ColumnElement[bool]:
    """``meeting``: the class or an alias of it."""
    return sa.and_(meeting_state_public(meeting), meeting.cycle.has(cycle_public()))


# Built once: an alias proxies every column, too dear to make again for each query.
_MEETING = aliased(Meeting, name="public_meeting")
_SESSION = aliased(MeetingSession, name="public_session")


def _of_public_meeting(column: Any) -> ColumnElement[bool]:
    """Rows whose meeting (``column`` holds its id) is public: a correlated EXISTS on the
    meeting's primary key, cheap for a page of rows at any size of the installation."""
    return sa.exists().where(_MEETING.id == column, meeting_public(_MEETING))


def session_public() -> ColumnElement[bool]:
    return _of_public_meeting(MeetingSession.meeting_id)


def agenda_item_public() -> ColumnElement[bool]:
    return sa.exists().where(
        _SESSION.id == AgendaItem.session_id, _of_public_meeting(_SESSION.meeting_id)
    )


def invitation_public() -> ColumnElement[bool]:
    return sa.and_(
        Invitation.state.in_(PUBLIC_INVITATION_STATES),
        Invitation.sent_at.is_not(None),
        _of_public_meeting(Invitation.meeting_id),
    )


def public_attendance(
    meeting_state: MeetingState | str,
    invitation_state: InvitationState | str,
    attended: bool | None,
) -> bool | None:
    """Attendance as the public sees it: None until the meeting was held, and for anyone
    who had not accepted."""
    if MeetingState(meeting_state) not in AFTER_MEETING:
        return None
    if InvitationState(invitation_state) != InvitationState.ACCEPTED:
        return None
    return attended


def proposal_public() -> ColumnElement[bool]:
    return sa.and_(
        TopicProposal.response_published_at.is_not(None),
        TopicProposal.state != ProposalState.WITHDRAWN,
        TopicProposal.cycle.has(cycle_public()),
    )


def minutes_publication_public() -> ColumnElement[bool]:
    return _of_public_meeting(MinutesPublication.meeting_id)


def document_public() -> ColumnElement[bool]:
    """Public documents, replaced versions included (they stay reachable as history)."""
    return sa.and_(Document.public.is_(True), _of_public_meeting(Document.meeting_id))


def document_current() -> ColumnElement[bool]:
    """The public documents a meeting lists: public and not replaced by a newer version."""
    return sa.and_(document_public(), Document.replaced_by_id.is_(None))


def outcome_public() -> ColumnElement[bool]:
    return sa.and_(
        Outcome.published_at.is_not(None),
        Outcome.published_statement.is_not(None),
        Outcome.published_statement != "",
        _of_public_meeting(Outcome.meeting_id),
    )


def organisation_public() -> ColumnElement[bool]:
    return sa.and_(Organisation.active.is_(True), Organisation.merged_into_id.is_(None))


def selection_report_public() -> ColumnElement[bool]:
    return sa.and_(
        Selection.state == SelectionState.CONFIRMED,
        Selection.report_published_at.is_not(None),
        _of_public_meeting(Selection.meeting_id),
    )
