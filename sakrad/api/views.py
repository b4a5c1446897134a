"""The routes of the open-data API (public data only, read through the portal's rules).

Every object carries the id as the API prints it (``meeting-12``) and the ``url`` of its own
resource; a path takes that id as printed or the bare number (``/meetings/meeting-12`` and
``/meetings/12`` are the same resource).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Response, current_app, jsonify, request, url_for

from sakrad.api import openapi, serializers
from sakrad.api.blueprint import bp
from sakrad.errors import Invalid, NotFound
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.portal import cycles as portal_cycles
from sakrad.portal import exports, query_filters, rules
from sakrad.portal import invitations as portal_invitations
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import minutes as portal_minutes
from sakrad.portal import proposals as portal_proposals
from sakrad.portal import selection as portal_selection
from sakrad.proposals.models import TopicProposal

# The largest id any table can hold on both databases (PostgreSQL ``integer``).
MAX_ID = 2**31 - 1


def _base() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def parse_ref(ref: str, kind: str) -> int:
    """``meeting-12`` or ``12`` -> 12; anything else (or an id no table can hold) is 404."""
    match = re.fullmatch(rf"(?:{kind}-)?([0-9]{{1,10}})", ref)
    value = int(match.group(1)) if match else 0
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no public {kind} with id {ref!r}")
    return value


def _query(**kw: Any) -> query_filters.Query:
    try:
        return query_filters.parse(request.args, strict=True, **kw)
    except query_filters.FilterError as exc:
        raise Invalid(exc.message, field=exc.field) from None


def _listed(
    select: Callable[..., sa.Select],
    to_json: Callable[[list], list],
    statuses: tuple[str, ...] = (),
    *,
    search: bool = False,
) -> Response:
    """One page of a listing with the request's filters (and its search words, when the
    listing is ``search``-able): its results as JSON, and the links to the next and previous
    page (of this same endpoint)."""
    query = _query(statuses=statuses)
    stmt = select(query.filters, query.q) if search else select(query.filters)
    page = exports.page(stmt, query.page, query.per_page)
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}
    endpoint = request.endpoint or ""

    def link(n: int | None) -> str:
        return _base() + url_for(endpoint, page=n, **args)

    pagination = {
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": max(1, page.pages),
        "next": link(page.next_num) if page.has_next else None,
        "prev": link(page.prev_num) if page.has_prev else None,
    }
    return jsonify(results=to_json(list(page.items)), pagination=pagination)


def _one(select: Callable[..., sa.Select], model: Any, ref: str, kind: str) -> Any:
    """The public object ``ref`` names, read through its listing's ``select``; else 404."""
    found = db.session.scalar(
        select(query_filters.Filters()).where(model.id == parse_ref(ref, kind))
    )
    if found is None:
        raise NotFound(f"no public {kind} with id {ref!r}")
    return found


def _meetings_json(meetings: list[Meeting]) -> list[dict]:
    """Meetings with their invitations, records, selection reports and linked proposals,
    each fetched once for the whole list (no query per meeting)."""
    ids = [m.id for m in meetings]
    invitations = portal_invitations.for_meetings(ids) if ids else {}
    records = portal_minutes.records_for(ids)
    selections = portal_selection.reports_for(ids)
    by_item: dict[int, list[int]] = {}
    if ids:
        for item_id, pid in db.session.execute(
            sa.select(TopicProposal.agenda_item_id, TopicProposal.id)
            .join(AgendaItem, AgendaItem.id == TopicProposal.agenda_item_id)
            .join(MeetingSession, MeetingSession.id == AgendaItem.session_id)
            .where(MeetingSession.meeting_id.in_(ids), rules.proposal_public())
            .order_by(TopicProposal.id)
        ):
            assert item_id is not None  # the inner join on AgendaItem guarantees it
            by_item.setdefault(item_id, []).append(pid)
    base = _base()
    return [
        serializers.meeting(
            m,
            base,
            invitations=invitations.get(m.id, []),
            record=records.get(m.id),
            selection=selections.get(m.id),
            proposals_by_item=by_item,
        )
        for m in meetings
    ]


def _proposals_json(rows: list[TopicProposal]) -> list[dict]:
    item_ids = [p.agenda_item_id for p in rows if p.agenda_item_id]
    public_items: dict[int, int] = {}
    if item_ids:
        public_items = dict(
            db.session.execute(
                sa.select(AgendaItem.id, MeetingSession.meeting_id)
                .join(MeetingSession, MeetingSession.id == AgendaItem.session_id)
                .join(Meeting, Meeting.id == MeetingSession.meeting_id)
                .where(AgendaItem.id.in_(item_ids), rules.meeting_public())
            ).all()
        )
    targets = {p.merged_into_id for p in rows if p.merged_into_id}
    public_targets = (
        set(
            db.session.scalars(
                sa.select(TopicProposal.id).where(
                    TopicProposal.id.in_(targets), rules.proposal_public()
                )
            )
        )
        if targets
        else set()
    )
    return [serializers.proposal(p, _base(), public_items, public_targets) for p in rows]


def _cycles_json(rows: list) -> list[dict]:
    return [serializers.cycle_summary(c, _base()) for c in rows]


def _organisations_json(rows: list[Organisation]) -> list[dict]:
    return [serializers.organisation(o, _base()) for o in rows]


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.spec(_base(), query_filters.body_slugs()))


@bp.get("/cycles")
def cycles():
    return _listed(exports.cycles_select, _cycles_json)


@bp.get("/cycles/<ref>")
def cycle(ref: str):
    c = portal_cycles.public_cycle(parse_ref(ref, "cycle"))
    if c is None:
        raise NotFound(f"no public dialogue cycle with id {ref!r}")
    meetings = portal_meetings.public_meetings(cycle_id=c.id)
    proposals = portal_proposals.published_for_cycle(c)
    return jsonify(serializers.cycle_detail(c, meetings, proposals, _base()))


@bp.get("/meetings")
def meetings():
    return _listed(exports.meetings_select, _meetings_json, query_filters.MEETING_STATUSES)


@bp.get("/meetings/<ref>")
def meeting(ref: str):
    m = portal_meetings.public_meeting(parse_ref(ref, "meeting"), whole=True)
    if m is None:
        raise NotFound(f"no public meeting with id {ref!r}")
    return jsonify(_meetings_json([m])[0])


@bp.get("/organisations")
def organisations():
    return _listed(exports.organisations_select, _organisations_json, search=True)


@bp.get("/organisations/<ref>")
def organisation(ref: str):
    o = _one(exports.organisations_select, Organisation, ref, "organisation")
    return jsonify(serializers.organisation(o, _base()))


@bp.get("/proposals")
def proposals():
    return _listed(exports.proposals_select, _proposals_json, query_filters.PROPOSAL_STATUSES)


@bp.get("/proposals/<ref>")
def proposal(ref: str):
    p = _one(exports.proposals_select, TopicProposal, ref, "proposal")
    return jsonify(_proposals_json([p])[0])
