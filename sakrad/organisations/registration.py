"""Self-registration with email confirmation, and invitations of further representatives.

Design: a person without an account registers an organisation; their account is created at
once with role ``org_rep`` but *inactive* (they cannot log in), and the organisation's
profile waits in an ``EmailConfirmation`` row. The link in the email (valid 48 hours)
activates the account and creates the organisation with the person as its representative.
Nothing appears in the registry before the email is confirmed. A logged-in representative
has already proved their address, so an organisation they register is created at once.

Links carry a random 256-bit token; only its SHA-256 hash is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from sakrad.accounts import service as accounts
from sakrad.accounts.models import Role, User
from sakrad.accounts.passwords import hash_password
from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.mail.compose import paragraphs_html
from sakrad.mail.service import queue
from sakrad.organisations import service
from sakrad.organisations.models import EmailConfirmation, Organisation, RepresentativeInvite
from sakrad.organisations.service import OrganisationError

LINK_VALIDITY = timedelta(hours=48)
HOURS = int(LINK_VALIDITY.total_seconds() // 3600)

T = TypeVar("T")
L = TypeVar("L", EmailConfirmation, RepresentativeInvite)


def new_token() -> tuple[str, str]:
    """A URL-safe token (256 bits) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _link(endpoint: str, token: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for(endpoint, token=token)


def _send(to: str, lang: str, subject: Any, paragraphs: list[tuple[Any, dict | None]]) -> None:
    """A mail in the recipient's language, as plain text and HTML; texts are lazy strings,
    rendered here."""
    with force_locale(lang):
        lines = [str(text) % params if params else str(text) for text, params in paragraphs]
        html = paragraphs_html(str(subject), lang, lines)  # the layout signs it
        lines.append(_("Sakråd – dialogue with civil society"))
        text = "\n\n".join(lines) + "\n"
        queue([to], str(subject), text, html, topic="organisations")


def _new_link(model: Callable[..., T], **fields: Any) -> tuple[str, T]:
    """A new row of ``model`` for a link valid ``LINK_VALIDITY`` from now (added and
    flushed), and the link's token (only its hash is stored)."""
    token, digest = new_token()
    now = utcnow()
    row = model(token_hash=digest, created_at=now, expires_at=now + LINK_VALIDITY, **fields)
    db.session.add(row)
    db.session.flush()
    return token, row


def _valid_link(model: type[L], token: str, used: Any) -> L:
    """The row of ``model`` for a link's token while the link is neither used (its ``used``
    column set) nor expired; otherwise OrganisationError."""
    row = db.session.scalar(sa.select(model).where(model.token_hash == hash_token(token)))
    if row is None or getattr(row, used.key) is not None:
        raise OrganisationError("token_invalid")
    if row.expires_at <= utcnow():
        raise OrganisationError("token_expired")
    return row


def _send_link(
    to: str, lang: str, subject: Any, opening: list[tuple[Any, dict]], link: str, validity: Any
) -> None:
    """A mail that leads to ``link``: the opening paragraphs, the link, how long it is valid."""
    _send(to, lang, subject, [*opening, ("%(link)s", {"link": link}), (validity, {"hours": HOURS})])


# --------------------------------------------------------------------------- registration


def register(
    *, name: str, email: str, password: str, language: str, profile: dict[str, Any]
) -> EmailConfirmation | None:
    """Start a registration for a person without an account: account inactive, mail sent.

    The answer never tells whether an account exists: for an existing one, its owner gets a
    notice by email instead (None is returned) and the visitor sees the same "check your
    email" page. Checks that depend only on what was typed come first, for the same reason.
    """
    data = service.validate_profile(profile)
    email = accounts.normalise_email(email)
    accounts.check_password_strength(password, (email, name))
    user = accounts.find_user_by_email(email)
    if user is not None:
        # Someone who registered but never confirmed may try again; anybody else logs in.
        pending = _pending_confirmation(user)
        if user.active or pending is None:
            hash_password(password)  # the same work as a new account: timing tells nothing
            _notify_existing_account(user, data["name"])
            return None
        user.name = name.strip()
        user.password_hash = hash_password(password)
        user.language = language
        pending.expires_at = utcnow()  # the older link stops working
    else:
        user = accounts.create_user(
            email=email, name=name, password=password, role=Role.ORG_REP, language=language
        )
        user.active = False
    token, confirmation = _new_link(EmailConfirmation, user_id=user.id, payload=data)
    record(
        "organisation.registration_started",
        confirmation,
        after={"email": email, "name": data["name"]},
        actor_label=email,
    )
    _send_link(
        email,
        language,
        _l("Confirm your registration in Sakråd"),
        [
            (_l("Hello %(name)s,"), {"name": user.name}),
            (
                _l(
                    "You have registered %(org)s in Sakråd. Confirm your email address by "
                    "opening this link:"
                ),
                {"org": data["name"]},
            ),
        ],
        _link("organisations.confirm", token),
        _l(
            "The link is valid for %(hours)s hours. If you did not register, ignore "
            "this email; nothing will be registered."
        ),
    )
    return confirmation


def _notify_existing_account(user: User, org_name: str) -> None:
    record(
        "organisation.registration_existing_account",
        user,
        after={"name": org_name},
        actor_label=user.email,
    )
    _send(
        user.email,
        user.language or "sv",
        _l("Someone tried to register in Sakråd with your email address"),
        [
            (_l("Hello %(name)s,"), {"name": user.name}),
            (
                _l(
                    "Someone, perhaps you, tried to register %(org)s in Sakråd with this email "
                    "address. You already have an account. Log in and register the "
                    "organisation from your pages:"
                ),
                {"org": org_name},
            ),
            ("%(link)s", {"link": current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/login"}),
            (
                _l(
                    "If it was not you, you can ignore this email: nothing was registered and "
                    "your account is unchanged."
                ),
                None,
            ),
        ],
    )


def _pending_confirmation(user: User) -> EmailConfirmation | None:
    return db.session.scalar(
        sa.select(EmailConfirmation)
        .where(EmailConfirmation.user_id == user.id, EmailConfirmation.confirmed_at.is_(None))
        .order_by(EmailConfirmation.id.desc())
        .limit(1)
    )


def find_confirmation(token: str) -> EmailConfirmation:
    """The unexpired, unused confirmation for a link, or OrganisationError."""
    return _valid_link(EmailConfirmation, token, EmailConfirmation.confirmed_at)


def confirm(token: str) -> tuple[User, Organisation]:
    """Activate the account and create the organisation with the person as representative."""
    row = find_confirmation(token)
    user = row.user
    user.active = True
    org = service.create_organisation(row.payload, representative=user)
    row.confirmed_at = utcnow()
    row.organisation_id = org.id
    record("organisation.registration_confirmed", org, actor=user, after={"user_id": user.id})
    return user, org


def register_for(user: User, profile: dict[str, Any]) -> Organisation:
    """A logged-in representative registers a further organisation."""
    if not user.is_org_rep:
        raise OrganisationError("only_representatives")
    return service.create_organisation(profile, representative=user)


# --------------------------------------------------------------------------- invitations


def invite(org: Organisation, email: str, *, invited_by: User) -> RepresentativeInvite:
    email = accounts.normalise_email(email)
    existing = accounts.find_user_by_email(email)
    if existing is not None and service.represents(existing, org.id):
        raise OrganisationError("already_representative", "email")
    token, inv = _new_link(
        RepresentativeInvite, organisation_id=org.id, email=email, invited_by_id=invited_by.id
    )
    record("organisation.representative_invited", org, after={"email": email, "invite_id": inv.id})
    lang = existing.language if existing is not None else org.language
    _send_link(
        email,
        lang,
        _l("You are invited to represent an organisation in Sakråd"),
        [
            (_l("Hello,"), {}),
            (
                _l(
                    "%(person)s invites you to represent %(org)s in Sakråd. Accept by "
                    "opening this link:"
                ),
                {"person": invited_by.name, "org": org.name},
            ),
        ],
        _link("organisations.accept_invite", token),
        _l(
            "The link is valid for %(hours)s hours. If you do not want to take part, "
            "ignore this email."
        ),
    )
    return inv


def find_invite(token: str) -> RepresentativeInvite:
    return _valid_link(RepresentativeInvite, token, RepresentativeInvite.accepted_at)


def _target(inv: RepresentativeInvite) -> Organisation:
    # The organisation may have been merged since the invitation was sent.
    org = inv.organisation
    while org.merged_into is not None:
        org = org.merged_into
    return org


def accept_invite(token: str, user: User) -> Organisation:
    """A logged-in representative accepts; the link proves they read the invited address."""
    inv = find_invite(token)
    if not user.is_org_rep:
        raise OrganisationError("only_representatives")
    if accounts.normalise_email(user.email) != inv.email:
        raise OrganisationError("wrong_account")
    org = _target(inv)
    if not service.represents(user, org.id):
        service.add_representative(org, user, invited_by=inv.invited_by)
    inv.accepted_at = utcnow()
    inv.accepted_by_id = user.id
    return org


def accept_invite_new_account(
    token: str, *, name: str, password: str, language: str
) -> tuple[User, Organisation]:
    """Someone without an account accepts: the link confirms the address, so it is active."""
    inv = find_invite(token)
    if accounts.find_user_by_email(inv.email) is not None:
        raise OrganisationError("email_taken", "name")
    user = accounts.create_user(
        email=inv.email, name=name, password=password, role=Role.ORG_REP, language=language
    )
    return user, accept_invite(token, user)
