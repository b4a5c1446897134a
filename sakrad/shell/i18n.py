"""Language choice: Swedish by default, English one click away, remembered in a cookie."""

from __future__ import annotations

from urllib.parse import urlsplit

from babel.support import NullTranslations
from flask import Flask, current_app, g, has_app_context, request
from flask_babel import get_translations

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


def translations() -> NullTranslations:
    """The catalogue of the current language, found once per request.

    Flask-Babel looks it up through nine context-local proxies for every string, and a page
    has a hundred. It is kept on ``g`` with the locale and domain it belongs to, so
    ``force_locale`` (mails in the recipient's language) still switches it; without
    Flask-Babel's state (outside a context, or an empty ``g``) nothing is kept.
    """
    if not has_app_context():
        return get_translations()
    state, kept = g.get("_flask_babel"), g.get("_sakrad_translations")
    if (
        kept is not None
        and state is not None
        and kept[0] is getattr(state, "babel_locale", None)
        and kept[1] is getattr(state, "babel_domain", None)
    ):
        return kept[2]
    found = get_translations()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    if locale is not None:
        g._sakrad_translations = (locale, getattr(state, "babel_domain", None), found)
    return found


def init_app(app: Flask) -> None:
    """The templates' ``_``/``ngettext`` through ``translations`` (Flask-Babel's own
    callables, with the catalogue found once per request)."""
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    # ``_`` is Jinja's alias that looks ``gettext`` up again on every call: bind it directly.
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"]
