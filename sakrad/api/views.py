"""The read-only open-data API under ``/api/v1`` (public data only, read through portal)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, request, url_for
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import HTTPException

from sakrad.api import openapi, serializers
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.portal import cycles as portal_cycles
from sakrad.portal import exports, optional, query_filters
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import proposals as portal_proposals
from sakrad.proposals.models import TopicProposal

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


@bp.errorhandler(ApiError)
def _api_error(exc: ApiError):
    body = {"error": {"status": exc.status, "message": exc.message, "field": exc.field}}
    return jsonify(body), exc.status


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    return _api_error(ApiError(exc.code or 500, exc.description or exc.name))


@bp.after_request
def _headers(response):  # noqa: ANN001
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response


def _base() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def _query(**kw: Any) -> query_filters.Query:
    try:
        return query_filters.parse(request.args, **kw)
    except query_filters.FilterError as exc:
        raise ApiError(400, exc.message, exc.field) from None


def _listing(stmt: sa.Select, query: query_filters.Query, endpoint: str) -> tuple[list, dict]:
    rows, total = exports.page(stmt, query.page, query.per_page)
    pages = max(1, -(-total // query.per_page))
    if query.page > pages and total:
        raise ApiError(400, f"page must be at most {pages}", "page")
    args = {k: v for k, v in request.args.items() if k != "page"}

    def link(n: int) -> str:
        return _base() + url_for(endpoint, page=n, **args)

    pagination = {
        "page": query.page,
        "per_page": query.per_page,
        "total": total,
        "pages": pages,
        "next": link(query.page + 1) if query.page < pages else None,
        "prev": link(query.page - 1) if query.page > 1 else None,
    }
    return rows, pagination


def _meetings_json(meetings: list[Meeting]) -> list[dict]:
    """Meetings with their invitations, records, selection reports and linked proposals,
    each fetched once for the whole list (no query per meeting)."""
    ids = [m.id for m in meetings]
    invitations = optional.invitations_for(ids) if ids else {}
    records = optional.records_for(ids)
    selections = optional.selection_reports_for(ids)
    by_item: dict[int, list[int]] = {}
    if ids:
        from sakrad.portal.proposals import _published

        for item_id, pid in db.session.execute(
            sa.select(TopicProposal.agenda_item_id, TopicProposal.id)
            .join(AgendaItem, AgendaItem.id == TopicProposal.agenda_item_id)
            .join(MeetingSession, MeetingSession.id == AgendaItem.session_id)
            .where(MeetingSession.meeting_id.in_(ids), _published())
            .order_by(TopicProposal.id)
        ):
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


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.spec(_base()))


@bp.get("/cycles")
def cycles():
    query = _query(statuses=())
    rows, pagination = _listing(exports.cycles_select(query.filters), query, "api.cycles")
    return jsonify(
        results=[serializers.cycle_summary(c, _base()) for c in rows], pagination=pagination
    )


@bp.get("/cycles/<int:cycle_id>")
def cycle(cycle_id: int):
    c = portal_cycles.public_cycle(cycle_id)
    if c is None:
        raise ApiError(404, f"no public dialogue cycle with id {cycle_id}")
    meetings = portal_meetings.public_meetings(cycle_id=c.id)
    proposals = portal_proposals.published_for_cycle(c)
    return jsonify(serializers.cycle_detail(c, meetings, proposals, _base()))


@bp.get("/meetings")
def meetings():
    query = _query(statuses=query_filters.MEETING_STATUSES)
    rows, pagination = _listing(exports.meetings_select(query.filters), query, "api.meetings")
    return jsonify(results=_meetings_json(rows), pagination=pagination)


@bp.get("/meetings/<int:meeting_id>")
def meeting(meeting_id: int):
    m = portal_meetings.public_meeting(meeting_id)
    if m is None:
        raise ApiError(404, f"no public meeting with id {meeting_id}")
    return jsonify(_meetings_json([m])[0])


@bp.get("/organisations")
def organisations():
    query = _query(statuses=())
    stmt = exports.organisations_select(query.filters, query.q)
    rows, pagination = _listing(stmt, query, "api.organisations")
    return jsonify(
        results=[serializers.organisation(o, _base()) for o in rows], pagination=pagination
    )


@bp.get("/organisations/<int:org_id>")
def organisation(org_id: int):
    o = db.session.scalar(
        exports.organisations_select(query_filters.parse({}).filters).where(
            Organisation.id == org_id
        )
    )
    if o is None:
        raise ApiError(404, f"no public organisation with id {org_id}")
    return jsonify(serializers.organisation(o, _base()))


@bp.get("/proposals")
def proposals():
    query = _query(statuses=query_filters.PROPOSAL_STATUSES)
    stmt = exports.proposals_select(query.filters).options(selectinload(TopicProposal.merged_into))
    rows, pagination = _listing(stmt, query, "api.proposals")
    item_ids = [p.agenda_item_id for p in rows if p.agenda_item_id]
    public_items: dict[int, int] = {}
    if item_ids:
        from sakrad.portal.meetings import _published

        public_items = dict(
            db.session.execute(
                sa.select(AgendaItem.id, MeetingSession.meeting_id)
                .join(MeetingSession, MeetingSession.id == AgendaItem.session_id)
                .join(Meeting, Meeting.id == MeetingSession.meeting_id)
                .where(AgendaItem.id.in_(item_ids), _published())
            ).all()
        )
    return jsonify(
        results=[serializers.proposal(p, _base(), public_items) for p in rows],
        pagination=pagination,
    )
