"""Pieces the selection's route modules share: the staff's meeting lookup, the settings the
selection form gives, handing a job on after the commit, and how a job's result or
infeasibility is shown."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, after_this_request, current_app
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.meetings.service import can_manage
from sakrad.selection import jobs, service
from sakrad.selection.chart import profile_rows
from sakrad.selection.features import Labeller
from sakrad.selection.forms import SelectionForm
from sakrad.selection.models import JobState, SelectionJob


def staff_meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    if not can_manage(current_user, meeting):
        abort(403)
    return meeting


def settings_from(form: SelectionForm) -> service.Settings:
    """The selection form's seats, quotas, method and umbrella limit (the setup page and the
    check page before confirming read the same)."""
    seats = form.seats.data
    quotas = []
    for row, feature, value in form.quota_rows():
        low = row.min.data if row.min.data is not None else 0
        high = row.max.data if row.max.data is not None else seats
        quotas.append({"feature": feature, "value": value, "min": low, "max": high})
    return service.Settings(
        seats=seats,
        quotas=quotas,
        algorithm=form.algorithm.data,
        max_per_umbrella=form.max_per_umbrella.data,
    )


def time_budget() -> float:
    return float(current_app.config.get("SELECTION_TIME_BUDGET", service.DEFAULT_TIME_BUDGET))


def preview_view(data: dict[str, Any], result: dict[str, Any], labels: Labeller) -> dict:
    """A finished preview job's result as the page shows it."""
    report = result["report"]
    names = data["names"]
    panel = set(result["panel"])
    probabilities = sorted(
        ((names[cid], p, cid in panel) for cid, p in result["marginals"].items()),
        key=lambda t: (-t[1], t[0].lower()),
    )
    return {
        "report": report,
        "panel": sorted(names[cid] for cid in result["panel"]),
        "reserve": [names[cid] for cid in result["reserve"]],
        "probabilities": probabilities,
        "profiles": profile_rows(
            report["pool_profile"],
            report["selected_profile"],
            report["pool_size"],
            len(result["panel"]),
            labels,
        ),
    }


# Problems about a maximum: their message goes to the quota row's maximum field.
_MAX_KINDS = frozenset({"include_exceeds_max", "sum_max_below_seats"})
_UMBRELLA_KINDS = frozenset({"umbrella_pool_too_small", "umbrella_conflict"})


def _readable(problem: dict[str, Any], labels: Labeller) -> str:
    """The engine's explanation with the labels the form shows instead of its codes
    ("county_group=national" becomes "Big-city counties or rest of Sweden: National
    organisations")."""
    text = str(problem["message_en" if labels.lang == "en" else "message_sv"])
    feature, value = problem.get("feature"), problem.get("value")
    if feature and value is not None:
        label = _("“%(label)s”", label=labels.quota(feature, value))
        text = text.replace(f"{feature}={value}", label)
    elif feature:
        label = _("“%(label)s”", label=labels.feature(feature))
        text = re.sub(rf"\b{re.escape(feature)}\b", label, text)
    return text[:1].upper() + text[1:]


def infeasible_view(infeasible: dict[str, Any], labels: Labeller) -> dict:
    """Why the quotas cannot be met (a failed job's ``error["infeasible"]``), in words."""
    return {
        "problems": [{**p, "text": _readable(p, labels)} for p in infeasible["problems"]],
        "relaxations": [
            {**r, "label": labels.quota(r["feature"], r["value"])}
            for r in infeasible["relaxations"]
        ],
    }


def place_infeasible(form: SelectionForm, view: dict) -> None:
    """Put each reason next to the field it is about (the quota row, the seats, the umbrella
    limit), so the error summary links to it; give each suggested change its row's link."""
    rows = form.quota_rows()
    for problem in view["problems"]:
        field = _field_of(form, rows, problem)
        if field is None:
            form.form_errors.append(problem["text"])
        else:
            field.errors = [*field.errors, problem["text"]]
    for relaxation in view["relaxations"]:
        row = _row_of(rows, relaxation["feature"], relaxation["value"])
        relaxation["href"] = f"#{row.min.id}" if row is not None else None


def _row_of(rows: list, feature: str | None, value: str | None):
    return next((row for row, f, v in rows if f == feature and (value is None or v == value)), None)


def _field_of(form: SelectionForm, rows: list, problem: dict[str, Any]):
    kind, feature = problem.get("kind"), problem.get("feature")
    if feature:
        row = _row_of(rows, feature, problem.get("value"))
        if row is None:
            return None
        return row.max if kind in _MAX_KINDS else row.min
    return form.max_per_umbrella if kind in _UMBRELLA_KINDS else form.seats


def dispatch_after_commit(job: SelectionJob) -> None:
    """Run the job now (eager configuration) or hand it on once the request committed."""
    if current_app.config.get("JOB_RUN_EAGERLY"):
        jobs.dispatch(job.id)
        db.session.refresh(job)
        return
    job_id = job.id

    @after_this_request
    def _dispatch(response):
        jobs.dispatch(job_id)
        return response


def error_text(job: SelectionJob) -> str | None:
    error = job.error or {}
    if job.state != JobState.FAILED:
        return None
    if error.get("code") == jobs.LOST:
        return _(
            "The worker running this job stopped answering (it may have been restarted). "
            "Nothing was saved. Retry to run it again."
        )
    if error.get("message") and error.get("code") != "error":
        return _(error["message"])
    return _("The run failed. Nothing was saved. Retry to run it again.")
