"""Use cases of the organisation registry."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.extensions import db
from sakrad.organisations.models import Organisation, Representation


def organisations_of(user: User) -> list[Organisation]:
    """The organisations a person represents, by name."""
    return list(
        db.session.scalars(
            sa.select(Organisation)
            .join(Representation)
            .where(Representation.user_id == user.id)
            .order_by(Organisation.name)
        )
    )


def represents(user: User, organisation_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Representation.id).where(
                Representation.user_id == user.id,
                Representation.organisation_id == organisation_id,
            )
        )
        is not None
    )
