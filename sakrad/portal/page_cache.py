"""Anonymous public HTML pages, served from ``portal.cache`` while the data version stands.

Public pages are read far more often than anything changes. Only views marked
``@cacheable`` are looked up, so ``/healthz``, feeds, files and the API never pay for the
data-version query. Only anonymous visitors without a session cookie are served from it, and
only 200 HTML responses that set no cookie and never touched the session are stored (a page
with a CSRF token is never cached), keyed by path, query and language.
``PORTAL_PAGE_CACHE_SECONDS`` (default 60; 0 turns it off, as in tests) bounds an entry's
life.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Response, current_app, g, request, session

from sakrad.portal import cache

F = TypeVar("F", bound=Callable)
KIND = "page"


def cacheable(view: F) -> F:
    """Mark a public view whose anonymous HTML response may be served from the cache."""
    view.portal_cacheable = True  # type: ignore[attr-defined]
    return view


def _key() -> tuple | None:
    if request.method != "GET" or request.blueprint != "portal":
        return None
    view = current_app.view_functions.get(request.endpoint or "")
    if not getattr(view, "portal_cacheable", False):
        return None
    if request.cookies.get(current_app.config["SESSION_COOKIE_NAME"]):
        return None  # logged in, or flashed messages waiting
    return (request.full_path, request.cookies.get("sakrad_lang", ""), request.args.get("lang"))


def serve_cached() -> Response | None:
    if cache.seconds("PORTAL_PAGE_CACHE_SECONDS") <= 0:
        return None
    key = _key()
    if key is None:
        return None
    version = cache.data_version()
    hit = cache.get(KIND, key, version)
    if hit is not None:
        body, headers = hit
        response = Response(body, headers=headers)
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
    cache.put(
        KIND,
        key,
        version,
        (response.get_data(), headers),
        cache.seconds("PORTAL_PAGE_CACHE_SECONDS"),
    )
    return response


def clear() -> None:
    cache.clear()
