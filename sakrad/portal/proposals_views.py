"""Public proposals: no routes of their own; they appear on the public cycle, meeting and
organisation pages through these template globals (see templates/portal/*/_proposals.html)."""

from __future__ import annotations

from sakrad.portal import proposals as portal_proposals
from sakrad.portal.blueprint import bp


@bp.app_template_global()
def cycle_proposals_public(cycle) -> list[portal_proposals.PublicProposal]:
    return portal_proposals.published_for_cycle(cycle)


@bp.app_template_global()
def organisation_proposals_public(organisation) -> list[portal_proposals.PublicProposal]:
    return portal_proposals.published_for_organisation(organisation)
