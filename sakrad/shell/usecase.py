"""Running one use case from a view.

The request's one transaction (``TransactionalFlask``) commits after the view returned. A view
runs its use case through ``attempt``, which flushes at once so that a refused change or a
concurrent edit (optimistic locking) is reported on the page the user is looking at, instead of
failing the commit after the view. A refusal is undone (rolled back) and shown: next to its
form field, or as a flashed message for a button without a form.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Final, Literal, TypeVar

from flask import flash
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from sakrad.errors import Conflict, Invalid, form_error
from sakrad.extensions import db

T = TypeVar("T")


class _Refused(enum.Enum):
    REFUSED = "refused"


#: What ``attempt`` returns when the use case was refused (its error is on the page).
REFUSED: Final = _Refused.REFUSED
#: Its type, for functions that pass on what ``attempt`` returned.
Refused = Literal[_Refused.REFUSED]

STALE_MESSAGE = _l("Someone else changed this at the same time. Please try again.")


def attempt(
    use_case: Callable[[], T], *, form: Any = None, stale: Any = None, done: Any = None
) -> T | Refused:
    """Run ``use_case`` and flush. On a rule broken (``Invalid``) or a conflict, roll back, put
    the message on ``form`` (or flash it when there is no form) and return ``REFUSED``.

    Not found and forbidden pass through to the app-wide handlers (404 and 403 pages).
    ``stale`` is the message for an edit that lost against a concurrent save; ``done`` the
    message flashed when the use case succeeded.
    """
    try:
        result = use_case()
        db.session.flush()
    except StaleDataError:
        refusal: Invalid | Conflict = Conflict(stale or STALE_MESSAGE)
    except (Invalid, Conflict) as exc:
        refusal = exc
    else:
        if done is not None:
            flash(done, "success")
        return result
    if form is not None:
        form_error(form, refusal)
    else:
        db.session.rollback()
        flash(str(refusal.message), "error")
    return REFUSED


def submitted(
    form: Any, use_case: Callable[[], T], *, done: Any = None, stale: Any = None
) -> T | Refused:
    """The form flow of most pages: on a valid submit of ``form``, ``attempt`` the use case
    with a refusal shown on the form, and ``done`` flashed when it succeeded.

    ``REFUSED`` when nothing was done (the form was not submitted, not valid, or the use case
    was refused): the page shows the form again, with its errors.
    """
    if not form.validate_on_submit():
        return REFUSED
    return attempt(use_case, form=form, stale=stale, done=done)


def save_versioned(
    form: Any, current_version: int, update: Callable[[int], object], stale_message: Any
) -> bool:
    """The edit flow with optimistic locking (cycles, meetings).

    Fills the hidden version on first display; on a valid submit runs ``update(expected
    version)`` through ``attempt``. True when saved (the request commits it); otherwise the form
    carries the error (a refusal at its field, a conflict at the top) and keeps what was typed.
    """
    if not form.is_submitted():
        form.version.data = str(current_version)
    if not form.validate_on_submit():
        return False
    expected = int(form.version.data or 0)
    return attempt(lambda: update(expected), form=form, stale=stale_message) is not REFUSED


def undo_refused() -> None:
    """Undo a refused use case now (as ``errors.form_error`` does), before the view shows the
    page again: what the template reads is then what is saved, and a failed flush leaves the
    session usable. The request's transaction then commits nothing of it."""
    db.session.rollback()
