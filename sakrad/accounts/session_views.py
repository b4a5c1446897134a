"""A user's own login sessions, and an administrator ending all of someone's sessions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from sakrad.accounts import sessions
from sakrad.accounts.access import admin_required, login_required
from sakrad.accounts.blueprint import sessions_bp as bp
from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.shell.forms import ActionForm


@bp.get("/account/sessions")
@login_required
def index():
    user = current_user._get_current_object()
    current = sessions.current_session()
    return render_template(
        "accounts/sessions.html",
        sessions=sessions.live_sessions(user),
        current_id=current.id if current is not None else None,
        action_form=ActionForm(),
    )


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end(session_id: int):
    user = current_user._get_current_object()
    record_ = sessions.session_of(user, session_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    current = sessions.current_session()
    if current is not None and current.id == record_.id:
        record("user.logged_out", user)
        logout_user()
        flash(_("You have been logged out."), "success")
        return redirect(url_for("portal.home"), code=303)
    sessions.revoke(record_)
    record("user.session_ended", user)
    flash(_("The session was ended."), "success")
    return redirect(url_for("sessions.index"), code=303)


@bp.post("/account/sessions/end-others")
@login_required
def end_others():
    if not ActionForm().validate_on_submit():
        abort(400)
    user = current_user._get_current_object()
    count = sessions.end_all(user, except_current=True)
    record("user.sessions_ended", user, after={"count": count})
    flash(_("All your other sessions were ended."), "success")
    return redirect(url_for("sessions.index"), code=303)


@bp.post("/admin/users/<int:user_id>/sessions/end")
@admin_required
def admin_end_all(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    count = sessions.end_all(user, except_current=user.id == current_user.id)
    record("user.sessions_ended", user, after={"count": count})
    flash(_("All sessions of %(name)s were ended.", name=user.name), "success")
    return redirect(url_for("admin.users"), code=303)
