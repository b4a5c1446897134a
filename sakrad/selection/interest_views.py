"""Representatives register (and withdraw) their organisations' interest in a meeting."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import role_required
from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.organisations.service import organisations_of
from sakrad.selection import pool as pool_service
from sakrad.selection.blueprint import bp
from sakrad.selection.forms import InterestForm
from sakrad.shell.forms import ActionForm
from sakrad.transaction import rollback_only

rep_required = role_required(Role.ORG_REP)


@bp.app_template_global()
def meeting_interest_for_user(meeting: Meeting) -> dict[str, Any] | None:
    """For the public meeting page: the logged-in representative's organisations and
    whether each has registered interest. None for everyone else."""
    if not (current_user.is_authenticated and current_user.is_org_rep):
        return None
    organisations = organisations_of(current_user)
    interests = pool_service.interests_for(meeting, [o.id for o in organisations])
    unregistered = [o for o in organisations if o.id not in interests]
    form = InterestForm(formdata=None)
    form.organisation_id.choices = [(o.id, o.name) for o in unregistered]
    return {
        "open": pool_service.interest_open(meeting),
        "organisations": organisations,
        "interests": interests,
        "unregistered": unregistered,
        "form": form,
    }


def _public_meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not meeting.is_public:
        abort(404)
    return meeting


def _form(meeting: Meeting) -> tuple[InterestForm, dict]:
    mine = meeting_interest_for_user(meeting) or {"unregistered": []}
    form = InterestForm()
    form.organisation_id.choices = [(o.id, o.name) for o in mine["unregistered"]]
    if len(mine["unregistered"]) == 1 and not form.organisation_id.data:
        form.organisation_id.data = mine["unregistered"][0].id
    return form, mine


@bp.route("/meetings/<int:meeting_id>/interest", methods=["GET", "POST"])
@rep_required
def interest(meeting_id: int):
    meeting = _public_meeting(meeting_id)
    form, mine = _form(meeting)
    if form.is_submitted() and not mine["open"]:
        form.form_errors.append(_("Registration of interest for this meeting is closed."))
    elif form.validate_on_submit():
        try:
            pool_service.register_interest(
                current_user, meeting, form.organisation_id.data, form.motivation.data
            )
        except pool_service.SelectionError as exc:
            rollback_only()
            form.form_errors.append(exc.message)
        else:
            flash(_("Your organisation's interest is registered."), "success")
            return redirect(url_for(".interest", meeting_id=meeting.id), code=303)
    status = 400 if form.is_submitted() else 200
    return render_template("selection/interest.html", meeting=meeting, form=form, mine=mine), status


@bp.post("/meetings/<int:meeting_id>/interest/<int:organisation_id>/withdraw")
@rep_required
def withdraw(meeting_id: int, organisation_id: int):
    meeting = _public_meeting(meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        pool_service.withdraw_interest(current_user, meeting, organisation_id)
    except pool_service.SelectionError as exc:
        rollback_only()
        if exc.code == "not_representative":
            abort(403)
        flash(str(exc.message), "error")
    else:
        flash(_("The interest was withdrawn."), "success")
    return redirect(url_for(".interest", meeting_id=meeting.id), code=303)
