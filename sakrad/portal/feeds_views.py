"""Atom feeds (/feeds/...) and iCalendar feeds (/calendar...), with conditional requests.

Every response carries an ETag and Last-Modified and answers ``304 Not Modified`` when the
client already holds the current version: feed readers and calendar clients poll often.
"""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, current_app, request, url_for
from flask_babel import gettext as _

from sakrad.cycles.models import Cycle
from sakrad.portal import cycles as portal_cycles
from sakrad.portal import feeds
from sakrad.portal.blueprint import bp
from sakrad.portal.query_filters import body_id_for

ATOM = "application/atom+xml"


def _conditional(
    body: bytes, mimetype: str, etag: str | None, last_modified: datetime | None
) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.vary.add("Cookie")  # the language follows the visitor's cookie
    if etag:
        response.set_etag(etag)
    else:
        response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    response.make_conditional(request)  # in place (it returns the werkzeug-typed self)
    return response


def _atom_response(scope: feeds.Scope, title: str, self_path: str, alternate: str) -> Response:
    entries = feeds.entries(scope)
    body = feeds.atom(
        entries,
        title=title,
        self_path=self_path,
        alternate_path=alternate,
        base_url=current_app.config["PUBLIC_BASE_URL"],
    )
    return _conditional(body, ATOM, None, max((e.at for e in entries), default=None))


def _body_or_404(slug: str):
    from sakrad.accounts.models import ConveningBody
    from sakrad.extensions import db

    body_id = body_id_for(slug)
    body = db.session.get(ConveningBody, body_id) if body_id else None
    if body is None or not body.active:
        abort(404)
    return body


@bp.get("/feeds/meetings.atom")
def feed_meetings():
    return _atom_response(feeds.Scope(), _("Sakråd: meetings and documentation"), request.path, "/")


@bp.get("/feeds/bodies/<slug>.atom")
def feed_body(slug: str):
    body = _body_or_404(slug)
    return _atom_response(
        feeds.Scope(convening_body_id=body.id),
        _("Sakråd: %(body)s", body=body.name),
        request.path,
        url_for("portal.search_page", body=body.slug),
    )


@bp.get("/feeds/cycles/<int:cycle_id>.atom")
def feed_cycle(cycle_id: int):
    cycle: Cycle = portal_cycles.public_cycle(cycle_id) or abort(404)
    return _atom_response(
        feeds.Scope(cycle_id=cycle.id),
        _("Sakråd: %(cycle)s", cycle=cycle.title()),
        request.path,
        f"/cycles/{cycle.id}",
    )


def _calendar_response(meetings: list, name: str, filename: str) -> Response:
    etag = feeds.calendar_etag(meetings, name)
    last_modified = max((m.updated_at for m in meetings), default=None)
    if request.if_none_match and etag in request.if_none_match:
        return _conditional(b"", "text/calendar", etag, last_modified)
    body = feeds.calendar(meetings, name=name, base_url=current_app.config["PUBLIC_BASE_URL"])
    response = _conditional(body, "text/calendar", etag, last_modified)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/calendar.ics")
def calendar_all():
    return _calendar_response(
        feeds.calendar_meetings(), _("Sakråd: all meetings"), "sakrad-calendar.ics"
    )


@bp.get("/calendar/<slug>.ics")
def calendar_body(slug: str):
    body = _body_or_404(slug)
    return _calendar_response(
        feeds.calendar_meetings(body.id),
        _("Sakråd: %(body)s", body=body.name),
        f"sakrad-{body.slug}.ics",
    )
