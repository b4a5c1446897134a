"""The accessibility statement: the stored text, or the shipped default."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.audit.service import record
from sakrad.errors import Conflict
from sakrad.extensions import db
from sakrad.privacy.defaults import DEFAULT_STATEMENT
from sakrad.privacy.models import AccessibilityStatement


def current_statement() -> AccessibilityStatement | None:
    return db.session.scalar(sa.select(AccessibilityStatement).order_by(AccessibilityStatement.id))


def statement_text(lang: str) -> str:
    row = current_statement()
    if row is None:
        return DEFAULT_STATEMENT["en" if lang == "en" else "sv"]
    return row.text_en if lang == "en" else row.text_sv


def save_statement(*, text_sv: str, text_en: str, version_id: int | None, actor: Any) -> None:
    """Save the statement; ``version_id`` is the version the editor started from (None: the
    shipped default). A different current version is a conflict, never overwritten."""
    row = current_statement()
    current = row.version_id if row is not None else None
    if current != version_id:
        raise Conflict(_l("Someone else changed the statement while you were editing it."))
    before = None
    if row is None:
        row = AccessibilityStatement(text_sv=text_sv, text_en=text_en)
        db.session.add(row)
    else:
        before = {"text_sv": row.text_sv, "text_en": row.text_en}
        row.text_sv, row.text_en = text_sv, text_en
    row.updated_by_id = getattr(actor, "id", None)
    db.session.flush()
    record(
        "privacy.accessibility_statement_saved",
        row,
        before=before,
        after={"text_sv": text_sv, "text_en": text_en},
        actor=actor,
        public=True,
    )
