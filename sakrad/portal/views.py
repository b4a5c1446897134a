"""The portal's home and about pages, ``/healthz``, and the hooks every public request
passes: the search index is ready, and the page cache answers what it holds."""

from __future__ import annotations

from flask import Response, render_template

from sakrad.portal import home as portal_home
from sakrad.portal import page_cache, search
from sakrad.portal.blueprint import bp


@bp.before_app_request
def _search_index_ready() -> None:
    # Cheap after the first request; run before the session opens a transaction.
    search.ensure_schema()


@bp.before_app_request
def _page_cache_lookup() -> Response | None:
    return page_cache.serve_cached()


@bp.after_app_request
def _page_cache_store(response: Response) -> Response:
    return page_cache.store(response)


@bp.get("/")
@page_cache.cacheable
def home():
    return render_template(
        "portal/home.html",
        upcoming=portal_home.upcoming_meetings(),
        documentation=portal_home.recent_documentation(),
        open_calls=portal_home.open_calls(),
    )


@bp.get("/about")
@page_cache.cacheable
def about():
    return render_template("portal/about.html")


@bp.get("/healthz")
def healthz():
    """A trivial endpoint (load balancers, and the benchmark's baseline): no query."""
    return Response("ok\n", mimetype="text/plain", headers={"Cache-Control": "no-store"})
