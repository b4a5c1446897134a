"""What goes into the search index: public data only, read with set-based queries so one
entity and a national reindex take the same code path.

Each source takes entity ids (or None for all) and returns the index rows of those that
are public; ``search.write_documents`` deletes the documents of all the given ids first,
so an entity that stopped being public (a cancelled draft, a merged organisation) leaves
the index in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from sakrad.cycles.models import Cycle
from sakrad.db import columns
from sakrad.extensions import db
from sakrad.meetings.models import EXPECTATION_FIELDS, Meeting
from sakrad.organisations.models import Organisation
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import minutes as portal_minutes
from sakrad.portal import rules
from sakrad.proposals.models import TopicProposal

BATCH = 2000


# The columns each source reads (plain rows: the index needs no objects).
_MEETING_COLUMNS = (
    "id", "title", "title_en", "diary_number", "easy_read", "cancel_reason", *EXPECTATION_FIELDS,
    "kind", "state", "convening_body_id", "updated_at",
)  # fmt: skip
_PROPOSAL_COLUMNS = (
    "id", "cycle_id", "title", "focus", "questions", "response_text", "state",
    "response_published_at",
)  # fmt: skip
_ORGANISATION_COLUMNS = (
    "id", "slug", "name", "description", "description_en", "county", "updated_at",
)  # fmt: skip


def _chunks(ids: list[int] | None) -> Iterable[list[int] | None]:
    if ids is None:
        yield None
        return
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def _join(*parts: str | None) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _counties(codes: Iterable[str]) -> str:
    return " " + " ".join(sorted(set(codes))) + " "


# The filter columns of a document; an entity that has no such value leaves it empty.
FACETS = ("title_en", "year", "convening_body_id", "policy_area", "kind", "status")


def index_row(
    entity_id: int, url: str, title: str, body: str, updated_at: datetime | None, **facets: Any
) -> dict[str, Any]:
    """One document for ``search.write_documents``: the entity, its ``url`` on this site, the text
    matched and the ``facets`` it has (of ``FACETS``, and ``counties``)."""
    row = {"entity_id": entity_id, "url": url, "title": title, "body": body, **facets}
    return {**dict.fromkeys(FACETS), **row, "updated_at": updated_at}


def cycle_facets(r: Any) -> dict[str, Any]:
    """The facets a row of an entity of a cycle takes from its cycle."""
    return {"year": r.year, "convening_body_id": r.convening_body_id, "policy_area": r.policy_area}


def meetings(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = (
            sa.select(*columns(Meeting, *_MEETING_COLUMNS), Cycle.year, Cycle.policy_area)
            .join(Cycle, Meeting.cycle_id == Cycle.id)
            .where(rules.meeting_public())
        )
        if chunk is not None:
            stmt = stmt.where(Meeting.id.in_(chunk))
        found = db.session.execute(stmt).all()
        counties = portal_invitations.invited_counties(
            [r.id for r in found] if chunk is not None else None
        )
        rows += [
            index_row(
                r.id,
                f"/meetings/{r.id}",
                r.title,
                _join(
                    r.diary_number,
                    *(getattr(r, f) for f in EXPECTATION_FIELDS),
                    r.easy_read,
                    r.cancel_reason,
                ),
                r.updated_at,
                title_en=r.title_en,
                kind=str(r.kind),
                status=str(r.state),
                counties=_counties(counties.get(r.id, ())),
                **cycle_facets(r),
            )
            for r in found
        ]
    return rows


def proposals(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = (
            sa.select(
                *columns(TopicProposal, *_PROPOSAL_COLUMNS),
                Organisation.name.label("org_name"),
                Organisation.county,
                *columns(Cycle, "year", "policy_area", "convening_body_id"),
            )
            .join(Cycle, TopicProposal.cycle_id == Cycle.id)
            .join(Organisation, TopicProposal.organisation_id == Organisation.id)
            .where(rules.proposal_public())
        )
        if chunk is not None:
            stmt = stmt.where(TopicProposal.id.in_(chunk))
        rows += [
            index_row(
                r.id,
                f"/cycles/{r.cycle_id}#proposal-{r.id}",
                r.title,
                _join(r.org_name, r.focus, r.questions, r.response_text),
                r.response_published_at,
                status=str(r.state),
                counties=_counties([r.county]),
                **cycle_facets(r),
            )
            for r in db.session.execute(stmt)
        ]
    return rows


def organisations(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = sa.select(*columns(Organisation, *_ORGANISATION_COLUMNS)).where(
            rules.organisation_public()
        )
        if chunk is not None:
            stmt = stmt.where(Organisation.id.in_(chunk))
        rows += [
            index_row(
                r.id,
                f"/organisations/{r.slug}",
                r.name,
                _join(r.description, r.description_en),
                r.updated_at,
                counties=_counties([r.county]),
            )
            for r in db.session.execute(stmt)
        ]
    return rows


def minutes(ids: list[int] | None) -> list[dict]:
    """Search documents of published minutes (entity id = meeting id)."""
    stmt = (
        sa.select(
            *columns(Meeting, "id", "title", "title_en", "kind", "state", "convening_body_id"),
            *columns(Cycle, "year", "policy_area"),
        )
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        .where(rules.meeting_public())
    )
    if ids is not None:
        stmt = stmt.where(Meeting.id.in_(ids))
    meetings = {r.id: r for r in db.session.execute(stmt)}
    rows = []
    ids_list = list(meetings)
    for start in range(0, len(ids_list), 2000):
        for mid, rec in portal_minutes.records_for(ids_list[start : start + 2000]).items():
            if rec.minutes_text is None:
                continue
            m = meetings[mid]
            rows.append(
                index_row(
                    mid,
                    f"/meetings/{mid}#minutes",
                    m.title,
                    "\n".join(p for p in (rec.minutes_text, rec.outcome) if p),
                    rec.minutes_published_at,
                    title_en=m.title_en,
                    kind=str(m.kind),
                    status=str(m.state),
                    **cycle_facets(m),
                )
            )
    return rows


SOURCES: dict[str, Callable[[list[int] | None], list[dict]]] = {
    "meeting": meetings,
    "proposal": proposals,
    "organisation": organisations,
    "minutes": minutes,
}
