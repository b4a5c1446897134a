"""Domain errors of planning (cycles and meetings). Views turn them into messages or statuses."""

from __future__ import annotations

from typing import Any


class PlanningError(ValueError):
    """A refused change. ``code`` is stable for tests, ``message`` is shown to the user and
    ``field`` names the form field it belongs to (None: the whole form)."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field


class PermissionDenied(PlanningError):
    """The user may not manage this cycle or meeting (views answer 403)."""

    def __init__(self) -> None:
        super().__init__("permission_denied", "permission denied")


class NotFound(PlanningError):
    """No such cycle, meeting, session or item (views answer 404)."""

    def __init__(self, what: str = "object") -> None:
        super().__init__("not_found", f"{what} not found")


class StaleEdit(PlanningError):
    """Someone else saved the object after this form was loaded (optimistic locking)."""

    def __init__(self, message: Any) -> None:
        super().__init__("stale", message)


def register_handlers(bp) -> None:  # noqa: ANN001
    """Answer 403/404 for the domain errors, wherever a planning view lets them through."""
    from sakrad.shell.errors import render_error

    @bp.app_errorhandler(PermissionDenied)
    def _permission_denied(exc: PermissionDenied):
        return render_error(403)

    @bp.app_errorhandler(NotFound)
    def _not_found(exc: NotFound):
        return render_error(404)
