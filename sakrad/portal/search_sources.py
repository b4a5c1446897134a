"""What goes into the search index: public data only, read with set-based queries so one
entity and a national reindex take the same code path.

Each source takes entity ids (or None for all) and returns the index rows of those that
are public; ``search.write_documents`` deletes the documents of all the given ids first,
so an entity that stopped being public (a cancelled draft, a merged organisation) leaves
the index in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa

from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.meetings.models import EXPECTATION_FIELDS, Meeting
from sakrad.organisations.models import Organisation
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import minutes as portal_minutes
from sakrad.portal import rules
from sakrad.proposals.models import TopicProposal

BATCH = 2000


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


def meetings(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = (
            sa.select(
                Meeting.id,
                Meeting.title,
                Meeting.title_en,
                Meeting.diary_number,
                Meeting.easy_read,
                Meeting.cancel_reason,
                *(getattr(Meeting, f) for f in EXPECTATION_FIELDS),
                Meeting.kind,
                Meeting.state,
                Meeting.convening_body_id,
                Meeting.updated_at,
                Cycle.year,
                Cycle.policy_area,
            )
            .join(Cycle, Meeting.cycle_id == Cycle.id)
            .where(rules.meeting_public())
        )
        if chunk is not None:
            stmt = stmt.where(Meeting.id.in_(chunk))
        found = db.session.execute(stmt).all()
        counties = portal_invitations.invited_counties(
            [r.id for r in found] if chunk is not None else None
        )
        for r in found:
            rows.append(
                {
                    "entity_id": r.id,
                    "url": f"/meetings/{r.id}",
                    "title": r.title,
                    "title_en": r.title_en,
                    "body": _join(
                        r.diary_number,
                        *(getattr(r, f) for f in EXPECTATION_FIELDS),
                        r.easy_read,
                        r.cancel_reason,
                    ),
                    "year": r.year,
                    "convening_body_id": r.convening_body_id,
                    "policy_area": r.policy_area,
                    "kind": str(r.kind),
                    "status": str(r.state),
                    "counties": _counties(counties.get(r.id, ())),
                    "updated_at": r.updated_at,
                }
            )
    return rows


def proposals(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = (
            sa.select(
                TopicProposal.id,
                TopicProposal.cycle_id,
                TopicProposal.title,
                TopicProposal.focus,
                TopicProposal.questions,
                TopicProposal.response_text,
                TopicProposal.state,
                TopicProposal.response_published_at,
                Organisation.name.label("org_name"),
                Organisation.county,
                Cycle.year,
                Cycle.policy_area,
                Cycle.convening_body_id,
            )
            .join(Cycle, TopicProposal.cycle_id == Cycle.id)
            .join(Organisation, TopicProposal.organisation_id == Organisation.id)
            .where(rules.proposal_public())
        )
        if chunk is not None:
            stmt = stmt.where(TopicProposal.id.in_(chunk))
        for r in db.session.execute(stmt):
            rows.append(
                {
                    "entity_id": r.id,
                    "url": f"/cycles/{r.cycle_id}#proposal-{r.id}",
                    "title": r.title,
                    "title_en": None,
                    "body": _join(r.org_name, r.focus, r.questions, r.response_text),
                    "year": r.year,
                    "convening_body_id": r.convening_body_id,
                    "policy_area": r.policy_area,
                    "kind": None,
                    "status": str(r.state),
                    "counties": _counties([r.county]),
                    "updated_at": r.response_published_at,
                }
            )
    return rows


def organisations(ids: list[int] | None) -> list[dict]:
    rows: list[dict] = []
    for chunk in _chunks(ids):
        stmt = sa.select(
            Organisation.id,
            Organisation.slug,
            Organisation.name,
            Organisation.description,
            Organisation.description_en,
            Organisation.county,
            Organisation.updated_at,
        ).where(rules.organisation_public())
        if chunk is not None:
            stmt = stmt.where(Organisation.id.in_(chunk))
        for r in db.session.execute(stmt):
            rows.append(
                {
                    "entity_id": r.id,
                    "url": f"/organisations/{r.slug}",
                    "title": r.name,
                    "title_en": None,
                    "body": _join(r.description, r.description_en),
                    "year": None,
                    "convening_body_id": None,
                    "policy_area": None,
                    "kind": None,
                    "status": None,
                    "counties": _counties([r.county]),
                    "updated_at": r.updated_at,
                }
            )
    return rows


SOURCES: dict[str, Callable[[list[int] | None], list[dict]]] = {
    "meeting": meetings,
    "proposal": proposals,
    "organisation": organisations,
    "minutes": portal_minutes.minutes_search_rows,
}
