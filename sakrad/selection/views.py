"""Civil servants' selection pages under /manage/meetings/<id>/selection: the pool, seats and
quotas, a confirmed selection and its manual changes. Running jobs are in ``views_jobs``;
representatives' interest registration in ``interest_views``."""

from __future__ import annotations

from typing import Any

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from sakrad.accounts.access import staff_required
from sakrad.cycles.errors import found
from sakrad.errors import Invalid, form_error
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.organisations import reference
from sakrad.organisations.models import FocusArea
from sakrad.selection import chart, guards, jobs, service
from sakrad.selection import pool as pool_service
from sakrad.selection.blueprint import bp
from sakrad.selection.chart import FeatureProfile, profile_rows
from sakrad.selection.features import Labeller
from sakrad.selection.forms import AdjustForm, PoolFilterForm, SelectionForm
from sakrad.selection.models import AdjustmentKind, JobKind, JobState, PoolAddition
from sakrad.selection.report import report_view
from sakrad.selection.view_helpers import (
    dispatch_after_commit,
    error_text,
    infeasible_view,
    place_infeasible,
    preview_view,
    settings_from,
    staff_meeting,
    time_budget,
)
from sakrad.shell.filters import current_lang
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import attempt


@bp.app_template_global()
def meeting_selection_manage(meeting: Meeting) -> dict[str, Any]:
    """For the civil servant's meeting page (templates/selection/_meeting_manage.html)."""
    return {
        "pool_size": len(pool_service.pool(meeting)),
        "selection": service.confirmed_selection(meeting),
        "interest_open": pool_service.interest_open(meeting),
    }


@bp.app_template_global()
def selection_chart(profile: FeatureProfile, chart_id: str) -> Markup:
    """The accessible SVG bar chart of one feature: pool share against selected share."""
    texts = {
        "title": _("Pool and selected organisations: %(feature)s", feature=profile.label),
        "pool": _("Pool"),
        "selected": _("Selected"),
        "desc_row": _("{label}: {pool} of the pool, {selected} of the selected"),
    }
    return chart.svg(profile, texts, chart_id)


# --------------------------------------------------------------------------- pool


def _filter_choices(form: PoolFilterForm, lang: str) -> None:
    anything = [("", _("All"))]
    form.county.choices = anything + reference.county_choices(lang)
    form.form.choices = anything + reference.choices(reference.ORG_FORMS, lang)
    form.size.choices = anything + reference.choices(reference.ORG_SIZES, lang)
    focus = db.session.scalars(db.select(FocusArea).where(FocusArea.active.is_(True)))
    form.focus_area.choices = anything + [(f.code, f.name(lang)) for f in focus]


@bp.route("/manage/meetings/<int:meeting_id>/selection/pool", methods=["GET", "POST"])
@staff_required
def pool(meeting_id: int):
    meeting = staff_meeting(meeting_id)
    form = PoolFilterForm()
    _filter_choices(form, current_lang())
    if form.validate_on_submit():
        filters = {k: form[k].data or "" for k in pool_service.FILTER_FIELDS}
        try:
            addition = pool_service.widen_pool(current_user, meeting, filters)
        except pool_service.SelectionError as exc:
            form_error(form, exc)
        else:
            flash(
                _(
                    "The filter matched %(num)s organisations; they are now in the pool.",
                    num=len(addition.organisation_ids),
                ),
                "success",
            )
            return redirect(url_for(".pool", meeting_id=meeting.id), code=303)
    return render_template(
        "selection/pool.html",
        meeting=meeting,
        form=form,
        entries=pool_service.pool(meeting),
        additions=pool_service.pool_additions(meeting),
        labels=Labeller(current_lang()),
    )


@bp.post("/manage/meetings/<int:meeting_id>/selection/pool/<int:addition_id>/remove")
@staff_required
def remove_addition(meeting_id: int, addition_id: int):
    meeting = staff_meeting(meeting_id)
    addition = db.session.get(PoolAddition, addition_id)
    if addition is None or addition.meeting_id != meeting.id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    attempt(
        lambda: pool_service.remove_pool_addition(current_user, meeting, addition),
        done=_("The addition was removed from the pool."),
    )
    return redirect(url_for(".pool", meeting_id=meeting.id), code=303)


# --------------------------------------------------------------------------- seats, quotas


