"""The language switch (the shell's one route)."""

from __future__ import annotations

from flask import current_app, redirect, request

from sakrad.shell.blueprint import bp
from sakrad.shell.i18n import LANG_COOKIE, safe_next


@bp.get("/language/<lang>")
def switch_language(lang: str):
    target = safe_next(request.args.get("next"))
    response = redirect(target, code=303)
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response
