"""The invitations section of "My pages": a representative's invitations to answer."""

from __future__ import annotations

from sakrad.accounts.models import User
from sakrad.db import utcnow
from sakrad.invitations import service
from sakrad.organisations.service import organisations_of


def section(user: User) -> dict | None:
    if not user.is_org_rep:
        return None
    invitations = service.invitations_of_organisations([o.id for o in organisations_of(user)])
    if not invitations:
        return None
    now = utcnow()
    return {
        "template": "invitations/_dashboard.html",
        "invitations": [(i, service.can_answer(i, now)) for i in invitations],
    }
