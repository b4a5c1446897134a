"""The registry's refusals, in the lowest module of the package (every other one may raise them).

``code`` is a key of ``messages.MESSAGES``; the shown message is looked up when it is read, so
it follows the visitor's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString

from sakrad.errors import Invalid
from sakrad.organisations import messages


class OrganisationError(Invalid):
    """A refused change; ``field`` names the form field, ``code`` a key of messages.MESSAGES."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        super().__init__(LazyString(messages.message, code, params), field=field, code=code)
        self.params = params


class ProfileInvalid(Invalid):
    """Several field errors at once: ``problems`` maps field -> [(code, params)] (the profile
    form turns them into messages with ``ProfileForm.add_errors``); ``errors`` holds the same
    as messages, as every ``Invalid`` does."""

    def __init__(self, problems: dict[str, list[tuple[str, dict]]]) -> None:
        errors = {
            name: [LazyString(messages.message, code, params) for code, params in items]
            for name, items in problems.items()
        }
        super().__init__("profile invalid", code="profile_invalid", errors=errors)
        self.problems = problems
