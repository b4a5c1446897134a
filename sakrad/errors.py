"""The one error hierarchy of the application.

Services raise these; views either put them next to a form field (``form_error``) or let them
through, and the handlers registered once in ``create_app`` answer with the friendly page (HTML)
or a JSON error body (API) carrying the same status.
"""

from __future__ import annotations

from typing import Any

from sakrad.shell.forms import field_named


class SakradError(Exception):
    """A refused request. ``message`` is shown to the user (a lazy string is fine), ``field``
    names the form field it belongs to (None: the whole form), ``code`` is stable for tests."""

    status = 400
    default_code = "error"

    def __init__(
        self, message: Any = None, *, field: str | None = None, code: str | None = None
    ) -> None:
        super().__init__(code or self.default_code)
        self.message = message if message is not None else self.default_code
        self.field = field
        self.code = code or self.default_code


class NotFound(SakradError):
    """No such object, or not one this user may know about (404)."""

    status = 404
    default_code = "not_found"


class Forbidden(SakradError):
    """The user may not do this (403)."""

    status = 403
    default_code = "permission_denied"


class Conflict(SakradError):
    """Someone else changed the object since the form was loaded (409; forms show both)."""

    status = 409
    default_code = "stale"


class Invalid(SakradError):
    """Input that breaks a rule. ``errors`` maps field names to messages (one or more)."""

    status = 400
    default_code = "invalid"

    def __init__(
        self,
        message: Any = None,
        *,
        field: str | None = None,
        code: str | None = None,
        errors: dict[str, list[Any]] | None = None,
    ) -> None:
        super().__init__(message, field=field, code=code)
        self.errors: dict[str, list[Any]] = dict(errors or {})
        if field and message is not None and field not in self.errors:
            self.errors[field] = [message]


def form_error(form: Any, exc: SakradError) -> None:
    """Undo the failed use case and show its error next to the field, or at the top.

    The request's transaction is rolled back here so that nothing is saved half-way; the form
    keeps what the user typed.
    """
    from sakrad.extensions import db

    db.session.rollback()
    placed = False
    field_errors = exc.errors if isinstance(exc, Invalid) else {}
    if not field_errors and exc.field:
        field_errors = {exc.field: [exc.message]}
    if not isinstance(exc, Conflict):
        for name, messages in field_errors.items():
            field = field_named(form, name)
            if field is not None:
                field.errors = [*field.errors, *messages]
                placed = True
    if not placed:
        form.form_errors.append(exc.message)
