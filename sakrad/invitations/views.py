"""Civil servants' invitation pages under /manage/meetings/<id>/invitations."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Response, abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.extensions import db
from sakrad.invitations import export, reminders, reserve, service
from sakrad.invitations.blueprint import bp
from sakrad.invitations.forms import (
    InviteByHandForm,
    InviteSelectionForm,
    ReserveModeForm,
    WithdrawForm,
)
from sakrad.invitations.models import NEED_LABELS, Invitation, InvitationState
from sakrad.invitations.pages import CONFLICT, managed_meeting, to_overview
from sakrad.organisations.models import Organisation
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt


@bp.app_template_global()
def invitation_state_label(state: InvitationState | str) -> str:
    # For the portal's templates until they ask the enum (``invitation.state.label``).
    return str(InvitationState(state).label)


@bp.app_template_global()
def meeting_invitations_manage(meeting) -> dict:
    """For the civil servant's meeting page (templates/invitations/_meeting_manage.html)."""
    settings = service.settings_for(meeting)
    return {
        "counts": service.counts_by_state(meeting),
        "open_seats": len(reserve.open_seats(meeting)),
        "blocked": settings.reserve_blocked,
    }


def _invitation(meeting, invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.meeting_id != meeting.id:
        abort(404)
    return invitation


def _flash_reserve(result: tuple | None) -> None:
    if result and result[1]:
        flash(_("The seat could not be given to a reserve: %(why)s", why=result[1]), "error")
    elif result and result[0] is not None:
        flash(
            _(
                "The seat was offered to %(org)s from the reserve list.",
                org=result[0].organisation.name,
            ),
            "success",
        )


@bp.get("/manage/meetings/<int:meeting_id>/invitations")
@staff_required
def overview(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    settings = service.settings_for(meeting)
    mode_form = ReserveModeForm(reserve_mode=settings.reserve_mode.value)
    return render_template(
        "invitations/overview.html",
        meeting=meeting,
        invitations=service.invitations_for_meeting(meeting),
        counts=service.counts_by_state(meeting),
        open_seats=reserve.open_seats(meeting),
        settings=settings,
        mode_form=mode_form,
        action_form=ActionForm(),
        need_labels=NEED_LABELS,
        states=list(InvitationState),
    )


@bp.route("/manage/meetings/<int:meeting_id>/invitations/from-selection", methods=["GET", "POST"])
@staff_required
def invite_selection(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = InviteSelectionForm()
    if form.validate_on_submit():
        created = attempt(
            lambda: service.invite_from_selection(current_user, meeting, form.deadline.utc),
            form=form,
        )
        if created is not REFUSED:
            flash(
                ngettext(
                    "%(num)s invitation was prepared. Send it when you are ready.",
                    "%(num)s invitations were prepared. Send them when you are ready.",
                    len(created),
                ),
                "success",
            )
            return to_overview(meeting.id)
    return render_template("invitations/invite_selection.html", meeting=meeting, form=form)


@bp.route("/manage/meetings/<int:meeting_id>/invitations/new", methods=["GET", "POST"])
@staff_required
def invite_by_hand(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = InviteByHandForm()
    form.organisation_id.choices = _organisation_choices()
    if form.validate_on_submit():
        invitation = attempt(
            lambda: service.invite_by_hand(
                current_user,
                meeting,
                form.organisation_id.data,
                form.reason.data,
                form.deadline.utc,
            ),
            form=form,
        )
        if invitation is not REFUSED:
            flash(
                _(
                    "%(org)s was added. Send the invitation when you are ready.",
                    org=invitation.organisation.name,
                ),
                "success",
            )
            return to_overview(meeting.id)
    return render_template("invitations/invite_by_hand.html", meeting=meeting, form=form)


def _organisation_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Organisation.id, Organisation.name)
        .where(Organisation.active.is_(True), Organisation.merged_into_id.is_(None))
        .order_by(Organisation.name)
    ).all()
    return [(0, _("Choose an organisation"))] + [(r.id, r.name) for r in rows]


@bp.post("/manage/meetings/<int:meeting_id>/invitations/send")
@staff_required
def send(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    count = attempt(lambda: service.send_pending(current_user, meeting), stale=CONFLICT)
    if count is not REFUSED:
        if count:
            flash(
                ngettext("%(num)s invitation was sent.", "%(num)s invitations were sent.", count),
                "success",
            )
        else:
            flash(_("There were no invitations waiting to be sent."), "info")
    return to_overview(meeting.id)


@bp.post("/manage/meetings/<int:meeting_id>/invitations/remind")
@staff_required
def remind(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    ids = [int(v) for v in request.form.getlist("invitation_id") if v.isdigit()]
    count = attempt(lambda: reminders.remind_by_hand(current_user, meeting, ids), stale=CONFLICT)
    if count is not REFUSED:
        flash(
            ngettext("%(num)s reminder was sent.", "%(num)s reminders were sent.", count),
            "success",
        )
    return to_overview(meeting.id)


@bp.route(
    "/manage/meetings/<int:meeting_id>/invitations/<int:invitation_id>/withdraw",
    methods=["GET", "POST"],
)
@staff_required
def withdraw(meeting_id: int, invitation_id: int):
    meeting = managed_meeting(meeting_id)
    invitation = _invitation(meeting, invitation_id)
    form = WithdrawForm()
    if form.validate_on_submit():

        def withdraw_it() -> tuple:
            service.withdraw(current_user, invitation, form.reason.data)
            return (invitation.replaced_by, meeting_blocked(meeting))

        result = attempt(withdraw_it, form=form, stale=CONFLICT)
        if result is not REFUSED:
            flash(_("The invitation was withdrawn."), "success")
            _flash_reserve(result)
            return to_overview(meeting.id)
    return render_template(
        "invitations/withdraw.html", meeting=meeting, invitation=invitation, form=form
    )


def meeting_blocked(meeting) -> str | None:
    return service.settings_for(meeting).reserve_blocked


@bp.post("/manage/meetings/<int:meeting_id>/invitations/<int:invitation_id>/reserve")
@staff_required
def offer_to_reserve(meeting_id: int, invitation_id: int):
    meeting = managed_meeting(meeting_id)
    invitation = _invitation(meeting, invitation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    result = attempt(lambda: reserve.confirm_reserve(current_user, invitation))
    if result is not REFUSED:
        _flash_reserve(result)
    return to_overview(meeting.id)


@bp.post("/manage/meetings/<int:meeting_id>/invitations/settings")
@staff_required
def settings(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = ReserveModeForm()
    if form.validate_on_submit():
        service.set_reserve_mode(current_user, meeting, form.reserve_mode.data)
        flash(_("The setting was saved."), "success")
    else:
        flash(_("Choose how a left seat is filled."), "error")
    return to_overview(meeting.id)


@bp.get("/manage/meetings/<int:meeting_id>/invitations.csv")
@staff_required
def export_csv(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    return Response(
        export.venue_csv(meeting),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="sakrad-meeting-{meeting.id}-delegates.csv"',
            "Cache-Control": "no-store",
        },
    )
