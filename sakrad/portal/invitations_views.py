"""Public invitations: no routes of their own; they appear on the public meeting and
organisation pages through these template globals."""

from __future__ import annotations

from sakrad.portal import invitations as portal_invitations
from sakrad.portal.blueprint import bp


@bp.app_template_global()
def organisation_invitations_public(organisation) -> list[portal_invitations.PublicInvitation]:
    return portal_invitations.for_organisation(organisation.id)
