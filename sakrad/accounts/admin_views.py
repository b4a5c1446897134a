"""Administration of users and convening bodies."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from sakrad.accounts import service
from sakrad.accounts.access import admin_required
from sakrad.accounts.blueprint import admin_bp as bp
from sakrad.accounts.forms import BodyForm, UserForm
from sakrad.accounts.models import ConveningBody, User
from sakrad.extensions import db
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt


@bp.get("/")
@admin_required
def index():
    return redirect(url_for("admin.users"))


@bp.get("/users")
@admin_required
def users():
    return render_template(
        "admin/users.html",
        users=service.list_users(),
        action_form=ActionForm(),
    )


@bp.route("/users/new", methods=["GET", "POST"])
@admin_required
def new_user():
    form = UserForm()
    form.convening_body_id.choices = [(0, _l("— none —"))] + [
        (b.id, b.name) for b in service.list_bodies(active_only=True)
    ]
    if form.validate_on_submit():
        user = attempt(
            lambda: service.create_user(
                email=form.email.data,
                name=form.name.data,
                password=form.password.data,
                role=form.role.data,
                convening_body_id=form.convening_body_id.data or None,
                language=form.language.data,
            ),
            form=form,
        )
        if user is not REFUSED:
            flash(_("The account for %(email)s was created.", email=user.email), "success")
            return redirect(url_for("admin.users"), code=303)
    return render_template("admin/user_form.html", form=form)


@bp.post("/users/<int:user_id>/active/<int:active>")
@admin_required
def set_user_active(user_id: int, active: int):
    user = db.session.get(User, user_id) or abort(404)
    if ActionForm().validate_on_submit():
        service.set_active(user, bool(active))
        db.session.flush()
        flash(_("Account activated.") if active else _("Account deactivated."), "success")
    return redirect(url_for("admin.users"), code=303)


@bp.get("/bodies")
@admin_required
def bodies():
    return render_template(
        "admin/bodies.html",
        bodies=service.list_bodies(),
        action_form=ActionForm(),
    )


@bp.route("/bodies/new", methods=["GET", "POST"])
@admin_required
def new_body():
    form = BodyForm()
    if form.validate_on_submit():
        body = attempt(
            lambda: service.create_body(
                name=form.name.data, name_en=form.name_en.data, kind=form.kind.data
            ),
            form=form,
        )
        if body is not REFUSED:
            flash(_("%(name)s was created.", name=body.name), "success")
            return redirect(url_for("admin.bodies"), code=303)
    return render_template("admin/body_form.html", form=form)


@bp.post("/bodies/<int:body_id>/active/<int:active>")
@admin_required
def set_body_active(body_id: int, active: int):
    body = db.session.get(ConveningBody, body_id) or abort(404)
    if ActionForm().validate_on_submit():
        service.set_body_active(body, bool(active))
        db.session.flush()
        flash(
            _("Convening body activated.") if active else _("Convening body deactivated."),
            "success",
        )
    return redirect(url_for("admin.bodies"), code=303)
