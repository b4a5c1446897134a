"""Language choice: Swedish by default, English one click away, remembered in a cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request

LANG_COOKIE = "sakrad_lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    choice = request.args.get("lang") or request.cookies.get(LANG_COOKIE)
    return (
        choice
        if choice and choice in languages
        else str(current_app.config["BABEL_DEFAULT_LOCALE"])
    )


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only a path on this site: never send a visitor to another host after a click."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target
