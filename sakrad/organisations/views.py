"""Pages for representatives: registering, confirming, the profile and fellow representatives.

Public organisation pages are in ``sakrad.portal.organisations_views``; the registry work of
civil servants in ``admin_views``. Representatives' pages live under ``/my/organisations``.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from sakrad.accounts.access import role_required
from sakrad.accounts.models import Role, User
from sakrad.accounts.service import AccountError
from sakrad.errors import form_error
from sakrad.extensions import db, limiter
from sakrad.organisations import registration, service
from sakrad.organisations.blueprint import bp
from sakrad.organisations.forms import AcceptInviteForm, InviteForm, ProfileForm, RegistrationForm
from sakrad.organisations.messages import message
from sakrad.organisations.models import Organisation
from sakrad.organisations.pages import profile_form, save_profile
from sakrad.organisations.service import OrganisationError, ProfileInvalid
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, submitted, undo_refused
from sakrad.shell.ways_in import pop_next, remember_next

rep_required = role_required(Role.ORG_REP)


def _own_organisation(org_id: int) -> Organisation:
    org = db.session.get(Organisation, org_id)
    if org is None or org.is_tombstone or not org.active:
        abort(404)
    if not service.represents(current_user, org.id):
        abort(403)
    return org


# --------------------------------------------------------------------------- registration


def _register_limit() -> str:
    return current_app.config["REGISTER_LIMIT_PER_IP"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"], scope="register-ip")
def register():
    if current_user.is_authenticated and not current_user.is_org_rep:
        abort(403)
    logged_in = current_user.is_authenticated
    form = profile_form(ProfileForm if logged_in else RegistrationForm)
    if form.validate_on_submit():
        try:
            if logged_in:
                org = registration.register_for(current_user, form.profile_data())
            else:
                registration.register(
                    name=form.person_name.data,
                    email=form.email.data,
                    password=form.password.data,
                    language=form.language.data,
                    profile=form.profile_data(),
                )
            db.session.flush()  # a conflict shows here; the request commits
        except ProfileInvalid as exc:
            undo_refused()
            form.add_errors(exc.problems)
        except (OrganisationError, AccountError) as exc:
            form_error(form, exc)
        else:
            if logged_in:
                flash(
                    _("%(name)s has been registered. You are its representative.", name=org.name),
                    "success",
                )
                return redirect(url_for("organisations.edit", org_id=org.id), code=303)
            remember_next(request.args.get("next"))
            return redirect(url_for("organisations.registration_sent"), code=303)
    return render_template("organisations/register.html", form=form, logged_in=logged_in)


@bp.get("/register/sent")
def registration_sent():
    return render_template("organisations/register_sent.html")


@bp.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    form = ActionForm()
    try:
        pending = registration.find_confirmation(token)
    except OrganisationError as exc:
        return render_template("organisations/link_problem.html", problem=message(exc.code)), 410
    if form.validate_on_submit():
        try:
            user, org = registration.confirm(token)
            db.session.flush()  # a conflict shows here; the request commits
        except ProfileInvalid as exc:
            # Someone registered the same organisation number meanwhile.
            undo_refused()
            problems = [message(c, p) for items in exc.problems.values() for c, p in items]
            return render_template(
                "organisations/link_problem.html", problem=" ".join(problems)
            ), 409
        login_user(user)
        flash(
            _("Your email address is confirmed and %(name)s is registered.", name=org.name),
            "success",
        )
        return redirect(pop_next() or url_for("organisations.edit", org_id=org.id), code=303)
    return render_template("organisations/confirm.html", form=form, pending=pending)


@bp.route("/register/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    try:
        invite = registration.find_invite(token)
    except OrganisationError as exc:
        return render_template("organisations/link_problem.html", problem=message(exc.code)), 410
    has_account = (
        db.session.scalar(sa.select(User.id).where(User.email == invite.email)) is not None
    )
    if current_user.is_authenticated:
        form = ActionForm()
    elif has_account:
        form = None  # log in first, then come back to the same link
    else:
        form = AcceptInviteForm()
    if form is not None and form.validate_on_submit():
        try:
            if current_user.is_authenticated:
                org = registration.accept_invite(token, current_user)
            else:
                user, org = registration.accept_invite_new_account(
                    token,
                    name=form.name.data,
                    password=form.password.data,
                    language=form.language.data,
                )
            db.session.flush()  # a conflict shows here; the request commits
        except OrganisationError as exc:
            undo_refused()
            form.form_errors.append(exc.message)
        except AccountError as exc:
            form_error(form, exc)
        else:
            if not current_user.is_authenticated:
                login_user(user)
            flash(_("You now represent %(name)s.", name=org.name), "success")
            return redirect(url_for("organisations.mine"), code=303)
    return render_template(
        "organisations/accept_invite.html", invite=invite, form=form, has_account=has_account
    )


# --------------------------------------------------------------------------- my organisations


@bp.get("/my/organisations/")
@rep_required
def mine():
    return render_template(
        "organisations/mine.html", organisations=service.organisations_of(current_user)
    )


@bp.route("/my/organisations/<int:org_id>/profile", methods=["GET", "POST"])
@rep_required
def edit(org_id: int):
    org = _own_organisation(org_id)
    form = profile_form(obj=org)
    if not form.is_submitted():
        form.focus_areas.data = [f.code for f in org.focus_areas]
        form.target_groups.data = [t.code for t in org.target_groups]
        form.version.data = str(org.version_id)
        form.county.data = org.county
        form.municipality.data = org.municipality or ""
    if form.validate_on_submit() and save_profile(form, org):
        flash(_("The profile has been saved."), "success")
        return redirect(url_for("organisations.edit", org_id=org.id), code=303)
    return render_template("organisations/edit.html", form=form, organisation=org)


@bp.route("/my/organisations/<int:org_id>/representatives", methods=["GET", "POST"])
@rep_required
def representatives(org_id: int):
    org = _own_organisation(org_id)
    form = InviteForm()
    if REFUSED is not submitted(
        form,
        lambda: registration.invite(org, form.email.data, invited_by=current_user),
        done=_("An invitation has been sent to %(email)s.", email=form.email.data),
    ):
        return redirect(url_for("organisations.representatives", org_id=org.id), code=303)
    return render_template(
        "organisations/representatives.html",
        organisation=org,
        representatives=service.representatives(org),
        form=form,
    )


@bp.post("/my/organisations/<int:org_id>/representatives/<int:user_id>/remove")
@rep_required
def remove_representative(org_id: int, user_id: int):
    org = _own_organisation(org_id)
    user = db.session.get(User, user_id) or abort(404)
    if (
        ActionForm().validate_on_submit()
        and attempt(lambda: service.remove_representative(org, user)) is not REFUSED
    ):
        if user.id == current_user.id:
            flash(_("You no longer represent %(name)s.", name=org.name), "success")
            return redirect(url_for("organisations.mine"), code=303)
        flash(_("%(person)s no longer represents the organisation.", person=user.name), "success")
    return redirect(url_for("organisations.representatives", org_id=org.id), code=303)


@bp.app_template_global()
def org_label(kind: str, code: str | None) -> str:
    """The label of a form, size, county or municipality code in the current language."""
    from sakrad.organisations import reference
    from sakrad.shell.filters import current_lang

    if not code:
        return ""
    lang = current_lang()
    try:
        if kind == "county":
            return reference.county_name(code, lang)
        if kind == "municipality":
            return reference.municipality_name(code)
        return reference.label(
            {"form": reference.ORG_FORMS, "size": reference.ORG_SIZES}[kind], code, lang
        )
    except KeyError:
        return code
