"""Logging in and out, changing one's password."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from sakrad.accounts import service
from sakrad.accounts.access import login_required
from sakrad.accounts.blueprint import bp
from sakrad.accounts.forms import ChangePasswordForm, LoginForm
from sakrad.audit.service import record
from sakrad.extensions import db, limiter
from sakrad.shell.forms import ActionForm
from sakrad.shell.i18n import safe_next
from sakrad.shell.usecase import REFUSED, submitted


def _account_key() -> str:
    # The throttle key for an account is derived from what was typed, whether or not such an
    # account exists, so being throttled reveals nothing about which emails are registered.
    return "login-account:" + service.normalise_email(request.form.get("email", ""))


def _failed(response) -> bool:
    return response.status_code != 303


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_IP"],
    methods=["POST"],
    deduct_when=_failed,
    scope="login-ip",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    methods=["POST"],
    key_func=_account_key,
    deduct_when=_failed,
    scope="login-account",
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = service.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            record("user.logged_in", user, actor=user)
            db.session.flush()
            return redirect(
                safe_next(request.args.get("next"), url_for("dashboard.index")), code=303
            )
        error = _("The email address or password is not correct, or the account is not active.")
    return render_template("accounts/login.html", form=form, error=error)


def throttled_login_page():
    """Shown instead of the login form while the throttle holds, with status 429."""
    form = LoginForm()
    message = _(
        "Too many failed login attempts. For your security, logging in is paused for a while. "
        "Wait 15 minutes and try again, or contact the administrator."
    )
    return render_template("accounts/login.html", form=form, error=message), 429


@bp.post("/logout")
@login_required
def logout():
    if ActionForm().validate_on_submit():
        record("user.logged_out", current_user._get_current_object())
        db.session.flush()
        logout_user()
        flash(_("You have been logged out."), "success")
    return redirect(url_for("portal.home"), code=303)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    done = submitted(
        form,
        lambda: service.change_password(
            current_user, form.current_password.data, form.new_password.data
        ),
        done=_("Your password has been changed."),
    )
    if done is not REFUSED:
        return redirect(url_for("dashboard.index"), code=303)
    return render_template("accounts/change_password.html", form=form)
