"""The retention policy: one setting per category, and the job that applies it.

Each ``Category`` says which config setting holds its period, how to select the rows that are
due at a moment (``due``) and what to do with them (``apply``). The privacy notice renders the
periods from the same ``Category.period`` the job uses. Other packages add their categories
with ``register`` (login sessions, feedback tokens).

Nothing here changes published documentation: the names published with consent stay, minutes
and documents are not touched, and only rows that are due are changed, so a second run finds
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.privacy.person import ERASED

BATCH = 500


@dataclass(frozen=True)
class Category:
    key: str
    setting: str  # the config key holding the period
    unit: str  # "days" or "hours"
    label: Any  # lazy string: what is removed
    after: Any  # lazy string: counted from when
    model: Any
    # The ids due at ``cutoff`` (now minus the period) and ``now``, as a select.
    due: Callable[[datetime, datetime], sa.Select]
    apply: Callable[[list[Any], datetime], None]

    @property
    def amount(self) -> int:
        return int(current_app.config[self.setting])

    @property
    def period(self) -> timedelta:
        return timedelta(**{self.unit: self.amount})


def _delegate_needs_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.invitations.models import Delegate, Invitation
    from sakrad.meetings.models import Meeting

    held = sa.func.coalesce(Meeting.held_at, Meeting.cancelled_at)
    return (
        sa.select(Delegate.id)
        .join(Invitation, Invitation.id == Delegate.invitation_id)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .where(
            held.is_not(None),
            held < cutoff,
            sa.or_(
                Delegate.needs_note.is_not(None),
                sa.cast(Delegate.needs, sa.Text).not_in(["[]", "null"]),
            ),
        )
    )


def _delegate_needs_apply(rows: list[Any], now: datetime) -> None:
    for d in rows:
        d.needs = []
        d.needs_note = None


def _first_publication():
    from sakrad.minutes.models import MinutesPublication

    return (
        sa.select(
            MinutesPublication.meeting_id,
            sa.func.min(MinutesPublication.published_at).label("first"),
        )
        .group_by(MinutesPublication.meeting_id)
        .subquery()
    )


def _delegate_identity_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.invitations.models import Delegate, Invitation

    pub = _first_publication()
    return (
        sa.select(Delegate.id)
        .join(Invitation, Invitation.id == Delegate.invitation_id)
        .join(pub, pub.c.meeting_id == Invitation.meeting_id)
        .where(
            pub.c.first < cutoff,
            sa.or_(
                Delegate.email != "",
                sa.and_(Delegate.name_public.is_(False), Delegate.name != ERASED),
            ),
        )
    )


def _delegate_identity_apply(rows: list[Any], now: datetime) -> None:
    for d in rows:
        d.email = ""
        if not d.name_public:  # a name published with consent is part of the minutes
            d.name = ERASED


def _motivation_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.selection.models import Interest, Selection, SelectionState

    confirmed = sa.select(Selection.meeting_id).where(
        Selection.state == SelectionState.CONFIRMED, Selection.confirmed_at < cutoff
    )
    return sa.select(Interest.id).where(
        Interest.motivation.is_not(None), Interest.meeting_id.in_(confirmed)
    )


def _motivation_apply(rows: list[Any], now: datetime) -> None:
    for interest in rows:
        interest.motivation = None


def _unconfirmed_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.organisations.models import EmailConfirmation

    return sa.select(EmailConfirmation.id).where(
        EmailConfirmation.confirmed_at.is_(None), EmailConfirmation.created_at < cutoff
    )


def _unconfirmed_apply(rows: list[Any], now: datetime) -> None:
    import secrets

    for confirmation in rows:
        user = confirmation.user
        db.session.delete(confirmation)
        if user is not None and not user.active:
            # The account never came to life; it is kept only as a pseudonym, because the
            # audit log refers to it by id.
            user.name = ERASED
            user.email = f"raderad-{user.id}@raderad.invalid"
            user.password_hash = "!" + secrets.token_hex(16)


def _outbox_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.mail.models import OutboxMessage, OutboxState

    return sa.select(OutboxMessage.id).where(
        OutboxMessage.state == OutboxState.SENT, OutboxMessage.sent_at < cutoff
    )


def delete_due_rows(rows: list[Any], now: datetime) -> None:
    """Retention action: delete the due rows (for categories of other packages too)."""
    for row in rows:
        db.session.delete(row)


def _answer_tokens_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.invitations.models import Invitation

    return sa.select(Invitation.id).where(
        Invitation.deadline < cutoff,
        sa.or_(Invitation.token_hash.is_not(None), Invitation.previous_token_hash.is_not(None)),
    )


def _answer_tokens_apply(rows: list[Any], now: datetime) -> None:
    for invitation in rows:
        invitation.token_hash = None
        invitation.previous_token_hash = None


def _rep_invites_due(cutoff: datetime, now: datetime) -> sa.Select:
    from sakrad.organisations.models import RepresentativeInvite

    return sa.select(RepresentativeInvite.id).where(
        RepresentativeInvite.accepted_at.is_(None), RepresentativeInvite.expires_at < cutoff
    )


def _builtin() -> list[Category]:
    from sakrad.invitations.models import Delegate, Invitation
    from sakrad.mail.models import OutboxMessage
    from sakrad.organisations.models import EmailConfirmation, RepresentativeInvite
    from sakrad.selection.models import Interest

    return [
        Category("delegate_needs", "RETENTION_DELEGATE_NEEDS_DAYS", "days",
                 _l("Delegates' needs (diet, accessibility, interpretation)"),
                 _l("after the meeting was held"), Delegate,
                 _delegate_needs_due, _delegate_needs_apply),
        Category("delegate_identity", "RETENTION_DELEGATE_IDENTITY_DAYS", "days",
                 _l("Delegates' names and email addresses (names published with consent in "
                    "the minutes are kept)"),
                 _l("after the minutes were published"), Delegate,
                 _delegate_identity_due, _delegate_identity_apply),
        Category("interest_motivation", "RETENTION_INTEREST_MOTIVATION_DAYS", "days",
                 _l("Motivations given with an interest in a meeting"),
                 _l("after the selection was confirmed"), Interest,
                 _motivation_due, _motivation_apply),
        Category("unconfirmed_registration", "RETENTION_UNCONFIRMED_REGISTRATION_HOURS",
                 "hours", _l("Registrations whose email address was never confirmed"),
                 _l("after the registration"), EmailConfirmation,
                 _unconfirmed_due, _unconfirmed_apply),
        Category("outbox", "RETENTION_OUTBOX_DAYS", "days",
                 _l("Sent emails in the outbox (they hold personal links)"),
                 _l("after delivery"), OutboxMessage, _outbox_due, delete_due_rows),
        Category("answer_tokens", "RETENTION_ANSWER_TOKEN_DAYS", "days",
                 _l("Personal answer links of invitations"),
                 _l("after the answer deadline"), Invitation,
                 _answer_tokens_due, _answer_tokens_apply),
        Category("representative_invites", "RETENTION_REPRESENTATIVE_INVITE_DAYS", "days",
                 _l("Unused invitations to become a representative"),
                 _l("after the invitation expired"), RepresentativeInvite,
                 _rep_invites_due, delete_due_rows),
    ]  # fmt: skip


_EXTRA: list[Category] = []


def register(category: Category) -> None:
    """Add a category of another package (its setting must exist in config.py). E.g. the
    login sessions table::

        retention.register(retention.Category(
            "login_sessions", "RETENTION_LOGIN_SESSION_DAYS", "days", _l("Ended login sessions"),
            _l("after the session ended"), UserSession,
            lambda cutoff, now: sa.select(UserSession.id).where(UserSession.ended_at < cutoff),
            retention.delete_due_rows))
    """
    _EXTRA.append(category)


def categories() -> list[Category]:
    return [*_builtin(), *_EXTRA]


def _due_rows(category: Category, now: datetime, limit: int | None = None) -> list[Any]:
    stmt = category.due(now - category.period, now)
    ids = sa.select(category.model).where(category.model.id.in_(stmt)).order_by(category.model.id)
    if limit is not None:
        ids = ids.limit(limit)
    return list(db.session.scalars(ids))


def preview(now: datetime | None = None) -> dict[str, list[int]]:
    """What the next run removes: the due row ids per category (nothing is changed)."""
    now = now or utcnow()
    return {c.key: [r.id for r in _due_rows(c, now)] for c in categories()}


def run(
    *, dry_run: bool = False, now: datetime | None = None, batch: int = BATCH
) -> dict[str, int]:
    """Apply the policy in batches; returns counts per category. Never commits.

    The run is recorded in the audit log with the counts only, never the values.
    """
    now = now or utcnow()
    counts: dict[str, int] = {}
    for category in categories():
        if dry_run:
            counts[category.key] = len(_due_rows(category, now))
            continue
        done = 0
        seen: set[int] = set()
        while True:
            rows = [r for r in _due_rows(category, now, batch) if r.id not in seen]
            if not rows:
                break
            seen.update(r.id for r in rows)
            category.apply(rows, now)
            db.session.flush()
            done += len(rows)
        counts[category.key] = done
    record(
        "privacy.retention_run",
        entity_type="RetentionRun",
        entity_id="-",
        after={"dry_run": dry_run, "counts": counts, "at": now},
        actor_label="system (retention)",
    )
    return counts
