"""The pages every visitor reaches from the footer, and the user's own register extract."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import get_locale
from flask_login import current_user

from sakrad.accounts.access import login_required
from sakrad.audit.service import record
from sakrad.minutes.render import render
from sakrad.privacy import retention
from sakrad.privacy.blueprint import bp
from sakrad.privacy.extract import build_extract, json_download
from sakrad.privacy.service import statement_text


def _controller() -> dict[str, str]:
    c = current_app.config
    return {
        "name": c["PRIVACY_CONTROLLER_NAME"],
        "email": c["PRIVACY_CONTROLLER_EMAIL"],
        "address": c["PRIVACY_CONTROLLER_ADDRESS"],
        "phone": c["PRIVACY_CONTROLLER_PHONE"],
        "dpo_email": c["PRIVACY_DPO_EMAIL"],
        "contact_email": c["CONTACT_EMAIL"],
        "contact_phone": c["CONTACT_PHONE"],
    }


def _cookies() -> list[dict[str, str]]:
    # No "remember me" is offered at login, so Flask-Login's remember cookie is never set.
    from sakrad.shell.i18n import LANG_COOKIE

    c = current_app.config
    return [
        {"name": c.get("SESSION_COOKIE_NAME", "session"), "kind": "session"},
        {"name": LANG_COOKIE, "kind": "language"},
    ]


@bp.get("/privacy")
@bp.get("/integritet", endpoint="notice_sv")
def notice():
    return render_template(
        "privacy/notice.html",
        controller=_controller(),
        categories=retention.categories(),
        cookies=_cookies(),
    )


@bp.get("/accessibility")
@bp.get("/tillganglighet", endpoint="accessibility_sv")
def accessibility():
    lang = str(get_locale() or "sv")
    return render_template(
        "privacy/accessibility.html", statement=render(statement_text(lang), heading_offset=0)
    )


@bp.get("/contact")
@bp.get("/kontakt", endpoint="contact_sv")
def contact():
    return render_template("privacy/contact.html", controller=_controller())


@bp.get("/privacy/my-data")
@login_required
def my_data():
    return render_template("privacy/my_data.html")


@bp.get("/privacy/my-data.json")
@login_required
def my_data_json():
    data = build_extract(current_user.email)
    record("privacy.extract_downloaded", current_user._get_current_object(), after={"by": "self"})
    return json_download(data, "registerutdrag.json")
