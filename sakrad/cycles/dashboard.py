"""The cycles section of a civil servant's or an administrator's start page."""

from __future__ import annotations

from sakrad.accounts.models import User
from sakrad.cycles.service import cycles_for


def section(user: User) -> dict | None:
    if not (user.is_admin or user.is_civil_servant):
        return None
    return {"template": "cycles/_dashboard.html", "cycles": cycles_for(user)[:10]}
