"""Factories for the organisation registry's tests."""

from __future__ import annotations

import itertools
from typing import Any

from sakrad.accounts.models import User
from sakrad.extensions import db
from sakrad.organisations import reference, service
from sakrad.organisations.models import Organisation

_seq = itertools.count(100)


def org_number(n: int | None = None) -> str:
    """A valid, unique organisation number."""
    return reference.make_org_number(f"802{n if n is not None else next(_seq):06d}")


def profile(**overrides: Any) -> dict[str, Any]:
    n = next(_seq)
    data = {
        "name": f"Föreningen Gemenskap {n}",
        "org_number": org_number(n),
        "form": "ideell_forening",
        "county": "14",
        "municipality": "1421",
        "size": "21-100",
        "focus_areas": ["landsbygd"],
        "target_groups": ["nyanlanda"],
        "website": "https://gemenskap.example.se",
        "description": "Vi driver språkcafé på Orust.",
        "description_en": "",
        "contact_email": f"kontakt{n}@gemenskap.example.se",
        "language": "sv",
    }
    data.update(overrides)
    return data


def make_profiled_organisation(*, reps: tuple[User, ...] = (), **overrides: Any) -> Organisation:
    service.ensure_reference_lists()
    org = service.create_organisation(profile(**overrides))
    for user in reps:
        service.add_representative(org, user)
    db.session.commit()
    return org


def form_data(**overrides: Any) -> dict[str, Any]:
    """A profile as an HTML form posts it (lists stay lists; the test client repeats keys)."""
    data = profile(**overrides)
    return {k: ("" if v is None else v) for k, v in data.items()}
