"""Check-your-answers pages: GET states what will happen; POST with ``confirmed`` does it.

The buttons that used to do these steps at once now lead here. The steps' old POST
endpoints still work as before (other clients and tests post to them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.audit.service import record
from sakrad.checks import summary
from sakrad.checks.blueprint import bp
from sakrad.checks.forms import CancelCheckForm, ConfirmForm, PublishMinutesForm
from sakrad.meetings import service as meetings
from sakrad.proposals.pages import flash_published
from sakrad.shell.filters import current_lang
from sakrad.shell.usecase import REFUSED, attempt

T = TypeVar("T")


def _managed(meeting_id: int):
    meeting = meetings.get_meeting(meeting_id)
    meetings.require_manage(current_user, meeting)
    return meeting


def _done(use_case: Callable[[], T], said: Callable[[T], object], next_url: str):
    """Run the confirmed step (``attempt``: a refusal is flashed and undone); once it is
    done, say so (``said`` flashes, given what the step returned) and go on to ``next_url``."""
    result = attempt(use_case)
    if result is REFUSED:
        return None
    said(result)
    return redirect(next_url, code=303)


def _check_page(check: summary.Check, form, subject: str, back_url: str, **shown):
    """The check page; a confirmation posted back to it (refused or invalid) is a 400."""
    return render_template(
        "checks/check.html", subject=subject, check=check, form=form, back_url=back_url, **shown
    ), (400 if request.method == "POST" else 200)


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
    overview = url_for("invitations.overview", meeting_id=meeting.id)
    if request.method == "POST" and not check.blocked and form.validate_on_submit():
        done = _done(
            lambda: invitations.send_pending(current_user, meeting),
            lambda count: flash(
                ngettext("%(num)s invitation was sent.", "%(num)s invitations were sent.", count),
                "success",
            ),
            overview,
        )
        if done:
            return done
    return _check_page(
        check,
        form,
        meeting.display_title(current_lang()),
        overview,
        title=_("Check before sending the invitations"),
        confirm_label=_("Send the invitations"),
    )


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
    review_list = url_for("proposals.review_list", cycle_id=cycle.id)
    if request.method == "POST" and not check.blocked and form.validate_on_submit():
        done = _done(
            lambda: proposals.publish_batch(current_user, cycle), flash_published, review_list
        )
        if done:
            return done
    return _check_page(
        check,
        form,
        cycle.title(current_lang()),
        review_list,
        title=_("Check before publishing the responses"),
        confirm_label=_("Publish responses and notify the organisations"),
    )


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
    overview = url_for("minutes.overview", meeting_id=meeting.id)

    def publish() -> None:
        minutes.publish(current_user, meeting, number)
        if check.reason_required:
            _log_override("minutes.published_despite_warnings", meeting, check, form.reason.data)

    if request.method == "POST" and form.validate_on_submit() and not _reason_missing(form, check):
        done = _done(
            publish,
            lambda _r: flash(
                _("Revision %(n)s is now the published minutes.", n=number), "success"
            ),
            overview,
        )
        if done:
            return done
    return _check_page(
        check,
        form,
        meeting.display_title(current_lang()),
        overview,
        title=_("Check before publishing the minutes"),
        hidden={"number": number},
        confirm_label=_("Publish the minutes"),
    )


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
        done = _done(
            lambda: meetings.cancel(current_user, meeting, reason),
            lambda _r: flash(_("The meeting was cancelled."), "success"),
            url_for("meetings.manage", meeting_id=meeting.id),
        )
        if done:
            return done
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
