"""Erasure of one person, identified by email, by an administrator with a reason."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from sakrad.audit.service import record
from sakrad.errors import Invalid
from sakrad.extensions import db
from sakrad.privacy import registry
from sakrad.privacy.extract import rows_of
from sakrad.privacy.person import find_person, normalise
from sakrad.privacy.registry import published_consented_delegate_ids


def erase_person(
    email: str, reason: str, *, covers_published_names: bool = False, actor: Any = None
) -> dict[str, int]:
    """Erase or pseudonymise every row that holds the person's data; returns counts by table.

    Names published in minutes with the person's consent stay unless the request covers
    them (``covers_published_names``). Never commits.
    """
    email = normalise(email)
    if not email or "@" not in email:
        raise Invalid(_l("Enter an email address."), field="email")
    if not (reason or "").strip():
        raise Invalid(_l("Give the reason for the erasure."), field="reason")
    person = find_person(email)
    kept = (not covers_published_names) and bool(published_consented_delegate_ids(person))
    options = registry.ErasureOptions(
        keep_published_names=not covers_published_names, published_names_kept=kept
    )
    counts: dict[str, int] = {}
    for entry in registry.entries():
        rows = rows_of(person, entry)
        if rows:
            changed = entry.erase(person, rows, options)
            if changed:
                counts[entry.table] = counts.get(entry.table, 0) + changed
    db.session.flush()
    db.session.expire_all()
    # The search index is rebuilt from the (now erased) public sources.
    from sakrad.portal import search

    search.reindex()
    record(
        "privacy.person_erased",
        entity_type="ErasureRequest",
        entity_id="-",
        after={"counts": counts, "reason": reason.strip(), "published_names_kept": kept},
        actor=actor,
    )
    return counts
