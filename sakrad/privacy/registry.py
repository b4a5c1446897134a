"""The one registry of where personal data lives.

Each ``PersonalData`` names a model, the columns in it that hold personal data, how to find
one person's rows, which category of the privacy notice they belong to, and what erasure does
to them. The extract, the erasure and the check that no personal column is forgotten
(``tests/integration/test_privacy_registry.py``) all read this list; so a new table with
personal data is either added here (``register``) or listed in ``NOT_PERSONAL`` with a reason.

Packages that add tables with personal data later (login sessions, feedback tokens) call
``register`` from their own module and list their retention category with
``sakrad.privacy.retention.register``.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.privacy.person import ERASED, Person


@dataclass(frozen=True)
class ErasureOptions:
    # Keep a name in published minutes where the person consented to its publication.
    keep_published_names: bool = True
    published_names_kept: bool = False  # computed: this person has such a name


@dataclass(frozen=True)
class PersonalData:
    model: Any
    columns: tuple[str, ...]
    # The rows of one person (a WHERE clause), or None when the person has none here.
    find: Callable[[Person, Any], Any]
    # What erasure does to the found rows; returns how many rows it changed.
    erase: Callable[[Person, list[Any], ErasureOptions], int]
    category: str
    action: str  # "delete", "pseudonymise", "scrub", "blank", "keep": said on the admin page
    # Columns shown in the extract as "(hidden)": secrets that are no one's business.
    hidden: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return self.model.__tablename__


# Columns whose names look personal but which hold no personal data, with the reason.
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("convening_bodies", "name"): "the name of a public body",
    ("convening_bodies", "name_en"): "the name of a public body",
    ("organisations", "name"): "an organisation's public name",
    ("focus_areas", "name_sv"): "reference list",
    ("focus_areas", "name_en"): "reference list",
    ("target_groups", "name_sv"): "reference list",
    ("target_groups", "name_en"): "reference list",
    ("meeting_documents", "filename"): "a published file's name",
    ("audit_entries", "actor_label"): "placeholders only; values are in audit_personal_values",
    ("audit_entries", "before"): "placeholders only; values are in audit_personal_values",
    ("audit_entries", "after"): "placeholders only; values are in audit_personal_values",
    ("selections", "replace_reason"): "a civil servant's reason about the selection",
    ("selection_adjustments", "reason"): "a civil servant's reason about the selection",
    ("invitations", "origin_reason"): "why an organisation was invited by hand",
    ("invitation_settings", "reserve_blocked"): "which quota blocked a reserve",
    ("meetings", "cancel_reason"): "published reason for a cancellation",
    ("meetings", "internal_notes"): "the convening body's notes on the meeting",
    ("meeting_outcome_notes", "note"): "the body's note on a proposal",
    ("meeting_outcome_notes", "published_note"): "published note on a proposal",
    ("accessibility_statements", "text_sv"): "the published accessibility statement",
    ("accessibility_statements", "text_en"): "the published accessibility statement",
}


def _contains_any(person: Person, *columns: Any, keep_names: bool = False) -> Any:
    needles = [person.email] if keep_names else person.needles
    if not needles:
        return None
    clauses = []
    for col in columns:
        text = sa.func.lower(sa.cast(col, sa.Text))
        clauses += [text.contains(n.lower(), autoescape=True) for n in needles]
        if isinstance(col.type, sa.JSON):
            # JSON is stored with non-ASCII characters escaped ("\u00c5"), which lower() and
            # a plain LIKE do not see through: match the escaped form as stored too.
            raw = sa.cast(col, sa.Text)
            for n in needles:
                escaped = json.dumps(n)[1:-1]
                if escaped != n:
                    clauses.append(raw.contains(escaped, autoescape=True))
    return sa.or_(*clauses)


def _in(column: Any, ids: list[int]) -> Any:
    return column.in_(ids) if ids else None


def delete_rows(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    """Erasure action: delete the rows (for tables of other packages too)."""
    for row in rows:
        db.session.delete(row)
    return len(rows)


def _scrubber(*columns: str, names_in_published: bool = False):
    def erase(person: Person, rows: list[Any], options: ErasureOptions) -> int:
        keep = names_in_published and options.published_names_kept
        changed = 0
        for row in rows:
            for name in columns:
                old = getattr(row, name)
                new = person.scrub(old, keep_names=keep)
                if new != old:
                    setattr(row, name, new)
                    changed += 1
        return changed

    return erase


def _erase_user(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    for user in rows:
        user.name = ERASED
        user.email = f"raderad-{user.id}@raderad.invalid"
        user.active = False
        user.password_hash = "!" + secrets.token_hex(16)  # matches no password
    return len(rows)


def _erase_delegate(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    keep = published_consented_delegate_ids(person) if options.keep_published_names else set()
    for d in rows:
        d.email = ""
        d.needs = []
        d.needs_note = None
        if d.id not in keep:
            d.name = ERASED
            d.name_public = False
    return len(rows)


def _blank(*columns: str):
    def erase(person: Person, rows: list[Any], options: ErasureOptions) -> int:
        for row in rows:
            for name in columns:
                setattr(row, name, None)
        return len(rows)

    return erase


def _erase_audit_values(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    now = utcnow()
    for pv in rows:
        pv.value = None
        pv.erased_at = now
    return len(rows)


def _keep(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    return 0


def _builtin() -> list[PersonalData]:
    from sakrad.accounts.models import User
    from sakrad.audit.models import AuditEntry, AuditPersonalValue
    from sakrad.invitations.models import Delegate, Invitation
    from sakrad.mail.models import OutboxMessage
    from sakrad.meetings.models import AgendaItem, Meeting
    from sakrad.minutes.models import MinutesRevision, ReviewComment
    from sakrad.organisations.models import (
        EmailConfirmation,
        Organisation,
        Representation,
        RepresentativeInvite,
    )
    from sakrad.portal.search import SearchDocument
    from sakrad.proposals.models import TopicProposal
    from sakrad.selection.models import Interest

    email = sa.func.lower
    return [
        PersonalData(User, ("email", "name", "password_hash"),
                     lambda p, m: _in(m.id, p.user_ids), _erase_user,
                     "accounts", "pseudonymise", hidden=("password_hash",)),
        PersonalData(Representation, ("user_id",),
                     lambda p, m: _in(m.user_id, p.user_ids), delete_rows,
                     "representatives", "delete"),
        PersonalData(EmailConfirmation, ("payload",),
                     lambda p, m: _in(m.user_id, p.user_ids), delete_rows,
                     "accounts", "delete", hidden=("token_hash",)),
        PersonalData(RepresentativeInvite, ("email",),
                     lambda p, m: email(m.email) == p.email, delete_rows,
                     "representatives", "delete", hidden=("token_hash",)),
        PersonalData(Organisation, ("contact_email",),
                     lambda p, m: email(m.contact_email) == p.email, _blank("contact_email"),
                     "representatives", "blank"),
        PersonalData(Delegate, ("name", "email", "needs", "needs_note"),
                     lambda p, m: _in(m.id, p.delegate_ids), _erase_delegate,
                     "delegates", "pseudonymise"),
        PersonalData(Interest, ("motivation",),
                     lambda p, m: _in(m.registered_by_id, p.user_ids), _blank("motivation"),
                     "motivations", "blank"),
        PersonalData(Invitation, ("decline_reason", "withdraw_reason"),
                     lambda p, m: _contains_any(p, m.decline_reason, m.withdraw_reason),
                     _scrubber("decline_reason", "withdraw_reason"),
                     "delegates", "scrub", hidden=("token_hash", "previous_token_hash")),
        PersonalData(TopicProposal, ("title", "focus", "questions", "background", "response_text"),
                     lambda p, m: _contains_any(p, m.title, m.focus, m.questions, m.background,
                                                m.response_text),
                     _scrubber("title", "focus", "questions", "background", "response_text"),
                     "representatives", "scrub"),
        PersonalData(ReviewComment, ("text", "answer"),
                     lambda p, m: sa.or_(*(c for c in (
                         _in(m.author_id, p.user_ids), _contains_any(p, m.text, m.answer))
                         if c is not None)) if p.needles else None,
                     _scrubber("text", "answer"), "representatives", "scrub"),
        PersonalData(Meeting, ("chair_name",),
                     lambda p, m: _contains_any(p, m.chair_name),
                     _scrubber("chair_name", names_in_published=True), "accounts", "scrub"),
        PersonalData(AgendaItem, ("presenter_text", "description"),
                     lambda p, m: _contains_any(p, m.presenter_text, m.description),
                     _scrubber("presenter_text", "description", names_in_published=True),
                     "accounts", "scrub"),
        PersonalData(MinutesRevision, ("text",),
                     lambda p, m: _contains_any(p, m.text), _scrub_minutes,
                     "delegates", "scrub"),
        PersonalData(OutboxMessage, ("recipients", "subject", "body_text", "body_html",
                                     "attachments", "last_error"),
                     lambda p, m: _contains_any(p, m.recipients, m.subject, m.body_text,
                                                m.body_html, m.last_error),
                     delete_rows, "outbox", "delete"),
        PersonalData(SearchDocument, ("title", "title_en", "body"),
                     lambda p, m: _contains_any(p, m.title, m.title_en, m.body),
                     _scrubber("title", "title_en", "body", names_in_published=True),
                     "search", "scrub"),
        PersonalData(AuditPersonalValue, ("value",),
                     lambda p, m: _contains_any(p, m.value), _erase_audit_values,
                     "audit", "blank"),
        PersonalData(AuditEntry, ("actor_id",),
                     lambda p, m: _in(m.actor_id, p.user_ids), _keep, "audit", "keep"),
    ]  # fmt: skip


def _scrub_minutes(person: Person, rows: list[Any], options: ErasureOptions) -> int:
    """Minutes revisions are append-only for editors; erasure is the one exception, done in
    SQL past the ORM guard, and the erasure's own audit entry says how many it changed."""
    from sakrad.minutes.models import MinutesRevision

    table = cast(sa.Table, MinutesRevision.__table__)
    changed = 0
    for row in rows:
        new = person.scrub(row.text, keep_names=options.published_names_kept)
        if new != row.text:
            db.session.execute(table.update().where(table.c.id == row.id).values(text=new))
            changed += 1
    return changed


