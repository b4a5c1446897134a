"""Sessions and agenda items of a meeting (routes on the meetings blueprint)."""

from __future__ import annotations

from flask import abort, flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.checks.summary import session_before_deadline
from sakrad.cycles.service import STALE_MESSAGE, check_version
from sakrad.extensions import db
from sakrad.meetings import agenda
from sakrad.meetings.blueprint import bp
from sakrad.meetings.forms import AgendaItemForm, SessionForm
from sakrad.meetings.pages import managed_meeting, to_meeting
from sakrad.meetings.schedule import schedule
from sakrad.organisations.models import Organisation
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, save_versioned, submitted


def _session_of(meeting, session_id: int):
    session = agenda.get_session(session_id)
    if session.meeting_id != meeting.id:
        abort(404)
    return session


def _item_of(meeting, item_id: int):
    item = agenda.get_item(item_id)
    if item.session.meeting_id != meeting.id:
        abort(404)
    return item


@bp.route("/manage/meetings/<int:meeting_id>/sessions/new", methods=["GET", "POST"])
@staff_required
def new_session(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = SessionForm()
    session = submitted(
        form,
        lambda: agenda.add_session(current_user, meeting, **form.service_data()),
        done=_("The session was added."),
    )
    if session is not REFUSED:
        return to_meeting(meeting, f"session-{session.id}")
    return render_template("meetings/session_form.html", form=form, meeting=meeting, session=None)


@bp.route(
    "/manage/meetings/<int:meeting_id>/sessions/<int:session_id>/edit", methods=["GET", "POST"]
)
@staff_required
def edit_session(meeting_id: int, session_id: int):
    meeting = managed_meeting(meeting_id)
    session = _session_of(meeting, session_id)
    form = SessionForm(obj=session)

    def update(expected_version: int) -> None:
        check_version(session, expected_version)
        agenda.update_session(current_user, session, **form.service_data())

    # Optimistic locking as for meetings: a form loaded before another save is refused.
    if save_versioned(form, session.version_id, update, STALE_MESSAGE):
        flash(_("The session was saved."), "success")
        warning = session_before_deadline(meeting, session.starts_at)
        if warning:
            flash(warning, "warning")
        return to_meeting(meeting, f"session-{session.id}")
    return render_template(
        "meetings/session_form.html", form=form, meeting=meeting, session=session
    )


@bp.post("/manage/meetings/<int:meeting_id>/sessions/<int:session_id>/delete")
@staff_required
def delete_session(meeting_id: int, session_id: int):
    meeting = managed_meeting(meeting_id)
    session = _session_of(meeting, session_id)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: agenda.delete_session(current_user, session), done=_("The session was removed.")
        )
    return to_meeting(meeting, "sessions")


def _organisation_choices(form: AgendaItemForm) -> None:
    orgs = db.session.scalars(db.select(Organisation).order_by(Organisation.name))
    form.presenter_organisation_id.choices = [(0, _l("— none —"))] + [(o.id, o.name) for o in orgs]


@bp.route(
    "/manage/meetings/<int:meeting_id>/sessions/<int:session_id>/items/new",
    methods=["GET", "POST"],
)
@staff_required
def new_item(meeting_id: int, session_id: int):
    meeting = managed_meeting(meeting_id)
    session = _session_of(meeting, session_id)
    form = AgendaItemForm()
    _organisation_choices(form)
    item = submitted(
        form,
        lambda: agenda.add_item(current_user, session, **form.service_data()),
        done=_("The agenda item was added."),
    )
    if item is not REFUSED:
        return to_meeting(meeting, f"item-{item.id}")
    return render_template(
        "meetings/item_form.html", form=form, meeting=meeting, session=session, item=None
    )


@bp.route("/manage/meetings/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_item(meeting_id: int, item_id: int):
    meeting = managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    form = AgendaItemForm(obj=item)
    _organisation_choices(form)
    if not form.is_submitted():
        form.presenter_kind.data = item.presenter_kind.value
        form.presenter_organisation_id.data = item.presenter_organisation_id or 0

    def update(expected_version: int) -> None:
        check_version(item, expected_version)
        agenda.update_item(current_user, item, **form.service_data())

    if save_versioned(form, item.version_id, update, STALE_MESSAGE):
        flash(_("The agenda item was saved."), "success")
        return to_meeting(meeting, f"item-{item.id}")
    return render_template(
        "meetings/item_form.html", form=form, meeting=meeting, session=item.session, item=item
    )


@bp.post("/manage/meetings/<int:meeting_id>/items/<int:item_id>/delete")
@staff_required
def delete_item(meeting_id: int, item_id: int):
    meeting = managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    session_id = item.session_id
    if ActionForm().validate_on_submit():
        attempt(
            lambda: agenda.delete_item(current_user, item), done=_("The agenda item was removed.")
        )
    return to_meeting(meeting, f"session-{session_id}")


@bp.post("/manage/meetings/<int:meeting_id>/items/<int:item_id>/move/<direction>")
@staff_required
def move_item(meeting_id: int, item_id: int, direction: str):
    meeting = managed_meeting(meeting_id)
    item = _item_of(meeting, item_id)
    if direction not in ("up", "down"):
        abort(404)
    if ActionForm().validate_on_submit():
        done = attempt(lambda: agenda.move_item(current_user, item, direction))
        if done is not REFUSED:
            if request.headers.get("X-Requested-With") == "fetch":
                # meetings.js swaps the agenda in place; the plain form redirects.
                return render_template(
                    "meetings/_agenda.html",
                    meeting=meeting,
                    session=item.session,
                    scheduled=schedule(item.session),
                    editable=True,
                    action_form=ActionForm(),
                )
            flash(_("The agenda was reordered."), "success")
    return to_meeting(meeting, f"item-{item.id}")
