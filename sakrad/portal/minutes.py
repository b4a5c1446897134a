"""Public reads of minutes, documents and outcomes (``rules.minutes_publication_public``,
``rules.document_public``/``document_current``, ``rules.outcome_public``).

Only what was published: the revision the latest publication points at (and earlier
publications as change history), documents marked public, the outcome as copied at the last
publication. Drafts, review rounds, comments and internal documents never pass through here.
The meeting page and the open-data side (API, CSV, search) read through the same queries.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.minutes.models import (
    Document,
    DocumentKind,
    MinutesPublication,
    MinutesRevision,
    Outcome,
    OutcomeProposalNote,
)
from sakrad.organisations.models import Organisation
from sakrad.portal import rules
from sakrad.proposals.models import TopicProposal

# --- publications ------------------------------------------------------------------------


# The statements are built once per process (building one costs more CPU than running it);
# the meetings' ids are bound at execution.
_IDS: sa.BindParameter[list[int]] = sa.bindparam("ids", expanding=True)


@functools.cache
def _publications_of() -> sa.Select:
    return (
        sa.select(MinutesRevision, MinutesPublication)
        .join(MinutesPublication, MinutesPublication.revision_id == MinutesRevision.id)
        .where(MinutesPublication.meeting_id.in_(_IDS), rules.minutes_publication_public())
        .order_by(MinutesPublication.published_at.desc(), MinutesPublication.id.desc())
    )


def _publications(
    meeting_ids: list[int],
) -> dict[int, list[tuple[MinutesRevision, MinutesPublication]]]:
    """Every publication of each meeting, newest first, with the revision it pointed at."""
    out: dict[int, list[tuple[MinutesRevision, MinutesPublication]]] = defaultdict(list)
    if not meeting_ids:
        return out
    for revision, publication in db.session.execute(_publications_of(), {"ids": meeting_ids}):
        out[publication.meeting_id].append((revision, publication))
    return out


def publication_history(meeting: Meeting) -> list[tuple[MinutesRevision, MinutesPublication]]:
    return _publications([meeting.id]).get(meeting.id, [])


def published_minutes(meeting: Meeting) -> tuple[MinutesRevision, MinutesPublication] | None:
    history = publication_history(meeting)
    return history[0] if history else None


def publication(
    meeting: Meeting, publication_id: int
) -> tuple[MinutesRevision, MinutesPublication] | None:
    return next((h for h in publication_history(meeting) if h[1].id == publication_id), None)


def days_to_publication(meeting: Meeting, history: list | None = None) -> int | None:
    from sakrad.minutes.service import days_to_publication as days

    history = publication_history(meeting) if history is None else history
    return days(meeting, history[-1][1].published_at if history else None)


# --- documents ---------------------------------------------------------------------------


@functools.cache
def _documents_of() -> sa.Select:
    return (
        sa.select(Document)
        .where(Document.meeting_id.in_(_IDS), rules.document_current())
        .order_by(Document.created_at, Document.id)
    )


def _documents(meeting_ids: list[int]) -> dict[int, list[Document]]:
    out: dict[int, list[Document]] = defaultdict(list)
    if not meeting_ids:
        return out
    for doc in db.session.scalars(_documents_of(), {"ids": meeting_ids}):
        out[doc.meeting_id].append(doc)
    return out


def public_documents(meeting: Meeting) -> list[Document]:
    return _documents([meeting.id]).get(meeting.id, [])


def public_document(document_id: int) -> Document | None:
    """A public document of a public meeting (replaced ones too: they stay in history)."""
    if not 1 <= document_id <= rules.MAX_ID:
        return None
    return db.session.scalar(
        sa.select(Document).where(Document.id == document_id, rules.document_public())
    )


def document_url(doc: Document) -> str | None:
    if doc.kind == DocumentKind.LINK:
        return doc.url
    return url_for("portal.document", document_id=doc.id, filename=doc.filename)


# --- outcomes ----------------------------------------------------------------------------


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


@functools.cache
def _outcomes_of(notes: bool) -> sa.Select:
    """Columns, not ORM objects: a ``PublicOutcome`` is all the reader returns. With
    ``notes`` one row per note (proposal title and organisation joined), in note order."""
    stmt = sa.select(
        Outcome.meeting_id,
        Outcome.published_statement,
        Outcome.published_feedback_when,
        Outcome.published_at,
    ).where(Outcome.meeting_id.in_(_IDS), rules.outcome_public())
    if not notes:
        return stmt
    return (
        stmt.add_columns(
            OutcomeProposalNote.proposal_id,
            OutcomeProposalNote.published_note,
            TopicProposal.title,
            TopicProposal.response_published_at,
            Organisation.name.label("organisation_name"),
        )
        .outerjoin(OutcomeProposalNote, OutcomeProposalNote.outcome_id == Outcome.id)
        .outerjoin(TopicProposal, TopicProposal.id == OutcomeProposalNote.proposal_id)
        .outerjoin(Organisation, Organisation.id == TopicProposal.organisation_id)
        .order_by(Outcome.id, OutcomeProposalNote.id)
    )


def _outcomes(meeting_ids: list[int], *, notes: bool) -> dict[int, PublicOutcome]:
    if not meeting_ids:
        return {}
    rows = db.session.execute(_outcomes_of(notes), {"ids": meeting_ids}).all()
    shown: dict[int, list[PublicProposalNote]] = defaultdict(list)
    for r in rows if notes else ():
        # A proposal is public only once its response is; its note follows the same rule.
        if r.published_note and r.response_published_at is not None:
            shown[r.meeting_id].append(
                PublicProposalNote(r.proposal_id, r.title, r.organisation_name, r.published_note)
            )
    out: dict[int, PublicOutcome] = {}
    for r in rows:
        if r.meeting_id in out:
            continue  # a further note of the same outcome
        # rules.outcome_public() selects only outcomes with a statement and a publication time.
        assert r.published_statement is not None and r.published_at is not None
        out[r.meeting_id] = PublicOutcome(
            r.published_statement,
            r.published_feedback_when,
            r.published_at,
            shown.get(r.meeting_id, []),
        )
    return out


def published_outcome(meeting: Meeting) -> PublicOutcome | None:
    return _outcomes([meeting.id], notes=True).get(meeting.id)


# --- the whole record of a meeting ---------------------------------------------------------


def meeting_record(meeting: Meeting) -> dict:
    """For the public meeting page (templates/portal/meetings/_minutes.html): three queries."""
    from sakrad.minutes.documents import describe

    history = publication_history(meeting)
    return {
        "current": history[0] if history else None,
        "history": history,
        "documents": public_documents(meeting),
        "outcome": published_outcome(meeting),
        "days": days_to_publication(meeting, history),
        "describe": describe,
    }


@dataclass(frozen=True)
class PublicRecord:
    """The published documentation of one meeting, for the API, CSV and search."""

    meeting_id: int
    minutes_text: str | None
    minutes_published_at: datetime | None
    outcome: str | None
    feedback_when: date | None
    outcome_published_at: datetime | None
    documents: tuple[Document, ...]

    @property
    def minutes_url(self) -> str | None:
        if self.minutes_text is None:
            return None
        return url_for("portal.meeting", meeting_id=self.meeting_id, _anchor="minutes")


def records_for(meeting_ids: list[int]) -> dict[int, PublicRecord]:
    """The current minutes, outcome and documents of each meeting, three queries in all."""
    if not meeting_ids:
        return {}
    latest = (
        sa.select(MinutesPublication.meeting_id, sa.func.max(MinutesPublication.id).label("pid"))
        .where(MinutesPublication.meeting_id.in_(meeting_ids), rules.minutes_publication_public())
        .group_by(MinutesPublication.meeting_id)
        .subquery()
    )
    minutes = {
        r.meeting_id: (r.text, r.published_at)
        for r in db.session.execute(
            sa.select(
                MinutesPublication.meeting_id, MinutesRevision.text, MinutesPublication.published_at
            )
            .join(latest, latest.c.pid == MinutesPublication.id)
            .join(MinutesRevision, MinutesRevision.id == MinutesPublication.revision_id)
        )
    }
    outcomes = _outcomes(meeting_ids, notes=False)
    docs = _documents(meeting_ids)
    out = {}
    for mid in meeting_ids:
        text, published = minutes.get(mid, (None, None))
        o = outcomes.get(mid)
        if text is None and o is None and not docs.get(mid):
            continue
        out[mid] = PublicRecord(
            meeting_id=mid,
            minutes_text=text,
            minutes_published_at=published,
            outcome=o.statement if o else None,
            feedback_when=o.feedback_when if o else None,
            outcome_published_at=o.published_at if o else None,
            documents=tuple(docs.get(mid, ())),
        )
    return out
