"""Who a request is about: an email address, and the accounts and delegate rows it names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from sakrad.extensions import db

ERASED = "raderad person"


@dataclass
class Person:
    email: str
    user_ids: list[int] = field(default_factory=list)
    delegate_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def needles(self) -> list[str]:
        """The strings that identify this person in free text, longest first. Only full
        names (two words or more) count: a lone first name would erase other people too."""
        names = {n for n in self.names if len(n.split()) >= 2}
        return sorted({self.email, *names} - {"", ERASED}, key=len, reverse=True)

    def scrub(self, value: Any, *, keep_names: bool = False) -> Any:
        """``value`` with every occurrence of the email (and the names) replaced."""
        needles = [self.email] if keep_names else self.needles
        if isinstance(value, str):
            for needle in needles:
                value = re.sub(re.escape(needle), ERASED, value, flags=re.IGNORECASE)
            return value
        if isinstance(value, list):
            return [self.scrub(v, keep_names=keep_names) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v, keep_names=keep_names) for k, v in value.items()}
        return value


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def find_person(email: str) -> Person:
    from sakrad.accounts.models import User
    from sakrad.invitations.models import Delegate

    email = normalise(email)
    person = Person(email=email)
    for user in db.session.scalars(sa.select(User).where(sa.func.lower(User.email) == email)):
        person.user_ids.append(user.id)
        person.names.append(user.name)
    for delegate in db.session.scalars(
        sa.select(Delegate).where(sa.func.lower(Delegate.email) == email)
    ):
        person.delegate_ids.append(delegate.id)
        person.names.append(delegate.name)
    person.names = sorted({n.strip() for n in person.names if n and n.strip() != ERASED})
    return person
