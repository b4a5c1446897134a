"""Public organisation pages: ``/organisations`` and ``/organisations/<slug>``.

Other packages add the participation history through the partials
``portal/organisations/_history_proposals.html`` and ``_history_invitations.html``, which
get ``organisation`` (a ``PublicOrganisation``) in scope.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from sakrad.errors import Invalid
from sakrad.portal import organisations as public
from sakrad.portal import page_cache, query_filters
from sakrad.portal.blueprint import bp


@bp.get("/organisations")
@page_cache.cacheable
def organisations():
    try:
        query_filters.refuse_nul(request.args)
    except query_filters.FilterError as exc:
        raise Invalid(
            _l("The search text contains a character that cannot be used."), field=exc.field
        ) from None
    q = request.args.get("q", "")
    page = request.args.get("page", 1, type=int)
    return render_template("portal/organisations/index.html", listing=public.listing(q, page), q=q)


@bp.get("/organisations/<slug>")
@page_cache.cacheable
def organisation(slug: str):
    org, moved_to = public.by_slug(slug)
    if moved_to:
        return redirect(url_for("portal.organisation", slug=moved_to), code=301)
    if org is None:
        abort(404)
    return render_template("portal/organisations/organisation.html", organisation=org)
