"""The registry's section on the logged-in start page."""

from __future__ import annotations

from sakrad.accounts.models import User
from sakrad.organisations.service import organisations_of


def section(user: User) -> dict | None:
    if user.is_org_rep:
        return {
            "template": "organisations/_dashboard.html",
            "organisations": organisations_of(user),
            "staff": False,
        }
    if user.is_civil_servant or user.is_admin:
        return {"template": "organisations/_dashboard.html", "organisations": [], "staff": True}
    return None
