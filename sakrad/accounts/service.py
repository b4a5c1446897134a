"""Use cases for accounts and convening bodies."""

from __future__ import annotations

import re

import sqlalchemy as sa

from sakrad.accounts import sessions, strength
from sakrad.accounts.errors import AccountError
from sakrad.accounts.models import BodyKind, ConveningBody, Role, User
from sakrad.accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)
from sakrad.audit.service import record, snapshot
from sakrad.db import utcnow
from sakrad.extensions import db

USER_FIELDS = ("email", "name", "role", "convening_body_id", "active", "language")
BODY_FIELDS = ("name", "name_en", "slug", "kind", "active")

__all__ = ["AccountError"]  # raised by the use cases below


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def authenticate(email: str, password: str) -> User | None:
    """The user if the password is right and the account active, else None.

    The same work is done for unknown emails, so timing does not reveal which exist.
    """
    user = find_user_by_email(email)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def check_password_strength(
    password: str, user_inputs: tuple[str, ...] = (), field: str = "password"
) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password_too_short", field)
    reason = strength.weakness(password, user_inputs)
    if reason:
        raise AccountError(reason, field)


def create_user(
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
    convening_body_id: int | None = None,
    language: str = "sv",
) -> User:
    email = normalise_email(email)
    if find_user_by_email(email):
        raise AccountError("email_taken", "email")
    check_password_strength(password, (email, name))
    role = Role(role)
    if role == Role.CIVIL_SERVANT and not convening_body_id:
        raise AccountError("body_required", "convening_body_id")
    if role != Role.CIVIL_SERVANT:
        convening_body_id = None
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        convening_body_id=convening_body_id,
        language=language,
    )
    db.session.add(user)
    db.session.flush()
    record("user.created", user, after=snapshot(user, USER_FIELDS))
    return user


def set_active(user: User, active: bool) -> None:
    before = snapshot(user, USER_FIELDS)
    user.active = active
    if not active:
        sessions.end_all(user)
    record(
        "user.activated" if active else "user.deactivated",
        user,
        before=before,
        after=snapshot(user, USER_FIELDS),
    )


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AccountError("wrong_password", "current_password")
    check_password_strength(new, (user.email, user.name), field="new_password")
    user.password_hash = hash_password(new)
    # Whoever else holds a session of this account (a stolen cookie, a forgotten browser)
    # is logged out; the session that changed the password stays.
    sessions.end_all(user, except_current=True)
    record("user.password_changed", user)


def list_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.role, User.name)))


def list_bodies(active_only: bool = False) -> list[ConveningBody]:
    stmt = sa.select(ConveningBody).order_by(ConveningBody.name)
    if active_only:
        stmt = stmt.where(ConveningBody.active.is_(True))
    return list(db.session.scalars(stmt))


def slugify(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return slug[:80] or "body"


def create_body(*, name: str, kind: BodyKind, name_en: str | None = None) -> ConveningBody:
    name = name.strip()
    if db.session.scalar(sa.select(ConveningBody).where(ConveningBody.name == name)):
        raise AccountError("body_exists", "name")
    slug = base = slugify(name)
    n = 2
    while db.session.scalar(sa.select(ConveningBody.id).where(ConveningBody.slug == slug)):
        slug, n = f"{base}-{n}", n + 1
    body = ConveningBody(
        name=name, name_en=(name_en or "").strip() or None, kind=BodyKind(kind), slug=slug
    )
    db.session.add(body)
    db.session.flush()
    record("body.created", body, after=snapshot(body, BODY_FIELDS), convening_body_id=body.id)
    return body


def set_body_active(body: ConveningBody, active: bool) -> None:
    before = snapshot(body, BODY_FIELDS)
    body.active = active
    record(
        "body.activated" if active else "body.deactivated",
        body,
        before=before,
        after=snapshot(body, BODY_FIELDS),
        convening_body_id=body.id,
    )