_EXTRA: list[PersonalData] = []


def register(entry: PersonalData) -> None:
    """Add a table of another package to the registry."""
    _EXTRA.append(entry)


def entries() -> list[PersonalData]:
    return [*_builtin(), *_EXTRA]


def registered_columns() -> set[tuple[str, str]]:
    return {(e.table, c) for e in entries() for c in e.columns}


PERSONAL_LOOKING = re.compile(
    r"email|name|phone|needs|motivation|comment|address|(^|_)ip(_|$)|note|reason|recipient"
    r"|payload|label|answer|text|body|value|user_agent"
)


def unregistered_personal_columns(metadata: sa.MetaData) -> list[tuple[str, str]]:
    """Text and JSON columns whose names look personal and that are neither registered
    nor listed in ``NOT_PERSONAL``: each one is a table someone forgot."""
    known = registered_columns() | set(NOT_PERSONAL)
    found = []
    for table in metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, sa.String | sa.Text | sa.JSON):
                continue
            if PERSONAL_LOOKING.search(column.name) and (table.name, column.name) not in known:
                found.append((table.name, column.name))
    return found


def published_consented_delegate_ids(person: Person) -> set[int]:
    """Delegate rows of this person whose name is in published minutes with consent."""
    from sakrad.invitations.models import Delegate, Invitation
    from sakrad.minutes.models import MinutesPublication

    if not person.delegate_ids:
        return set()
    published = sa.select(MinutesPublication.meeting_id)
    stmt = (
        sa.select(Delegate.id)
        .join(Invitation, Invitation.id == Delegate.invitation_id)
        .where(
            Delegate.id.in_(person.delegate_ids),
            Delegate.name_public.is_(True),
            Invitation.meeting_id.in_(published),
        )
    )
    return set(db.session.scalars(stmt))
