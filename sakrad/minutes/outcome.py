"""The outcome statement: what the convening body will do with the input, when feedback
comes, and per linked topic proposal how it was handled. Drafted freely; published with the
minutes (``publish`` copies the draft into the published fields)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.minutes.models import Outcome, OutcomeProposalNote
from sakrad.minutes.rules import MinutesError, StaleInput, require_manage
from sakrad.proposals.models import TopicProposal
from sakrad.proposals.service import proposals_for_meeting

STATEMENT_MAX = 20_000
NOTE_MAX = 4_000


class StaleOutcome(StaleInput):
    text = _l(
        "Someone else changed the outcome after you opened the form. Your text is kept "
        "below: check the current version and save again."
    )


def get(meeting: Meeting) -> Outcome | None:
    return db.session.scalar(sa.select(Outcome).where(Outcome.meeting_id == meeting.id))


def linked_proposals(meeting: Meeting) -> list[TopicProposal]:
    return proposals_for_meeting(meeting)


def notes_by_proposal(outcome: Outcome | None) -> dict[int, OutcomeProposalNote]:
    return {n.proposal_id: n for n in outcome.notes} if outcome else {}


def save(
    user: User,
    meeting: Meeting,
    *,
    statement: str,
    feedback_when: date | None,
    notes: dict[int, str],
    version: int | None = None,
) -> Outcome:
    """Save the draft outcome. ``notes`` maps a linked proposal's id to how it was handled."""
    require_manage(user, meeting)
    statement = (statement or "").strip()
    if not statement:
        raise MinutesError(
            "statement_required",
            _l("Say what the convening body will do with the input."),
            "statement",
        )
    if len(statement) > STATEMENT_MAX:
        raise MinutesError("too_long", _l("The statement is too long."), "statement")
    if feedback_when is None:
        raise MinutesError(
            "feedback_required", _l("Give the date by which feedback comes."), "feedback_when"
        )
    outcome = get(meeting)
    if outcome is None:
        outcome = Outcome(meeting_id=meeting.id)
        db.session.add(outcome)
    elif version is not None and int(version) != outcome.version_id:
        raise StaleOutcome()
    before = _snapshot(outcome) if outcome.id else None
    outcome.statement = statement
    outcome.feedback_when = feedback_when
    outcome.updated_by_id = user.id
    existing = notes_by_proposal(outcome)
    allowed = {p.id for p in linked_proposals(meeting)}
    for proposal_id, text in notes.items():
        if proposal_id not in allowed:
            continue  # a proposal unlinked since the form was loaded
        text = (text or "").strip()[:NOTE_MAX]
        if proposal_id in existing:
            existing[proposal_id].note = text
        else:
            outcome.notes.append(OutcomeProposalNote(proposal_id=proposal_id, note=text))
    db.session.flush()
    record(
        "minutes.outcome_saved",
        outcome,
        before=before,
        after=_snapshot(outcome),
        convening_body_id=meeting.convening_body_id,
    )
    return outcome


def _snapshot(outcome: Outcome) -> dict[str, Any]:
    return {
        "statement": outcome.statement,
        "feedback_when": outcome.feedback_when,
        "notes": {str(n.proposal_id): n.note for n in outcome.notes},
    }


def has_unpublished_changes(meeting: Meeting) -> bool:
    outcome = get(meeting)
    if outcome is None:
        return False
    return (
        outcome.published_at is None
        or outcome.statement != outcome.published_statement
        or outcome.feedback_when != outcome.published_feedback_when
        or any(n.note != n.published_note for n in outcome.notes)
    )


def publish(user: User, meeting: Meeting, now: datetime) -> Outcome | None:
    """Called by the minutes' publication: the draft outcome becomes the public one."""
    outcome = get(meeting)
    if outcome is None:
        return None
    outcome.published_statement = outcome.statement
    outcome.published_feedback_when = outcome.feedback_when
    for note in outcome.notes:
        note.published_note = note.note
    outcome.published_at = now
    record(
        "minutes.outcome_published",
        outcome,
        after=_snapshot(outcome),
        convening_body_id=meeting.convening_body_id,
        public=True,
    )
    return outcome
