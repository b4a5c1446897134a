"""Refusals of planning (cycles and meetings): thin subclasses of ``sakrad.errors`` that keep
the planning code's ``(code, message, field)`` signature; the app-wide handlers answer them."""

from __future__ import annotations

from typing import Any, TypeVar

from sakrad import errors

__all__ = ["NotFound", "PermissionDenied", "PlanningError", "StaleEdit", "found"]

T = TypeVar("T")


class PlanningError(errors.Invalid):
    """A refused change. ``code`` is stable for tests, ``message`` is shown to the user and
    ``field`` names the form field it belongs to (None: the whole form)."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


class PermissionDenied(errors.Forbidden):
    """The user may not manage this cycle or meeting (403, the friendly page)."""


class NotFound(errors.NotFound):
    """No such cycle, meeting, session or item (404, the friendly page); ``what`` says which."""

    def __init__(self, what: str = "object") -> None:
        super().__init__()
        self.what = what


def found(obj: T | None, what: str) -> T:
    """``obj`` itself, or NotFound(``what``) when there is none (a lookup that came back
    empty)."""
    if obj is None:
        raise NotFound(what)
    return obj


class StaleEdit(errors.Conflict, PlanningError):
    """Someone else saved the object after this form was loaded (optimistic locking); still a
    planning refusal, shown at the top of the form."""

    def __init__(self, message: Any) -> None:
        PlanningError.__init__(self, "stale", message)
