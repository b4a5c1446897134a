"""Public reads of invitations, selection reports, minutes, documents and outcomes for the
open-data side (API, CSV, search, feeds), batched so a list of meetings costs a fixed
number of queries however long it is.

The public filters are the ones the models document: an invitation is public once it has
been sent (never a pending one, never delegates' emails or needs); minutes are the revision
the latest publication points at; documents only when marked public and current; the
outcome as copied at publication; a selection report once published. Where a package's
own public page exists, links point at it (``link_for`` returns None otherwise).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for
from werkzeug.routing import BuildError

from sakrad.extensions import db
from sakrad.organisations.models import Organisation

# Invitation states the public sees: sent and answered ones (not pending, not withdrawn).
PUBLIC_INVITATION_STATES = ("sent", "accepted", "declined", "expired")


def link_for(endpoint: str, **values: object) -> str | None:
    try:
        return url_for(endpoint, **values)
    except (BuildError, RuntimeError):  # no such page yet, or no request (CLI reindex)
        return None


@dataclass(frozen=True)
class PublicInvitation:
    meeting_id: int
    organisation_id: int
    organisation_name: str
    organisation_slug: str
    county: str
    state: str
    attended: bool | None
    sent_at: datetime | None
    answered_at: datetime | None


def invitations_for(meeting_ids: list[int] | None) -> dict[int, list[PublicInvitation]]:
    try:
        from sakrad.invitations.models import Invitation
    except ModuleNotFoundError:  # pragma: no cover - the package is optional
        return {}
    stmt = (
        sa.select(
            Invitation.meeting_id,
            Invitation.organisation_id,
            Organisation.name,
            Organisation.slug,
            Organisation.county,
            Invitation.state,
            Invitation.attended,
            Invitation.sent_at,
            Invitation.answered_at,
        )
        .join(Organisation, Invitation.organisation_id == Organisation.id)
        .where(Invitation.state.in_(PUBLIC_INVITATION_STATES), Invitation.sent_at.is_not(None))
        .order_by(Invitation.meeting_id, Organisation.name, Invitation.id)
    )
    if meeting_ids is not None:
        if not meeting_ids:
            return {}
        stmt = stmt.where(Invitation.meeting_id.in_(meeting_ids))
    out: dict[int, list[PublicInvitation]] = defaultdict(list)
    for r in db.session.execute(stmt):
        out[r[0]].append(
            PublicInvitation(r[0], r[1], r[2], r[3], r[4], str(r[5]), r[6], r[7], r[8])
        )
    return out


def invited_counties(meeting_ids: list[int] | None) -> dict[int, set[str]]:
    return {mid: {inv.county for inv in invs} for mid, invs in invitations_for(meeting_ids).items()}


@dataclass(frozen=True)
class PublicDocument:
    id: int
    meeting_id: int
    title: str
    language: str
    media_type: str | None
    url: str | None
    created_at: datetime


@dataclass(frozen=True)
class PublicRecord:
    """The published documentation of one meeting."""

    meeting_id: int
    minutes_text: str | None
    minutes_published_at: datetime | None
    outcome: str | None
    feedback_when: date | None
    outcome_published_at: datetime | None
    documents: tuple[PublicDocument, ...]

    @property
    def minutes_url(self) -> str | None:
        if self.minutes_text is None:
            return None
        return link_for("portal.meeting_minutes", meeting_id=self.meeting_id) or (
            link_for("portal.meeting", meeting_id=self.meeting_id, _anchor="minutes")
        )


def _document_url(doc_id: int, meeting_id: int, kind: str, link: str | None) -> str | None:
    if kind == "link":
        return link
    return link_for("portal.document", document_id=doc_id) or link_for(
        "portal.meeting_document", meeting_id=meeting_id, document_id=doc_id
    )


def records_for(meeting_ids: list[int]) -> dict[int, PublicRecord]:
    try:
        from sakrad.minutes.models import (
            Document,
            MinutesPublication,
            MinutesRevision,
            Outcome,
        )
    except ModuleNotFoundError:  # pragma: no cover
        return {}
    if not meeting_ids:
        return {}
    latest = (
        sa.select(MinutesPublication.meeting_id, sa.func.max(MinutesPublication.id).label("pid"))
        .where(MinutesPublication.meeting_id.in_(meeting_ids))
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
    outcomes = {
        r.meeting_id: r
        for r in db.session.execute(
            sa.select(
                Outcome.meeting_id,
                Outcome.published_statement,
                Outcome.published_feedback_when,
                Outcome.published_at,
            ).where(Outcome.meeting_id.in_(meeting_ids), Outcome.published_at.is_not(None))
        )
    }
    docs: dict[int, list[PublicDocument]] = defaultdict(list)
    for d in db.session.execute(
        sa.select(
            Document.id,
            Document.meeting_id,
            Document.title,
            Document.language,
            Document.media_type,
            Document.kind,
            Document.url,
            Document.created_at,
        )
        .where(
            Document.meeting_id.in_(meeting_ids),
            Document.public.is_(True),
            Document.replaced_by_id.is_(None),
        )
        .order_by(Document.id)
    ):
        docs[d.meeting_id].append(
            PublicDocument(
                d.id,
                d.meeting_id,
                d.title,
                d.language,
                d.media_type or ("text/html" if str(d.kind) == "link" else None),
                _document_url(d.id, d.meeting_id, str(d.kind), d.url),
                d.created_at,
            )
        )
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
            outcome=o.published_statement if o else None,
            feedback_when=o.published_feedback_when if o else None,
            outcome_published_at=o.published_at if o else None,
            documents=tuple(docs.get(mid, ())),
        )
    return out


def selection_reports_for(meeting_ids: list[int]) -> dict[int, dict]:
    """The published selection report of each meeting: method, seats, quotas, seed."""
    try:
        from sakrad.selection.models import Selection, SelectionState
    except ModuleNotFoundError:  # pragma: no cover
        return {}
    if not meeting_ids:
        return {}
    out = {}
    for s in db.session.execute(
        sa.select(
            Selection.meeting_id,
            Selection.algorithm,
            Selection.seed,
            Selection.seats,
            Selection.quotas,
            Selection.report_published_at,
        ).where(
            Selection.meeting_id.in_(meeting_ids),
            Selection.state == SelectionState.CONFIRMED,
            Selection.report_published_at.is_not(None),
        )
    ):
        out[s.meeting_id] = {
            "algorithm": s.algorithm,
            "seed": s.seed,
            "seats": s.seats,
            "quotas": s.quotas or [],
            "published_at": s.report_published_at.isoformat(),
            "url": link_for("portal.meeting_selection", meeting_id=s.meeting_id)
            or link_for("portal.meeting", meeting_id=s.meeting_id, _anchor="selection"),
        }
    return out


def minutes_search_rows(ids: list[int] | None) -> list[dict]:
    """Search documents of published minutes (entity id = meeting id)."""
    from sakrad.cycles.models import Cycle
    from sakrad.meetings.models import Meeting
    from sakrad.portal.meetings import _published

    stmt = (
        sa.select(
            Meeting.id,
            Meeting.title,
            Meeting.title_en,
            Meeting.kind,
            Meeting.state,
            Meeting.convening_body_id,
            Cycle.year,
            Cycle.policy_area,
        )
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(_published())
    )
    if ids is not None:
        stmt = stmt.where(Meeting.id.in_(ids))
    meetings = {r.id: r for r in db.session.execute(stmt)}
    rows = []
    ids_list = list(meetings)
    for start in range(0, len(ids_list), 2000):
        for mid, rec in records_for(ids_list[start : start + 2000]).items():
            if rec.minutes_text is None:
                continue
            m = meetings[mid]
            rows.append(
                {
                    "entity_id": mid,
                    "url": f"/meetings/{mid}#minutes",
                    "title": m.title,
                    "title_en": m.title_en,
                    "body": "\n".join(p for p in (rec.minutes_text, rec.outcome) if p),
                    "year": m.year,
                    "convening_body_id": m.convening_body_id,
                    "policy_area": m.policy_area,
                    "kind": str(m.kind),
                    "status": str(m.state),
                    "updated_at": rec.minutes_published_at,
                }
            )
    return rows
