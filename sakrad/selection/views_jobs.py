"""A selection job's page: progress while it runs (refreshes itself without JavaScript, polls a
small JSON endpoint with it), cancel, retry, and the result when it is done."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.cycles.errors import found
from sakrad.db import utcnow
from sakrad.errors import SakradError, form_error
from sakrad.meetings.models import Meeting
from sakrad.selection import guards, jobs, service
from sakrad.selection.blueprint import bp
from sakrad.selection.check_page import job_check_page
from sakrad.selection.features import Labeller
from sakrad.selection.forms import ConfirmPreviewForm
from sakrad.selection.models import JobKind, JobState, SelectionJob
from sakrad.selection.view_helpers import (
    dispatch_after_commit,
    error_text,
    infeasible_view,
    preview_view,
    staff_meeting,
)
from sakrad.shell.filters import current_lang
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt
from sakrad.transaction import rollback_only

# Set by static/selection_job.js: that browser polls, so the page needs no Refresh header.
JS_COOKIE = "sakrad_js"

_COVERING = _l("Covering the pool: finding panels that give every organisation a chance.")
# The engine's progress "phase" in words.
PHASES = {
    "starting": _l("Starting the run."),
    "solving": _COVERING,
    "covering": _COVERING,
    "maximin": _l("Raising the lowest selection probability (maximin)."),
    "leximin": _l("Fixing the probabilities level by level (leximin)."),
    "drawing": _l("Drawing the panel and the reserve list."),
    "done": _l("Drawing the panel and the reserve list."),
}


def _meeting_job(
    meeting_id: int, job_id: int, *, button: bool = False
) -> tuple[Meeting, SelectionJob]:
    """The meeting the staff member manages and one of its selection runs; for a ``button``
    on the run's page, once its form is valid (otherwise 400)."""
    meeting = staff_meeting(meeting_id)
    job = found(jobs.get_job(meeting, job_id), "selection job")
    if button and not ActionForm().validate_on_submit():
        abort(400)
    return meeting, job


def _no_store(response: Response) -> Response:
    """A run's page or status changes while it runs: never from a cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _seconds(start: datetime | None, end: datetime | None) -> float:
    if start is None:
        return 0.0
    return max(0.0, ((end or utcnow()) - start).total_seconds())


def _share(x: Any) -> float | None:
    return float(x) if isinstance(x, int | float) and 0 <= x <= 1 else None


def status(job: SelectionJob) -> dict[str, Any]:
    """What the page and the JSON endpoint say about a job, in the reader's language."""
    p = job.progress or {}
    budget = float(p.get("budget") or service.DEFAULT_TIME_BUDGET)
    elapsed = _seconds(job.started_at, job.finished_at)
    remaining = max(0.0, budget - elapsed)
    pool_size = p.get("pool_size")
    fixed = _share(p.get("share_fixed"))
    covered = _share(p.get("covered"))
    level, bound = p.get("maximin_level"), p.get("maximin_upper_bound")
    if job.state == JobState.QUEUED:
        phase = _("Waiting for a worker to start the run.")
    elif job.state == JobState.RUNNING:
        phase = str(PHASES.get(p.get("phase") or "solving", _COVERING))
    else:
        phase = job.state.label
    texts = {
        "state": job.state.label,
        "phase": phase,
        "pool": _("%(num)s organisations in the pool.", num=pool_size),
        "covered": _("Covered so far: %(pct)s %% of the pool.", pct=round(covered * 100))
        if covered is not None
        else "",
        "level": _(
            "Lowest probability reached (maximin): %(level)s %%; proven bound: at most %(bound)s %%.",
            level=f"{level * 100:.2f}",
            bound=f"{bound * 100:.2f}",
        )
        if isinstance(level, int | float) and isinstance(bound, int | float)
        else _("The maximin level is not known yet."),
        "fixed": _("Probabilities fixed: %(pct)s %% of the pool.", pct=round(fixed * 100))
        if fixed is not None
        else _("No probability is fixed yet."),
        "time": _(
            "Elapsed: %(elapsed)s s of the %(budget)s s budget; %(remaining)s s left.",
            elapsed=round(elapsed),
            budget=round(budget),
            remaining=round(remaining),
        ),
    }
    return {
        "id": job.id,
        "kind": job.kind.value,
        "state": job.state.value,
        "finished": job.state.finished,
        "elapsed": round(elapsed, 1),
        "remaining": round(remaining, 1),
        "budget": budget,
        "budget_used": round(min(1.0, elapsed / budget), 3) if budget else None,
        "share_fixed": fixed,
        "covered": covered,
        "maximin_level": level,
        "maximin_upper_bound": bound,
        "texts": texts,
    }


