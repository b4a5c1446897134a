"""A small in-process cache of anonymous public HTML pages.

Public pages are read far more often than anything changes, and rendering a meeting page
(its sessions, agenda, proposals, invitations, minutes) costs tens of milliseconds of
Python. A page is served from the cache while nothing has changed since it was rendered:
every change in the system writes an audit entry, so the newest audit id is the data
version, read with one indexed query per request. A time limit
(``PORTAL_PAGE_CACHE_SECONDS``, default 60; 0 turns the cache off, as in tests) bounds
what the audit log cannot see, such as a meeting moving from "upcoming" to "held" as
time passes.

Only anonymous visitors without a session cookie are served from it, only 200 HTML
responses of the public blueprint that set no cookie and never touched the session (a
page with a CSRF token is never cached), keyed by path, query and language.
"""

from __future__ import annotations

import time
from collections import OrderedDict

import sqlalchemy as sa
from flask import Response, current_app, g, request, session

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db

MAX_ENTRIES = 2000
_cache: OrderedDict[tuple, tuple[object, float, bytes, list]] = OrderedDict()


def _seconds() -> int:
    default = 0 if current_app.testing else 60
    return int(current_app.config.get("PORTAL_PAGE_CACHE_SECONDS", default))


def _key() -> tuple | None:
    if request.method != "GET" or request.blueprint != "portal":
        return None
    if request.cookies.get(current_app.config["SESSION_COOKIE_NAME"]):
        return None  # logged in, or flashed messages waiting
    return (request.full_path, request.cookies.get("sakrad_lang", ""), request.args.get("lang"))


def _version() -> object:
    return db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))


def serve_cached() -> Response | None:
    if _seconds() <= 0:
        return None
    key = _key()
    if key is None:
        return None
    version = _version()
    hit = _cache.get(key)
    if hit is not None and hit[0] == version and hit[1] > time.monotonic():
        _cache.move_to_end(key)
        response = Response(hit[2], headers=hit[3])
        response.headers["X-Page-Cache"] = "hit"
        return response
    g.page_cache = (key, version)
    return None


def store(response: Response) -> Response:
    pending = g.pop("page_cache", None)
    if pending is None or response.status_code != 200 or response.mimetype != "text/html":
        return response
    if response.direct_passthrough or "Set-Cookie" in response.headers or session.modified:
        return response
    key, version = pending
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    _cache[key] = (version, time.monotonic() + _seconds(), response.get_data(), headers)
    while len(_cache) > MAX_ENTRIES:
        _cache.popitem(last=False)
    return response


def clear() -> None:
    _cache.clear()
