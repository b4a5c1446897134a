"""Template helpers: local times, language-aware labels."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request
from flask_babel import format_date, format_datetime, get_locale

from sakrad.db import to_local


def current_lang() -> str:
    return str(get_locale() or "sv")


def localdt(value: datetime | None, fmt: str = "medium") -> str:
    """A UTC time shown in Europe/Stockholm (Flask-Babel's default time zone)."""
    return "" if value is None else format_datetime(value, fmt)


def localdate(value: date | datetime | None, fmt: str = "long") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return format_date(value, fmt)


def isodt(value: datetime | None) -> str:
    return "" if value is None else to_local(value).isoformat(timespec="minutes")


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(localdt=localdt, localdate=localdate, isodt=isodt)

    @app.context_processor
    def shell_context():
        return {"current_lang": current_lang(), "current_path": request.full_path.rstrip("?")}
