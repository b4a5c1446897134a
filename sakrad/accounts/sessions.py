"""Server-side login sessions.

The signed Flask cookie carries only a random session id (as Flask-Login's user id); the
``user_sessions`` table decides whether it still means anything. Logging out revokes the row
for good, so a copied cookie is useless afterwards; a password change or deactivation revokes
every other session of the user; a session ends after ``SESSION_IDLE_MINUTES`` without a request
and ``SESSION_ABSOLUTE_HOURS`` after login. The table is in the database, so several app
servers agree without sharing anything else.

Flask-Login integration: any ``login_user(user)`` anywhere in the application opens a session
row through the ``user_logged_in`` signal, and ``logout_user()`` revokes it through
``user_logged_out``; the user loader takes the session id.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, request, session
from flask_login import user_logged_in, user_logged_out
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.db import IntPK, Now, UTCDateTime, affected_rows, utcnow
from sakrad.extensions import Model, db

# last_seen is written at most this often, so a busy user costs one UPDATE a minute.
TOUCH_EVERY = timedelta(seconds=60)


class UserSession(Model):
    """One login: the browser holds the random id, this table holds only its SHA-256."""

    __tablename__ = "user_sessions"

    id: Mapped[IntPK]
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[Now]
    last_seen_at: Mapped[Now]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Shown in the user's own list so they recognise their devices (personal data).
    user_agent: Mapped[str | None] = mapped_column(sa.String(200))

    user: Mapped[User] = relationship()

    def expires_at(self) -> datetime:
        idle = self.last_seen_at + timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
        absolute = self.created_at + timedelta(hours=current_app.config["SESSION_ABSOLUTE_HOURS"])
        return min(idle, absolute)

    def is_live(self, now: datetime | None = None) -> bool:
        return self.revoked_at is None and (now or utcnow()) < self.expires_at()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_session() -> UserSession | None:
    return g.get("sakrad_user_session") if has_request_context() else None


def start(user: User) -> str:
    """A new session row for the user; returns the random id the cookie will carry."""
    token = secrets.token_urlsafe(32)
    agent = request.headers.get("User-Agent", "")[:200] if has_request_context() else None
    record = UserSession(token_hash=_hash(token), user_id=user.id, user_agent=agent or None)
    db.session.add(record)
    db.session.flush()
    g.sakrad_user_session = record
    return token


def load_user(token: str) -> User | None:
    """Flask-Login's user loader: the user of a live session, else None (anonymous)."""
    if not token or len(token) > 100:
        return None
    record = db.session.scalar(sa.select(UserSession).where(UserSession.token_hash == _hash(token)))
    now = utcnow()
    if record is None or not record.is_live(now):
        return None
    user = record.user
    if user is None or not user.active:
        return None
    if now - record.last_seen_at >= TOUCH_EVERY:
        record.last_seen_at = now
    g.sakrad_user_session = record
    return user


def revoke(record: UserSession) -> None:
    if record.revoked_at is None:
        record.revoked_at = utcnow()


def end_all(user: User, *, except_current: bool = False) -> int:
    """Revoke every live session of the user (but the one of this request if asked)."""
    keep = current_session() if except_current else None
    stmt = (
        sa.update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if keep is not None and keep.id is not None:
        stmt = stmt.where(UserSession.id != keep.id)
    result = db.session.execute(stmt.execution_options(synchronize_session="fetch"))
    return affected_rows(result)


def live_sessions(user: User) -> list[UserSession]:
    rows = db.session.scalars(
        sa.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())
    )
    now = utcnow()
    return [r for r in rows if r.is_live(now)]


def session_of(user: User, session_id: int) -> UserSession | None:
    record = db.session.get(UserSession, session_id)
    return record if record is not None and record.user_id == user.id else None


def _on_login(app: Flask, user: User, **_extra) -> None:
    # login_user() has just put user.get_id() into the cookie; replace it with a session id.
    session["_user_id"] = start(user)


def _on_logout(app: Flask, user: User, **_extra) -> None:
    record = current_session()
    if record is not None:
        revoke(record)
        g.sakrad_user_session = None


def init_app(app: Flask) -> None:
    app.config.setdefault("SESSION_IDLE_MINUTES", 30)
    app.config.setdefault("SESSION_ABSOLUTE_HOURS", 8)
    user_logged_in.connect(_on_login, app)
    user_logged_out.connect(_on_logout, app)
