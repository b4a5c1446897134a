"""Refusals of account changes: ``code`` keys ``ERRORS``, the message shown next to ``field``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sakrad.accounts.passwords import MIN_PASSWORD_LENGTH
from sakrad.accounts.strength import MESSAGES as STRENGTH_MESSAGES
from sakrad.errors import Invalid

ERRORS = {
    "email_taken": _l("An account with this email address already exists."),
    "password_too_short": _l(
        "The password must be at least %(n)s characters long.", n=MIN_PASSWORD_LENGTH
    ),
    "body_required": _l("A civil servant must belong to a convening body."),
    "wrong_password": _l("The current password is not correct."),
    "body_exists": _l("A convening body with this name already exists."),
    **STRENGTH_MESSAGES,
}


class AccountError(Invalid):
    """A refused change; ``field`` names the form field the message belongs to."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(ERRORS.get(code, code), field=field, code=code)
