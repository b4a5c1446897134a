"""Template helpers for the ways in: whether an organisation can act on a public page now."""

from __future__ import annotations

from flask import Flask


def interest_is_open(meeting) -> bool:
    from sakrad.selection import pool

    return pool.interest_open(meeting)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(interest_is_open=interest_is_open)


NEXT_KEY = "after_registration"


def remember_next(target: str | None) -> None:
    """Keep where a newcomer was going, for after the emailed confirmation (same browser)."""
    from flask import session

    from sakrad.shell.i18n import safe_next

    safe = safe_next(target, "")
    if safe:
        session[NEXT_KEY] = safe
    else:
        session.pop(NEXT_KEY, None)


def pop_next() -> str | None:
    from flask import session

    from sakrad.shell.i18n import safe_next

    return safe_next(session.pop(NEXT_KEY, None), "") or None