@bp.get("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>")
@staff_required
def job(meeting_id: int, job_id: int):
    meeting, job = _meeting_job(meeting_id, job_id)
    jobs.give_up_if_lost(job)
    if job.state == JobState.DONE and job.kind == JobKind.CONFIRM:
        flash(_("The selection is confirmed and frozen."), "success")
        return redirect(
            url_for(".show", meeting_id=meeting.id, selection_id=job.selection_id), code=303
        )
    return _render(meeting, job, ConfirmPreviewForm())


def _render(meeting: Meeting, job: SelectionJob, confirm_form: ConfirmPreviewForm, code=200):
    from flask import request

    labels = Labeller(current_lang())
    outcome = infeasible = None
    if job.state == JobState.DONE and job.kind == JobKind.PREVIEW:
        outcome = preview_view(job.params["input"], job.result or {}, labels)
    if job.state == JobState.FAILED and (job.error or {}).get("infeasible"):
        infeasible = infeasible_view((job.error or {})["infeasible"], labels)
    settings = service.settings_of(job.params)
    quotas = [
        {**q, "label": labels.quota(q["feature"], q["value"])}
        for q in job.params["input"]["quotas"]
    ]
    response = make_response(
        render_template(
            "selection/job.html",
            meeting=meeting,
            job=job,
            status=status(job),
            settings=settings,
            quotas=quotas,
            outcome=outcome,
            infeasible=infeasible,
            error_text=error_text(job),
            current=service.confirmed_selection(meeting),
            confirm_form=confirm_form,
            action_form=ActionForm(),
            interest_open=guards.interest_window_open(meeting),
        ),
        code,
    )
    if not job.state.finished and request.cookies.get(JS_COOKIE) != "1":
        response.headers["Refresh"] = str(int(current_app.config.get("JOB_REFRESH_SECONDS", 5)))
    return _no_store(response)


@bp.get("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>.json")
@staff_required
def job_status(meeting_id: int, job_id: int):
    meeting, job = _meeting_job(meeting_id, job_id)
    jobs.give_up_if_lost(job)
    return _no_store(jsonify(status(job)))


@bp.post("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>/cancel")
@staff_required
def cancel(meeting_id: int, job_id: int):
    meeting, job = _meeting_job(meeting_id, job_id, button=True)
    attempt(lambda: jobs.cancel(current_user, job), done=_("The run is cancelled."))
    return redirect(url_for(".job", meeting_id=meeting.id, job_id=job.id), code=303)


@bp.post("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>/retry")
@staff_required
def retry(meeting_id: int, job_id: int):
    meeting, job = _meeting_job(meeting_id, job_id, button=True)
    new = attempt(lambda: jobs.retry(current_user, job))
    if new is REFUSED:
        return redirect(url_for(".job", meeting_id=meeting.id, job_id=job.id), code=303)
    dispatch_after_commit(new)
    return redirect(url_for(".job", meeting_id=meeting.id, job_id=new.id), code=303)


@bp.post("/manage/meetings/<int:meeting_id>/selection/jobs/<int:job_id>/confirm")
@staff_required
def confirm(meeting_id: int, job_id: int):
    """The check page's confirm (``checks.confirm_selection_job`` shows it); a refusal is
    shown on the check page again, with its reason."""
    meeting, job = _meeting_job(meeting_id, job_id)
    form = ConfirmPreviewForm()
    if not form.validate_on_submit():
        rollback_only()
        return job_check_page(meeting, job, form, 400)
    try:
        guards.settle_interest(meeting, bool(form.close_interest.data))
        new = jobs.confirm_preview(current_user, job, form.replace_reason.data)
    except SakradError as exc:
        form_error(form, exc)
        return job_check_page(meeting, job, form, 400)
    dispatch_after_commit(new)
    if new.state == JobState.DONE:
        flash(_("The selection is confirmed and frozen."), "success")
        return redirect(
            url_for(".show", meeting_id=meeting.id, selection_id=new.selection_id), code=303
        )
    return redirect(url_for(".job", meeting_id=meeting.id, job_id=new.id), code=303)
