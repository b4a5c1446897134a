"""Check your answers before confirming a selection (the selection is frozen afterwards).

The selection form's "Confirm" button posts its fields here (``formaction``). The page says
what will happen and, if the registration of interest is still open, warns and offers to
close it now; the confirm button posts the same fields again with ``confirmed``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.checks.blueprint import bp
from sakrad.checks.summary import REFUSALS
from sakrad.cycles.errors import found
from sakrad.selection import guards, jobs, service
from sakrad.selection import pool as pool_service
from sakrad.selection.check_page import (
    job_check_page,
    warnings_on_confirm,
    will_happen_on_confirm,
)
from sakrad.selection.features import Labeller
from sakrad.selection.forms import ConfirmPreviewForm, SelectionForm
from sakrad.selection.models import JobKind, JobState
from sakrad.selection.view_helpers import settings_from, staff_meeting, time_budget
from sakrad.shell.filters import current_lang
from sakrad.transaction import rollback_only


def _hidden_fields() -> list[tuple[str, str]]:
    """The selection form's fields as posted, to post them again on confirmation."""
    skip = {"csrf_token", "confirmed", "close_interest", "confirm", "run_preview", "add_row"}
    return [(k, v) for k, vs in request.form.lists() if k not in skip for v in vs]


@bp.post("/manage/meetings/<int:meeting_id>/selection/check")
@staff_required
def confirm_selection(meeting_id: int):
    meeting = staff_meeting(meeting_id)
    form = SelectionForm()
    form.set_group_choices(Labeller(current_lang()).quota_choices())
    setup_url = url_for("selection.setup", meeting_id=meeting.id)
    if not form.validate_on_submit():
        flash(_("Check the selection settings; some are not valid."), "error")
        return redirect(setup_url, code=303)
    candidates, _names = pool_service.pool_candidates(meeting)
    current = service.confirmed_selection(meeting)
    interest_open = guards.interest_window_open(meeting)
    will_happen = will_happen_on_confirm(form.seats.data, len(candidates), len(form.quota_rows()))
    warnings = warnings_on_confirm(meeting, current is not None, interest_open)
    # Ticked here, or already beside the selection page's confirm button.
    close_now = bool(form.close_interest.data)
    if request.form.get("confirmed"):
        if interest_open and not close_now:
            warnings.append(
                _("Close the registration of interest now to confirm, or wait until it closes.")
            )
        else:
            if close_now:
                guards.close_interest_now(meeting)
            try:
                selection = service.confirm(
                    current_user,
                    meeting,
                    settings_from(form),
                    replace_reason=form.replace_reason.data,
                    time_budget=time_budget(),
                )
            except REFUSALS as exc:
                rollback_only()
                flash(str(getattr(exc, "message", exc)), "error")
                return redirect(setup_url, code=303)
            flash(_("The selection is confirmed and frozen."), "success")
            return redirect(
                url_for("selection.show", meeting_id=meeting.id, selection_id=selection.id),
                code=303,
            )
    return render_template(
        "selection/check_confirm.html",
        meeting=meeting,
        will_happen=will_happen,
        warnings=warnings,
        interest_open=interest_open,
        close_interest=close_now,
        hidden=_hidden_fields(),
        back_url=setup_url,
    ), (400 if request.form.get("confirmed") else 200)


@bp.get("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>/check")
@staff_required
def confirm_selection_job(meeting_id: int, job_id: int):
    """The preview page's "Confirm the selection" leads here (a GET form carrying its
    "close the registration now" tick); the confirm button posts to the preview's confirm
    endpoint. A run that is not a finished preview has nothing to confirm: back to its page."""
    meeting = staff_meeting(meeting_id)
    job = found(jobs.get_job(meeting, job_id), "selection job")
    if job.kind != JobKind.PREVIEW or job.state != JobState.DONE:
        flash(_("Only a finished preview can be confirmed."), "error")
        return redirect(url_for("selection.job", meeting_id=meeting.id, job_id=job.id), code=303)
    form = ConfirmPreviewForm(request.args, meta={"csrf": False})
    return job_check_page(meeting, job, form)
