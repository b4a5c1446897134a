"""Civil servants' pages for meetings, under /manage/meetings (sessions and agenda in
``agenda_views``, on the same blueprint)."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.cycles import service as cycles
from sakrad.meetings import service
from sakrad.meetings.blueprint import bp
from sakrad.meetings.forms import CancelForm, ExpectationsForm, MeetingForm
from sakrad.meetings.models import (
    MEETING_ACTION_LABELS,
    MEETING_TRANSITIONS,
    MeetingKind,
    MeetingState,
)
from sakrad.meetings.pages import managed_meeting, to_meeting
from sakrad.meetings.schedule import agenda_overruns, schedule
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, save_versioned, submitted


# For the portal's templates until they ask the enum (``meeting.state.label``) themselves.
@bp.app_template_global()
def meeting_state_label(state: MeetingState | str) -> str:
    return str(MeetingState(state).label)


@bp.app_template_global()
def meeting_kind_label(kind: MeetingKind | str) -> str:
    return str(MeetingKind(kind).label)


@bp.route("/manage/cycles/<int:cycle_id>/meetings/new", methods=["GET", "POST"])
@staff_required
def new(cycle_id: int):
    cycle = cycles.get_cycle(cycle_id)
    cycles.require_manage(current_user, cycle)
    form = MeetingForm()
    if not form.is_submitted():
        form.kind.data = MeetingKind.SAKRAD.value
    meeting = submitted(
        form,
        lambda: service.create_meeting(current_user, cycle, **form.service_data()),
        done=_("The meeting was created as a draft."),
    )
    if meeting is not REFUSED:
        return to_meeting(meeting)
    return render_template("meetings/form.html", form=form, cycle=cycle, meeting=None)


@bp.post("/manage/cycles/<int:cycle_id>/copy")
@staff_required
def copy_cycle(cycle_id: int):
    cycle = cycles.get_cycle(cycle_id)
    cycles.require_manage(current_user, cycle)
    if not ActionForm().validate_on_submit():
        abort(400)
    new_cycle = attempt(lambda: service.copy_cycle(current_user, cycle))
    if new_cycle is REFUSED:
        return redirect(url_for("cycles.manage", cycle_id=cycle.id), code=303)
    flash(
        _(
            "The cycle for %(year)s was created as a draft, with its meetings as drafts.",
            year=new_cycle.year,
        ),
        "success",
    )
    return redirect(url_for("cycles.manage", cycle_id=new_cycle.id), code=303)


@bp.get("/manage/meetings/<int:meeting_id>")
@staff_required
def manage(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    next_states = [
        (s, MEETING_ACTION_LABELS[s])
        for s in MEETING_TRANSITIONS[meeting.state]
        if s in MEETING_ACTION_LABELS
    ]
    return render_template(
        "meetings/manage.html",
        meeting=meeting,
        cycle=meeting.cycle,
        next_states=next_states,
        can_cancel=MeetingState.CANCELLED in MEETING_TRANSITIONS[meeting.state],
        editable=meeting.state in service.OPEN_STATES,
        schedules={s.id: schedule(s) for s in meeting.sessions},
        overruns={s.id: agenda_overruns(s) for s in meeting.sessions},
        expectation_labels=service.EXPECTATION_LABELS,
        action_form=ActionForm(),
        public_url=current_app.config["PUBLIC_BASE_URL"],
    )


def _save(form, meeting, template: str):
    """The shared edit flow of the details and expectations forms, with optimistic locking."""

    def update(expected_version: int) -> None:
        service.update_meeting(
            current_user, meeting, expected_version=expected_version, **form.service_data()
        )

    if save_versioned(form, meeting.version_id, update, cycles.STALE_MESSAGE):
        flash(_("The meeting was saved."), "success")
        return to_meeting(meeting)
    return render_template(template, form=form, cycle=meeting.cycle, meeting=meeting)


@bp.route("/manage/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = MeetingForm(obj=meeting)
    if not form.is_submitted():
        form.participating_bodies.data = "\n".join(meeting.participating_bodies or [])
    return _save(form, meeting, "meetings/form.html")


@bp.route("/manage/meetings/<int:meeting_id>/expectations", methods=["GET", "POST"])
@staff_required
def expectations(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    return _save(ExpectationsForm(obj=meeting), meeting, "meetings/expectations.html")


@bp.post("/manage/meetings/<int:meeting_id>/state/<state>")
@staff_required
def transition(meeting_id: int, state: str):
    meeting = managed_meeting(meeting_id)
    if state not in MEETING_ACTION_LABELS:
        abort(404)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: service.transition(current_user, meeting, state),
            done=_("The meeting is now: %(state)s.", state=MeetingState(state).label),
        )
    return to_meeting(meeting)


@bp.route("/manage/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@staff_required
def cancel(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = CancelForm()
    if form.validate_on_submit():
        done = attempt(lambda: service.cancel(current_user, meeting, form.reason.data), form=form)
        if done is not REFUSED:
            flash(_("The meeting was cancelled."), "success")
            return to_meeting(meeting)
    return render_template("meetings/cancel.html", form=form, meeting=meeting, cycle=meeting.cycle)
