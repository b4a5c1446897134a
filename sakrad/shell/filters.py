"""Template helpers: local times, language-aware labels and numbers.

Dates and figures follow the language of the page, not Babel's bare language defaults:
English is British English with the 24-hour clock (it is a Swedish service, and "1:00 PM"
next to "16:00" reads as two clocks), Swedish is Swedish with the decimal comma.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import Flask, current_app, request, url_for
from flask_babel import get_locale

from sakrad.db import to_local
from sakrad.shell.forms import summary_items

# The regional formats each interface language uses.
FORMAT_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
# Named formats without seconds: nobody plans a meeting to the second.
_DATETIME_PATTERNS = {
    "medium": ("medium", "short"),
    "long": ("long", "short"),
    "full": ("full", "short"),
}


def current_lang() -> str:
    return str(get_locale() or "sv")


def format_locale(lang: str | None = None) -> str:
    lang = lang or current_lang()
    return FORMAT_LOCALES.get(lang.split("_")[0], "sv_SE")


@functools.cache
def _babel_locale(code: str) -> Locale:
    """Parsed once: Babel parses a locale given by name again on every call."""
    return Locale.parse(code)


def localdt(value: datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    """A UTC time shown in Europe/Stockholm in the page language's own format."""
    if value is None:
        return ""
    code = format_locale(lang)
    locale = _babel_locale(code)
    local = to_local(value)
    if fmt in _DATETIME_PATTERNS:
        date_fmt, time_fmt = _DATETIME_PATTERNS[fmt]
        day = babel_dates.format_date(local.date(), date_fmt, locale=locale)
        clock = babel_dates.format_time(local, "HH:mm", tzinfo=local.tzinfo, locale=locale)
        return f"{day} {clock}" if code.startswith("sv") else f"{day}, {clock}"
    if fmt == "short":
        return babel_dates.format_datetime(local, "short", tzinfo=local.tzinfo, locale=locale)
    return babel_dates.format_datetime(local, fmt, tzinfo=local.tzinfo, locale=locale)


def localdate(value: date | datetime | None, fmt: str = "long", lang: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value).date()
    return babel_dates.format_date(value, fmt, locale=_babel_locale(format_locale(lang)))


def localtime(value: datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    local = to_local(value)
    locale = _babel_locale(format_locale(lang))
    return babel_dates.format_time(local, "HH:mm", tzinfo=local.tzinfo, locale=locale)


def decimal(value: float | int | None, digits: int = 1, lang: str | None = None) -> str:
    """A figure with the language's decimal mark: 12,5 in Swedish, 12.5 in English."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    locale = _babel_locale(format_locale(lang))
    return babel_numbers.format_decimal(value, format=pattern, locale=locale)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)(.+?)(?<=\S)\1")
_MD_LINE = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.MULTILINE)


def plain_text(value: str | None) -> str:
    """Markdown read as text, for snippets: no #, **, [](), bullets or table pipes."""
    if not value:
        return ""
    text = _MD_LINK.sub(r"\1", value)
    text = _MD_LINE.sub("", text)
    text = _MD_MARKS.sub(r"\2", text)
    text = text.replace("|", " ")
    return " ".join(text.split())


def isodt(value: datetime | None) -> str:
    return "" if value is None else to_local(value).isoformat(timespec="minutes")


_PLACEHOLDER = "sakrad0placeholder"


def url_maker(endpoint: str, argument: str) -> Callable[[Any], str]:
    """``url_for(endpoint, **{argument: value})`` for the many rows of a table: Werkzeug builds
    the URL once around a placeholder and each value takes its place, quoted by the URL map's
    default converter. A value that needs quoting is built both ways once: if they differ
    (the rule uses another converter) every value goes through ``url_for``."""

    def build(value: Any) -> str:
        values: dict[str, Any] = {argument: value}
        return url_for(endpoint, **values)

    prefix, _, suffix = build(_PLACEHOLDER).partition(_PLACEHOLDER)
    to_url = current_app.url_map.converters["default"](current_app.url_map).to_url
    probe = "ä ö/?"
    if build(probe) != prefix + to_url(probe) + suffix:
        return build
    return lambda value: prefix + to_url(value) + suffix


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        localdt=localdt,
        localdate=localdate,
        localtime=localtime,
        decimal=decimal,
        isodt=isodt,
        plain_text=plain_text,
    )
    app.jinja_env.globals.update(url_maker=url_maker)

    app.jinja_env.globals.update(error_summary_items=summary_items)

    @app.context_processor
    def shell_context():
        return {"current_lang": current_lang(), "current_path": request.full_path.rstrip("?")}
