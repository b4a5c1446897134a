"""Public proposals: no routes of their own; they appear on the public cycle, meeting and
organisation pages through these template globals (see templates/portal/*/_proposals.html)."""

from __future__ import annotations

from flask import url_for
from werkzeug.routing import BuildError

from sakrad.portal import proposals as portal_proposals
from sakrad.portal.views import bp


@bp.app_template_global()
def cycle_proposals_public(cycle) -> list[portal_proposals.PublicProposal]:  # noqa: ANN001
    return portal_proposals.published_for_cycle(cycle)


@bp.app_template_global()
def meeting_proposals_public(meeting) -> list[portal_proposals.PublicProposal]:  # noqa: ANN001
    return portal_proposals.published_for_meeting(meeting)


@bp.app_template_global()
def organisation_proposals_public(organisation) -> list[portal_proposals.PublicProposal]:  # noqa: ANN001
    return portal_proposals.published_for_organisation(organisation)


@bp.app_template_global()
def proposal_link(endpoint: str, **values: object) -> str | None:
    """A URL, or None while the page it points to does not exist (the text is then shown
    without a link rather than breaking the page)."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None
