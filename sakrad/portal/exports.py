"""Listings of public data with the portal's filters, shared by the JSON API and the CSV
downloads (written by the one CSV writer, ``sakrad.shell.csv``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import selectinload

from sakrad.cycles.models import Cycle
from sakrad.db import where_given
from sakrad.errors import NotFound
from sakrad.extensions import db
from sakrad.invitations.models import Invitation
from sakrad.meetings.models import Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.portal import count_cache, rules
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import minutes as portal_minutes
from sakrad.portal.search import Filters
from sakrad.proposals.models import TopicProposal

# --- listings --------------------------------------------------------------------------------


def _cycle_filters(f: Filters, body: Any = Cycle.convening_body_id) -> list[tuple[object, Any]]:
    """The filters every listing takes from its cycle (the body: the listed row's own)."""
    return [(f.year, Cycle.year), (f.convening_body_id, body), (f.policy_area, Cycle.policy_area)]


def meetings_select(f: Filters) -> sa.Select:
    stmt = (
        sa.select(Meeting)
        .join(Cycle, Meeting.cycle_id == Cycle.id)
        # The meeting rule with the cycle's part on the joined cycle (same criteria).
        .where(rules.meeting_state_public(), rules.cycle_public())
        .options(
            selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items),
            selectinload(Meeting.convening_body),
            selectinload(Meeting.cycle),
        )
    )
    stmt = where_given(
        stmt,
        *_cycle_filters(f, Meeting.convening_body_id),
        (f.kind, Meeting.kind),
        (f.status, Meeting.state),
    )
    if f.county:
        stmt = stmt.where(
            sa.exists().where(
                Invitation.meeting_id == Meeting.id,
                rules.invitation_public(),
                Invitation.organisation_id == Organisation.id,
                Organisation.county == f.county,
            )
        )
    return stmt.order_by(Meeting.id)


def cycles_select(f: Filters) -> sa.Select:
    stmt = sa.select(Cycle).where(rules.cycle_public()).options(selectinload(Cycle.convening_body))
    return where_given(stmt, *_cycle_filters(f)).order_by(Cycle.id)


def proposals_select(f: Filters) -> sa.Select:
    stmt = (
        sa.select(TopicProposal)
        .join(Cycle, TopicProposal.cycle_id == Cycle.id)
        .join(Organisation, TopicProposal.organisation_id == Organisation.id)
        .where(rules.proposal_public())
        .options(
            selectinload(TopicProposal.organisation),
            selectinload(TopicProposal.cycle),
            selectinload(TopicProposal.merged_into),
        )
    )
    return where_given(
        stmt,
        *_cycle_filters(f),
        (f.status, TopicProposal.state),
        (f.county, Organisation.county),
    ).order_by(TopicProposal.id)


def organisations_select(f: Filters, q: str = "") -> sa.Select:
    stmt = (
        sa.select(Organisation)
        .where(rules.organisation_public())
        .options(selectinload(Organisation.focus_areas), selectinload(Organisation.target_groups))
    )
    stmt = where_given(stmt, (f.county, Organisation.county))
    if q:
        stmt = stmt.where(Organisation.name.ilike(f"%{q}%"))
    return stmt.order_by(Organisation.id)


def page(stmt: sa.Select, page_no: int, per_page: int) -> Pagination:
    """One page of a listing (``db.paginate``) with its total from the count cache; a page
    past the last one is 404."""
    pagination = db.paginate(stmt, page=page_no, per_page=per_page, error_out=False, count=False)
    pagination.total = count_cache.total(stmt)
    if page_no > 1 and not pagination.items:
        raise NotFound(f"page must be at most {max(1, pagination.pages)}", field="page")
    return pagination


# --- CSV ---------------------------------------------------------------------------------------


def _batched(stmt: sa.Select, size: int = 1000) -> Iterator[list]:
    """Rows in id order, one keyset page at a time (steady memory for national exports)."""
    entity = stmt.column_descriptions[0]["entity"]
    last = 0
    while True:
        rows = list(db.session.scalars(stmt.where(entity.id > last).limit(size)))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _each(stmt: sa.Select) -> Iterator:
    """Every row of ``stmt`` in id order, read a batch at a time."""
    for batch in _batched(stmt):
        yield from batch


MEETING_HEADER = [
    "id", "url", "title", "kind", "status", "convening_body", "cycle_id", "year",
    "policy_area", "diary_number", "start", "end", "place", "chair",
    "announced_at", "cancelled_at", "minutes_url",
]  # fmt: skip


def meeting_rows(f: Filters, base_url: str) -> Iterator[list]:
    for batch in _batched(meetings_select(f)):
        records = portal_minutes.records_for([m.id for m in batch])
        for m in batch:
            rec = records.get(m.id)
            chair = ", ".join(p for p in (m.chair_title, m.public_chair_name) if p)
            yield [
                m.id, f"{base_url}/meetings/{m.id}", m.title, m.kind, m.state,
                m.convening_body.name, m.cycle_id, m.cycle.year, m.cycle.policy_area,
                m.diary_number, m.starts_at, m.ends_at,
                "; ".join(s.place for s in m.sessions if s.place), chair,
                m.announced_at, m.cancelled_at,
                (base_url + rec.minutes_url) if rec and rec.minutes_url else None,
            ]  # fmt: skip


INVITATION_HEADER = [
    "meeting_id", "meeting_url", "meeting_title", "organisation_id", "organisation",
    "organisation_url", "county", "answer", "attended", "sent_at", "answered_at",
]  # fmt: skip


def invitation_rows(f: Filters, base_url: str) -> Iterator[list]:
    for batch in _batched(meetings_select(f)):
        invitations = portal_invitations.for_meetings([m.id for m in batch])
        for m in batch:
            for inv in invitations.get(m.id, ()):
                yield [
                    m.id, f"{base_url}/meetings/{m.id}", m.title, inv.organisation_id,
                    inv.organisation_name, f"{base_url}/organisations/{inv.organisation_slug}",
                    inv.county, inv.state, inv.attended, inv.sent_at, inv.answered_at,
                ]  # fmt: skip


PROPOSAL_HEADER = [
    "id", "url", "cycle_id", "year", "policy_area", "organisation", "title", "focus",
    "questions", "decision", "response", "response_published_at", "merged_into_id",
    "agenda_item_id",
]  # fmt: skip


def proposal_rows(f: Filters, base_url: str) -> Iterator[list]:
    return (
        [
            p.id, f"{base_url}/cycles/{p.cycle_id}#proposal-{p.id}", p.cycle_id,
            p.cycle.year, p.cycle.policy_area, p.organisation.name, p.title, p.focus,
            p.questions, p.state, p.response_text, p.response_published_at,
            p.merged_into_id, p.agenda_item_id,
        ]
        for p in _each(proposals_select(f))
    )  # fmt: skip


ORGANISATION_HEADER = [
    "id", "url", "name", "org_number", "form", "county", "municipality", "size", "website",
    "verified",
]  # fmt: skip


def organisation_rows(f: Filters, base_url: str) -> Iterator[list]:
    return (
        [
            o.id, f"{base_url}/organisations/{o.slug}", o.name, o.org_number, o.form,
            o.county, o.municipality, o.size, o.website, o.verified,
        ]
        for o in _each(organisations_select(f))
    )  # fmt: skip


EXPORTS = {
    "meetings": (MEETING_HEADER, meeting_rows),
    "invitations": (INVITATION_HEADER, invitation_rows),
    "proposals": (PROPOSAL_HEADER, proposal_rows),
    "organisations": (ORGANISATION_HEADER, organisation_rows),
}
