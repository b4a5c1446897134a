"""Public reads of minutes, documents and outcomes.

Only what was published: the revision the latest publication points at (and earlier
publications as change history), documents marked public, the outcome as copied at the last
publication. Drafts, review rounds, comments and internal documents never pass through here.
Every read first checks that the meeting itself is public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.minutes.models import (
    Document,
    MinutesPublication,
    MinutesRevision,
    Outcome,
)
from sakrad.portal.meetings import public_meeting


def _public(meeting: Meeting) -> bool:
    return public_meeting(meeting.id) is not None


def publication_history(meeting: Meeting) -> list[tuple[MinutesRevision, MinutesPublication]]:
    """Every publication, newest first, with the revision it pointed at."""
    if not _public(meeting):
        return []
    stmt = (
        sa.select(MinutesRevision, MinutesPublication)
        .join(MinutesPublication, MinutesPublication.revision_id == MinutesRevision.id)
        .where(MinutesPublication.meeting_id == meeting.id)
        .order_by(MinutesPublication.published_at.desc(), MinutesPublication.id.desc())
    )
    return [(r, p) for r, p in db.session.execute(stmt)]


def published_minutes(meeting: Meeting) -> tuple[MinutesRevision, MinutesPublication] | None:
    history = publication_history(meeting)
    return history[0] if history else None


def publication(
    meeting: Meeting, publication_id: int
) -> tuple[MinutesRevision, MinutesPublication] | None:
    return next((h for h in publication_history(meeting) if h[1].id == publication_id), None)


def first_published_at(meeting: Meeting) -> datetime | None:
    history = publication_history(meeting)
    return history[-1][1].published_at if history else None


def days_to_publication(meeting: Meeting) -> int | None:
    from sakrad.minutes.service import days_to_publication as days

    return days(meeting, first_published_at(meeting))


def public_documents(meeting: Meeting, *, include_replaced: bool = False) -> list[Document]:
    if not _public(meeting):
        return []
    stmt = sa.select(Document).where(Document.meeting_id == meeting.id, Document.public.is_(True))
    if not include_replaced:
        stmt = stmt.where(Document.replaced_by_id.is_(None))
    return list(db.session.scalars(stmt.order_by(Document.created_at, Document.id)))


def public_document(document_id: int) -> Document | None:
    """A public document of a public meeting (replaced ones too: they stay in history)."""
    doc = db.session.get(Document, document_id)
    if doc is None or not doc.public:
        return None
    if public_meeting(doc.meeting_id) is None:
        return None
    return doc


@dataclass(frozen=True)
class PublicProposalNote:
    proposal_id: int
    title: str
    organisation_name: str
    note: str


@dataclass(frozen=True)
class PublicOutcome:
    statement: str
    feedback_when: date | None
    published_at: datetime
    notes: list[PublicProposalNote]


def published_outcome(meeting: Meeting) -> PublicOutcome | None:
    if not _public(meeting):
        return None
    outcome = db.session.scalar(sa.select(Outcome).where(Outcome.meeting_id == meeting.id))
    if outcome is None or outcome.published_at is None or not outcome.published_statement:
        return None
    notes = [
        PublicProposalNote(
            n.proposal_id, n.proposal.title, n.proposal.organisation.name, n.published_note
        )
        for n in outcome.notes
        # A proposal is public only once its response is; its note follows the same rule.
        if n.published_note and n.proposal.response_published_at is not None
    ]
    return PublicOutcome(
        outcome.published_statement,
        outcome.published_feedback_when,
        outcome.published_at,
        notes,
    )
