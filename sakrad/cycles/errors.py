"""Domain errors of planning (cycles and meetings). Views turn them into messages or statuses."""

from __future__ import annotations

from collections.abc import Callable
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


def form_error(form, exc: PlanningError) -> None:  # noqa: ANN001
    """Put a domain error next to its field, or at the top of the form."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None and not isinstance(exc, StaleEdit):
        field.errors = [*field.errors, exc.message]
    else:
        form.form_errors.append(exc.message)


def save_versioned(
    form, current_version: int, update: Callable[[int], None], stale_message
) -> bool:  # noqa: ANN001
    """The edit flow shared by cycles and meetings, with optimistic locking.

    Fills the hidden version on first display; on a valid submit calls ``update(expected
    version)`` and commits. Returns True when saved; otherwise the form carries the error
    (a domain error at its field, a conflict at the top) and keeps what the user typed.
    """
    from sqlalchemy.orm.exc import StaleDataError

    from sakrad.extensions import db

    if not form.is_submitted():
        form.version.data = str(current_version)
    if not form.validate_on_submit():
        return False
    try:
        update(int(form.version.data or 0))
        db.session.commit()
    except PlanningError as exc:
        db.session.rollback()
        form_error(form, exc)
    except StaleDataError:
        db.session.rollback()
        form.form_errors.append(stale_message)
    else:
        return True
    return False


def register_handlers(bp) -> None:  # noqa: ANN001
    """Answer 403/404 for the domain errors, wherever a planning view lets them through."""
    from sakrad.shell.errors import render_error

    @bp.app_errorhandler(PermissionDenied)
    def _permission_denied(exc: PermissionDenied):
        return render_error(403)

    @bp.app_errorhandler(NotFound)
    def _not_found(exc: NotFound):
        return render_error(404)
