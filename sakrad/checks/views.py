"""Check-your-answers pages: GET states what will happen; POST with ``confirmed`` does it.

The buttons that used to do these steps at once now lead here. The steps' old POST
endpoints still work as before (other clients and tests post to them).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.audit.service import record
from sakrad.checks import summary
from sakrad.checks.blueprint import bp
from sakrad.checks.forms import CancelCheckForm, ConfirmForm, PublishMinutesForm
from sakrad.checks.summary import REFUSALS
from sakrad.meetings import service as meetings
from sakrad.proposals.pages import flash_published
from sakrad.shell.filters import current_lang
from sakrad.transaction import rollback_only

# The domain errors of the steps (ValueError subclasses until every package raises the
# shared hierarchy), and a concurrent change.


def _managed(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id)
    meetings.require_manage(current_user, meeting)
    return meeting


def _refused(exc: Exception) -> None:
    rollback_only()
    flash(str(getattr(exc, "message", exc)), "error")


def _reason_missing(form: ConfirmForm, check: summary.Check) -> bool:
    if check.reason_required and not (form.reason.data or "").strip():
        form.reason.errors = [
            *form.reason.errors,
            _("Say why you go ahead despite the warnings; the reason is logged."),
        ]
        return True
    return False


def _log_override(action: str, entity, check: summary.Check, reason: str) -> None:
    record(
        action,
        entity,
        after={"warnings": check.warnings, "reason": reason.strip()},
        actor=current_user,
        convening_body_id=getattr(entity, "convening_body_id", None),
    )


@bp.route("/manage/meetings/<int:meeting_id>/invitations/send/check", methods=["GET", "POST"])
@staff_required
def send_invitations(meeting_id: int):
    from sakrad.invitations import service as invitations

    meeting = _managed(meeting_id)
    check = summary.send_invitations(meeting)
    form = ConfirmForm()
    if request.method == "POST" and not check.blocked and form.validate_on_submit():
        try:
            count = invitations.send_pending(current_user, meeting)
        except REFUSALS as exc:
            _refused(exc)
        else:
            flash(
                ngettext("%(num)s invitation was sent.", "%(num)s invitations were sent.", count),
                "success",
            )
            return redirect(url_for("invitations.overview", meeting_id=meeting.id), code=303)
    return render_template(
        "checks/check.html",
        title=_("Check before sending the invitations"),
        subject=meeting.display_title(current_lang()),
        check=check,
        form=form,
        confirm_label=_("Send the invitations"),
        back_url=url_for("invitations.overview", meeting_id=meeting.id),
    ), (400 if request.method == "POST" else 200)


@bp.route("/proposals/cycle/<int:cycle_id>/publish/check", methods=["GET", "POST"])
@staff_required
def publish_responses(cycle_id: int):
    from sakrad.cycles.models import Cycle
    from sakrad.extensions import db
    from sakrad.proposals import service as proposals

    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    if not proposals.can_review(current_user, cycle):
        abort(403)
    check = summary.publish_responses(cycle)
    form = ConfirmForm()
    if request.method == "POST" and not check.blocked and form.validate_on_submit():
        try:
            batch = proposals.publish_batch(current_user, cycle)
        except REFUSALS as exc:
            _refused(exc)
        else:
            flash_published(batch)
            return redirect(url_for("proposals.review_list", cycle_id=cycle.id), code=303)
    return render_template(
        "checks/check.html",
        title=_("Check before publishing the responses"),
        subject=cycle.title(current_lang()),
        check=check,
        form=form,
        confirm_label=_("Publish responses and notify the organisations"),
        back_url=url_for("proposals.review_list", cycle_id=cycle.id),
    ), (400 if request.method == "POST" else 200)


@bp.route("/manage/meetings/<int:meeting_id>/minutes/publish/check", methods=["GET", "POST"])
@staff_required
def publish_minutes(meeting_id: int):
    from sakrad.minutes import service as minutes

    meeting = _managed(meeting_id)
    form = PublishMinutesForm(request.form if request.method == "POST" else request.args)
    revisions = [r.number for r in minutes.revisions(meeting)]
    number = form.number.data or (max(revisions) if revisions else None)
    if number not in revisions:
        flash(_("Choose a revision to publish."), "error")
        return redirect(url_for("minutes.overview", meeting_id=meeting.id), code=303)
    form.number.data = number
    check = summary.publish_minutes(meeting, number)
    if request.method == "POST" and form.validate_on_submit() and not _reason_missing(form, check):
        try:
            minutes.publish(current_user, meeting, number)
            if check.reason_required:
                _log_override(
                    "minutes.published_despite_warnings", meeting, check, form.reason.data
                )
        except REFUSALS as exc:
            _refused(exc)
        else:
            flash(_("Revision %(n)s is now the published minutes.", n=number), "success")
            return redirect(url_for("minutes.overview", meeting_id=meeting.id), code=303)
    return render_template(
        "checks/check.html",
        title=_("Check before publishing the minutes"),
        subject=meeting.display_title(current_lang()),
        check=check,
        form=form,
        hidden={"number": number},
        confirm_label=_("Publish the minutes"),
        back_url=url_for("minutes.overview", meeting_id=meeting.id),
    ), (400 if request.method == "POST" else 200)


@bp.route("/manage/meetings/<int:meeting_id>/cancel/check", methods=["POST"])
@staff_required
def cancel_meeting(meeting_id: int):
    """The cancel form posts its reason here; the check page posts again with ``confirmed``."""
    meeting = _managed(meeting_id)
    form = CancelCheckForm()
    reason = (request.form.get("reason") or form.cancel_reason.data or "").strip()
    check = summary.cancel_meeting(meeting)
    if not reason:
        flash(_("Give a reason for cancelling; it is published."), "error")
        return redirect(url_for("meetings.cancel", meeting_id=meeting.id), code=303)
    if request.form.get("confirmed") and not check.blocked and form.validate_on_submit():
        try:
            meetings.cancel(current_user, meeting, reason)
        except REFUSALS as exc:
            _refused(exc)
        else:
            flash(_("The meeting was cancelled."), "success")
            return redirect(url_for("meetings.manage", meeting_id=meeting.id), code=303)
    return render_template(
        "checks/check.html",
        title=_("Check before cancelling the meeting"),
        subject=meeting.display_title(current_lang()),
        check=check,
        form=form,
        hidden={"cancel_reason": reason},
        quoted=(_("Reason for cancelling"), reason),
        confirm_label=_("Cancel the meeting"),
        danger=True,
        back_url=url_for("meetings.cancel", meeting_id=meeting.id),
    )


@bp.get("/manage/meetings/<int:meeting_id>/items/<int:item_id>/delete/check")
@staff_required
def delete_item(meeting_id: int, item_id: int):
    """Removing an agenda item is confirmed first; the confirm posts to the existing route."""
    from sakrad.extensions import db
    from sakrad.meetings.models import AgendaItem

    meeting = _managed(meeting_id)
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.session.meeting_id != meeting.id:
        abort(404)
    check = summary.Check(
        will_happen=[
            _(
                "The item %(title)s is removed from the agenda of session %(n)s.",
                title=item.title,
                n=item.session.number,
            ),
            _("The items after it move earlier; the times of the agenda are computed again."),
        ]
    )
    if meeting.is_public:
        check.will_happen.append(_("The change shows on the public page and in its history."))
    return render_template(
        "checks/check.html",
        title=_("Remove the agenda item?"),
        subject=meeting.display_title(current_lang()),
        check=check,
        form=ConfirmForm(),
        action=url_for("meetings.delete_item", meeting_id=meeting.id, item_id=item.id),
        confirm_label=_("Remove the item"),
        danger=True,
        back_url=url_for("meetings.manage", meeting_id=meeting.id) + f"#session-{item.session_id}",
    )