@bp.route("/manage/meetings/<int:meeting_id>/selection", methods=["GET", "POST"])
@staff_required
def setup(meeting_id: int):
    meeting = staff_meeting(meeting_id)
    labels = Labeller(current_lang())
    form = SelectionForm()
    if request.method == "GET":
        form.seats.data = meeting.seats or 10
    if form.add_row.data and len(form.quotas) < form.quotas.max_entries:
        form.quotas.append_entry()
    form.set_group_choices(labels.quota_choices())
    current = service.confirmed_selection(meeting)
    outcome: dict | None = None
    infeasible: dict | None = None
    if (form.run_preview.data or form.confirm.data) and form.validate_on_submit():
        kind = JobKind.CONFIRM if form.confirm.data else JobKind.PREVIEW
        try:
            if kind == JobKind.CONFIRM:
                guards.settle_interest(meeting, bool(form.close_interest.data))
            job = jobs.start(
                current_user,
                meeting,
                kind,
                settings_from(form),
                replace_reason=form.replace_reason.data,
                time_budget=time_budget(),
            )
        except Invalid as exc:  # the selection's refusals (SelectionError) and the guard's
            form_error(form, exc)
        else:
            dispatch_after_commit(job)
            if job.state == JobState.DONE and job.kind == JobKind.CONFIRM:
                flash(_("The selection is confirmed and frozen."), "success")
                return redirect(
                    url_for(".show", meeting_id=meeting.id, selection_id=job.selection_id),
                    code=303,
                )
            if job.state == JobState.DONE:
                outcome = preview_view(job.params["input"], job.result or {}, labels)
            elif job.state == JobState.FAILED and (job.error or {}).get("infeasible"):
                infeasible = infeasible_view((job.error or {})["infeasible"], labels)
                place_infeasible(form, infeasible)
            elif job.state == JobState.FAILED:
                form.form_errors.append(error_text(job))
            else:
                return redirect(url_for(".job", meeting_id=meeting.id, job_id=job.id), code=303)
    candidates, _names = pool_service.pool_candidates(meeting)
    pool_profile = profile_rows(pool_service.profile(candidates), {}, len(candidates), 0, labels)
    return render_template(
        "selection/setup.html",
        meeting=meeting,
        form=form,
        current=current,
        pool_size=len(candidates),
        pool_profile=pool_profile,
        outcome=outcome,
        infeasible=infeasible,
        history=service.selections_of(meeting),
        recent_jobs=jobs.jobs_of(meeting, 5),
        interest_open=guards.interest_window_open(meeting),
    )


# --------------------------------------------------------------------------- a confirmed one


def _adjust_forms(selection) -> tuple[AdjustForm, AdjustForm]:
    panel = service.selected_organisation_ids(selection)
    add = AdjustForm(prefix="add")
    remove = AdjustForm(prefix="remove")
    names = selection.names
    others = sorted(
        ((int(i), n) for i, n in names.items() if int(i) not in panel), key=lambda t: t[1].lower()
    )
    add.organisation_id.choices = others
    remove.organisation_id.choices = sorted(
        ((i, selection.name_of(i)) for i in panel), key=lambda t: t[1].lower()
    )
    return add, remove


def _selection(meeting: Meeting, selection_id: int):
    return found(service.get_selection(meeting, selection_id), "selection")


@bp.get("/manage/meetings/<int:meeting_id>/selection/<int:selection_id>")
@staff_required
def show(meeting_id: int, selection_id: int):
    meeting = staff_meeting(meeting_id)
    selection = _selection(meeting, selection_id)
    add_form, remove_form = _adjust_forms(selection)
    return _render_show(meeting, selection, add_form, remove_form)


def _render_show(meeting, selection, add_form, remove_form):
    return render_template(
        "selection/show.html",
        meeting=meeting,
        selection=selection,
        view=report_view(selection, Labeller(current_lang())),
        add_form=add_form,
        remove_form=remove_form,
    )


@bp.post("/manage/meetings/<int:meeting_id>/selection/<int:selection_id>/<any(add,remove):kind>")
@staff_required
def adjust(meeting_id: int, selection_id: int, kind: str):
    meeting = staff_meeting(meeting_id)
    selection = _selection(meeting, selection_id)
    add_form, remove_form = _adjust_forms(selection)
    form = add_form if kind == "add" else remove_form
    if form.validate_on_submit():
        which = AdjustmentKind.ADDED if kind == "add" else AdjustmentKind.REMOVED
        try:
            service.adjust(
                current_user, selection, form.organisation_id.data, which, form.reason.data
            )
        except pool_service.SelectionError as exc:
            form_error(form, exc)
        else:
            flash(_("The change was saved with its reason."), "success")
            return redirect(
                url_for(".show", meeting_id=meeting.id, selection_id=selection.id), code=303
            )
    return _render_show(meeting, selection, add_form, remove_form), 400
