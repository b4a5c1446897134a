"""Factories for tests: small, explicit, one commit each."""

from __future__ import annotations

import itertools

from sakrad.accounts import service as accounts
from sakrad.accounts.models import BodyKind, ConveningBody, Role, User
from sakrad.extensions import db
from sakrad.organisations.models import Organisation, Representation

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_body(name: str | None = None, kind: BodyKind = BodyKind.MINISTRY) -> ConveningBody:
    body = accounts.create_body(name=name or f"Departement {next(_seq)}", kind=kind)
    db.session.commit()
    return body


def make_user(
    role: Role = Role.ORG_REP,
    *,
    email: str | None = None,
    body: ConveningBody | None = None,
    name: str | None = None,
    active: bool = True,
) -> User:
    n = next(_seq)
    if role == Role.CIVIL_SERVANT and body is None:
        body = make_body()
    user = accounts.create_user(
        email=email or f"user{n}@example.se",
        name=name or f"Person {n}",
        password=PASSWORD,
        role=role,
        convening_body_id=body.id if body else None,
    )
    user.active = active
    db.session.commit()
    return user


def make_organisation(name: str | None = None, *, reps: tuple[User, ...] = ()) -> Organisation:
    n = next(_seq)
    org = Organisation(
        name=name or f"Förening {n}",
        slug=f"forening-{n}",
        contact_email=f"info{n}@forening.example.se",
    )
    db.session.add(org)
    db.session.flush()
    for user in reps:
        db.session.add(Representation(user_id=user.id, organisation_id=org.id))
    db.session.commit()
    return org
