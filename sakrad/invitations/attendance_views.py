"""Recording attendance after the meeting: per organisation and per delegate."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.invitations import service
from sakrad.invitations.blueprint import bp
from sakrad.invitations.models import InvitationState
from sakrad.invitations.pages import CONFLICT, managed_meeting
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt

CHOICES = {"yes": True, "no": False, "": None}


def _parse(prefix: str) -> dict[int, bool | None]:
    out = {}
    for key, value in request.form.items():
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and value in CHOICES:
            out[int(key[len(prefix) :])] = CHOICES[value]
    return out


@bp.route("/manage/meetings/<int:meeting_id>/invitations/attendance", methods=["GET", "POST"])
@staff_required
def attendance(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = ActionForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        saved = attempt(
            lambda: service.record_attendance(
                current_user, meeting, _parse("org-"), _parse("delegate-")
            ),
            stale=CONFLICT,
        )
        if saved is not REFUSED:
            flash(_("Attendance was saved."), "success")
            return redirect(url_for("invitations.overview", meeting_id=meeting.id), code=303)
    accepted = [
        i for i in service.invitations_for_meeting(meeting) if i.state == InvitationState.ACCEPTED
    ]
    return render_template(
        "invitations/attendance.html", meeting=meeting, invitations=accepted, form=form
    )
