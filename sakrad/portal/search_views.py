"""The portal's search page ``/search`` and ``flask sakrad search-reindex``."""

from __future__ import annotations

import click
from flask import render_template, request
from flask.cli import with_appcontext
from flask_babel import lazy_gettext as _l

from sakrad.accounts import service as accounts
from sakrad.meetings.models import MEETING_KIND_LABELS, MEETING_STATE_LABELS
from sakrad.organisations import reference
from sakrad.portal import page_cache, query_filters, search
from sakrad.portal.blueprint import bp
from sakrad.proposals.models import STATE_LABELS as PROPOSAL_STATE_LABELS
from sakrad.transaction import unit_of_work

DOC_TYPE_LABELS = {
    "meeting": _l("Meetings"),
    "minutes": _l("Minutes"),
    "proposal": _l("Topic proposals"),
    "organisation": _l("Organisations"),
}


def status_label(code: str | None) -> str:
    if not code:
        return ""
    for labels in (MEETING_STATE_LABELS, PROPOSAL_STATE_LABELS):
        for key, label in labels.items():
            if key.value == code:
                return str(label)
    return code


@bp.app_template_global()
def portal_status_label(code: str | None) -> str:
    return status_label(code)


@bp.app_template_global()
def portal_doc_type_label(code: str) -> str:
    return str(DOC_TYPE_LABELS.get(code, code))


@bp.get("/search")
@page_cache.cacheable
def search_page():
    error = None
    try:
        query = query_filters.parse(request.args)
    except query_filters.FilterError as exc:
        error = exc
        query = query_filters.parse({"q": request.args.get("q", "").replace("\x00", "")})
    results = search.search(query.q, query.filters, query.page)
    facets = query_filters.facet_values()
    response = render_template(
        "portal/search/index.html",
        query=query,
        results=results,
        error=error,
        facets=facets,
        bodies=accounts.list_bodies(active_only=True),
        counties=reference.county_choices(),
        kinds=MEETING_KIND_LABELS,
        statuses=query_filters.MEETING_STATUSES + query_filters.PROPOSAL_STATUSES,
        doc_types=DOC_TYPE_LABELS,
        page_args=_page_args(query),
    )
    return response, 400 if error else 200


def _page_args(query: query_filters.Query) -> dict[str, object]:
    """The current query without the page, for pagination links."""
    f = query.filters
    values = {
        "q": query.q,
        "year": f.year,
        "body": query.body_slug,
        "policy_area": f.policy_area,
        "kind": f.kind,
        "status": f.status,
        "county": f.county,
        "type": f.doc_type,
    }
    return {k: v for k, v in values.items() if v not in (None, "")}


@click.command("search-reindex")
@with_appcontext
@click.option("--type", "doc_type", type=click.Choice(search.DOC_TYPES), default=None)
def search_reindex(doc_type: str | None) -> None:
    """Rebuild the portal's search index from the public data."""
    search.ensure_schema()
    with unit_of_work():
        counts = search.reindex(doc_type)
    click.echo(", ".join(f"{name}: {n}" for name, n in counts.items()))
