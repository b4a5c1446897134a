"""Public invitations: no routes of their own; they appear on the public meeting and
organisation pages through these template globals."""

from __future__ import annotations

from sakrad.portal import invitations as portal_invitations
from sakrad.portal import rules
from sakrad.portal.blueprint import bp


@bp.app_template_global()
def organisation_invitations_public(organisation) -> list[portal_invitations.PublicInvitation]:
    return portal_invitations.for_organisation(organisation.id)


@bp.app_template_global()
def public_invitation_labels() -> dict[str, str]:
    """The label of each state a public invitation can be in, translated once for a table of
    them (``invitation_state_label`` per row translates it again for each)."""
    return {str(state): str(state.label) for state in rules.PUBLIC_INVITATION_STATES}
