"""Who attended a meeting, read from the invitations package.

The invitations service owns the rule (``attending_organisations``,
``public_delegate_names``); until it exists this falls back to the invitation rows
(accepted, and not recorded as absent), and without those to nobody.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.organisations.models import Organisation


def _service():  # noqa: ANN202
    try:
        return importlib.import_module("sakrad.invitations.service")
    except ModuleNotFoundError as exc:
        if exc.name != "sakrad.invitations.service":
            raise
        return None


def _accepted_invitations(meeting: Meeting) -> list:
    try:
        from sakrad.invitations.models import Invitation, InvitationState
    except ModuleNotFoundError:
        return []
    stmt = sa.select(Invitation).where(
        Invitation.meeting_id == meeting.id,
        Invitation.state == InvitationState.ACCEPTED,
        sa.or_(Invitation.attended.is_(None), Invitation.attended.is_(True)),
    )
    return list(db.session.scalars(stmt))


def attending_organisations(meeting: Meeting) -> list[Organisation]:
    service = _service()
    if service is not None and hasattr(service, "attending_organisations"):
        return list(service.attending_organisations(meeting))
    orgs = [inv.organisation for inv in _accepted_invitations(meeting)]
    return sorted(orgs, key=lambda o: o.name.lower())


def public_delegate_names(meeting: Meeting) -> dict[int, list[str]]:
    """Names of delegates who agreed to publication, by organisation id."""
    service = _service()
    if service is not None and hasattr(service, "public_delegate_names"):
        return dict(service.public_delegate_names(meeting))
    names: dict[int, list[str]] = {}
    for inv in _accepted_invitations(meeting):
        for d in inv.delegates:
            if d.name_public and d.attended is not False:
                names.setdefault(inv.organisation_id, []).append(d.name)
    return names
