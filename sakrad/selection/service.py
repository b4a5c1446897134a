"""Use cases of the diversity selection: preview, confirm (frozen), replace, adjust by hand,
publish the report, verify; and the API the invitations package uses.

Interest registration and the pool live in ``sakrad.selection.pool``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TypedDict, Unpack

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import force_locale, get_locale, gettext
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.meetings.service import OPEN_STATES, require_manage
from sakrad.selection.engine import (
    ALGORITHMS,
    Candidate,
    InfeasibleQuotas,
    Quota,
    SelectionResult,
    instance_from_dict,
    instance_to_dict,
    run_selection,
)
from sakrad.selection.engine import (
    Progress as EngineProgress,
)
from sakrad.selection.features import MULTI_VALUED, Labeller
from sakrad.selection.models import (
    REASON_MAX,
    AdjustmentKind,
    Selection,
    SelectionAdjustment,
    SelectionState,
)
from sakrad.selection.pool import SelectionError, panel_ids, pool_candidates

__all__ = [
    "InfeasibleQuotas",
    "SelectionError",
    "confirm",
    "confirmed_selection",
    "next_reserve",
    "preview",
    "prepare_confirmation",
    "prepare_preview",
    "publish_report",
    "record_confirmation",
    "reserve_organisation_ids",
    "selected_organisation_ids",
]

DEFAULT_TIME_BUDGET = 120.0


@dataclass
class Settings:
    """What the civil servant chose in the form."""

    seats: int
    quotas: list[dict[str, Any]]  # {"feature", "value", "min", "max"}
    algorithm: str = "leximin"
    max_per_umbrella: int | None = None  # at most this many per umbrella organisation


def _check(settings: Settings, pool_size: int) -> None:
    if settings.algorithm not in ALGORITHMS:
        raise SelectionError("algorithm", _l("Choose a method."), "algorithm")
    if settings.seats < 1:
        raise SelectionError("seats", _l("At least one seat, please."), "seats")
    if settings.max_per_umbrella is not None and settings.max_per_umbrella < 1:
        raise SelectionError(
            "max_per_umbrella",
            _l("At least one per umbrella, or leave it empty."),
            "max_per_umbrella",
        )
    if pool_size == 0:
        raise SelectionError(
            "empty_pool", _l("The pool is empty: no organisation has registered interest yet.")
        )
    seen = set()
    for q in settings.quotas:
        key = (q["feature"], q["value"])
        if key in seen:
            raise SelectionError(
                "duplicate_quota", _l("Each feature value can have only one quota row.")
            )
        seen.add(key)


def build_input(meeting: Meeting, settings: Settings) -> dict[str, Any]:
    """The engine input for the meeting's current pool, plus the organisations' names.

    Besides the engine's own format the frozen record keeps ``names`` ({id: name}),
    ``umbrellas`` ({id: umbrella id}) and ``max_per_umbrella``, so it re-runs as is.
    """
    candidates, names = pool_candidates(meeting)
    _check(settings, len(candidates))
    data = {
        "seats": settings.seats,
        "multi_valued": list(MULTI_VALUED),
        "candidates": candidates,
        "quotas": [
            {"feature": q["feature"], "value": q["value"], "min": q["min"], "max": q["max"]}
            for q in settings.quotas
        ],
    }
    # Canonical form: exactly what the engine reads back, so the frozen copy re-runs as is.
    frozen = instance_to_dict(instance_from_dict(data))
    frozen["names"] = names
    frozen["umbrellas"] = {c["id"]: c["umbrella"] for c in candidates if c.get("umbrella")}
    frozen["max_per_umbrella"] = settings.max_per_umbrella
    return frozen


Progress = Callable[[Mapping[str, Any]], None]
ShouldStop = Callable[[], bool]


def engine_run(
    data: Mapping[str, Any],
    seed: int,
    algorithm: str,
    budget: float | None,
    *,
    max_iterations: int | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    peel: bool | None = None,
) -> SelectionResult:
    """The one place the application calls the engine (jobs, confirmation, verification).

    Candidates carry their ``umbrella`` and the run gets ``max_per_umbrella`` from the frozen
    record; the engine keeps the limit in every panel of the distribution (the drawn panel is
    checked once more, so a broken limit could never be confirmed). ``progress`` receives the
    engine's progress as a plain mapping (what the job page stores and shows) and
    ``should_stop`` lets a cancelled job end the run between and inside solves.
    """
    umbrellas = data.get("umbrellas") or {}
    instance = instance_from_dict(
        {
            **data,
            "candidates": [
                {**c, "umbrella": umbrellas.get(str(c["id"]))} for c in data["candidates"]
            ],
        }
    )
    limit = data.get("max_per_umbrella")
    result = run_selection(
        instance,
        seed,
        algorithm,
        budget,
        max_iterations=max_iterations,
        max_per_umbrella=limit,
        progress=None if progress is None else (lambda p: progress(_progress_mapping(p))),
        should_stop=should_stop,
        peel=peel,
    )
    if limit is not None:
        _check_umbrella_limit(result.panel, umbrellas, limit)
        result.report["max_per_umbrella"] = limit
    return result


def _progress_mapping(p: EngineProgress) -> dict[str, Any]:
    """The engine's progress in the names the job page reads."""
    return {
        "phase": p.phase,
        "maximin_level": p.level,
        "maximin_upper_bound": p.bound,
        "share_fixed": p.share_fixed,
        "levels": p.levels,
        "iterations": p.iterations,
    }


def _check_umbrella_limit(panel: tuple[str, ...], umbrellas: Mapping[str, Any], limit: int) -> None:
    counts: dict[str, int] = {}
    for cid in panel:
        umbrella = umbrellas.get(cid)
        if umbrella is not None:
            counts[str(umbrella)] = counts.get(str(umbrella), 0) + 1
    if any(n > limit for n in counts.values()):
        raise SelectionError(
            "umbrella_limit",
            _l("The engine could not keep the limit per umbrella organisation in this run."),
            "max_per_umbrella",
        )


def preview(
    user: User, meeting: Meeting, settings: Settings, *, time_budget: float | None = None
) -> tuple[dict[str, Any], SelectionResult]:
    """Run the selection on the current pool with a trial seed; nothing is saved.

    Raises ``InfeasibleQuotas`` with the explanation and suggested relaxation.
    """
    params = prepare_preview(user, meeting, settings, time_budget=time_budget)
    return params["input"], run_params(params)


def prepare_preview(
    user: User, meeting: Meeting, settings: Settings, *, time_budget: float | None = None
) -> dict[str, Any]:
    """Check the settings and freeze the input of a preview job (a trial seed, nothing saved)."""
    require_manage(user, meeting)
    data = build_input(meeting, settings)
    return {
        "settings": asdict(settings),
        "input": data,
        "seed": secrets.randbits(32),
        "budget": time_budget or DEFAULT_TIME_BUDGET,
    }


class ConfirmOptions(TypedDict, total=False):
    """How a confirmation runs: the reason for replacing the confirmed selection (required
    when there is one), the engine's time budget, a fixed seed (tests; otherwise drawn)."""

    replace_reason: str | None
    time_budget: float | None
    seed: int | None


def prepare_confirmation(
    user: User, meeting: Meeting, settings: Settings, **options: Unpack[ConfirmOptions]
) -> dict[str, Any]:
    """Check that a selection may be confirmed now and freeze the input of its job.

    The seed is drawn here, by the system, and published later. If the meeting already has a
    confirmed selection, a reason is required; the job replaces that one (never deletes it).
    """
    require_manage(user, meeting)
    if meeting.state not in OPEN_STATES:
        raise SelectionError(
            "meeting_closed", _l("A meeting that has been held or cancelled gets no new selection.")
        )
    current = confirmed_selection(meeting)
    reason = (options.get("replace_reason") or "").strip()[:REASON_MAX]
    if current is not None and not reason:
        raise SelectionError(
            "reason_required",
            _l("Give the reason for replacing the confirmed selection."),
            "replace_reason",
        )
    data = build_input(meeting, settings)
    return {
        "settings": asdict(settings),
        "input": data,
        "seed": secrets.randbits(32) if options.get("seed") is None else options["seed"],
        "budget": options.get("time_budget") or DEFAULT_TIME_BUDGET,
        "replace_reason": reason or None,
        "replaces_id": current.id if current is not None else None,
    }


def settings_of(params: Mapping[str, Any]) -> Settings:
    return Settings(**params["settings"])


def run_params(
    params: Mapping[str, Any],
    *,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> SelectionResult:
    """Run the engine on a job's frozen input. Raises ``InfeasibleQuotas``."""
    return engine_run(
        params["input"],
        params["seed"],
        params["settings"]["algorithm"],
        params["budget"],
        progress=progress,
        should_stop=should_stop,
    )


def record_confirmation(
    user: User | None, meeting: Meeting, params: Mapping[str, Any], result: SelectionResult
) -> Selection:
    """Save the frozen selection computed from ``params``; the previous one is replaced."""
    # Two confirmations at once: the second waits here (row lock on PostgreSQL; SQLite
    # serialises writers) and is refused if the first one's selection is now current.
    db.session.execute(sa.select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    latest = confirmed_selection(meeting)
    if (latest.id if latest else None) != params.get("replaces_id"):
        raise SelectionError(
            "conflict",
            _l("Someone else confirmed a selection for this meeting meanwhile. Look at it first."),
        )
    current = latest
    settings = settings_of(params)
    data = params["input"]
    progress = result.report.get("progress", {})
    complete = bool(progress.get("complete", True))
    reason = params.get("replace_reason") or ""
    selection = Selection(
        meeting_id=meeting.id,
        state=SelectionState.CONFIRMED,
        algorithm=settings.algorithm,
        seed=params["seed"],
        seats=settings.seats,
        quotas=data["quotas"],
        pool=data,
        result={
            "panel": list(result.panel),
            "reserve": list(result.reserve),
            "marginals": result.marginals,
            "report": result.report,
        },
        time_budget=params["budget"],
        max_per_umbrella=settings.max_per_umbrella,
        iteration_bound=None if complete else progress.get("iterations"),
        confirmed_by_id=user.id if user is not None else None,
        confirmed_at=utcnow(),
    )
    db.session.add(selection)
    db.session.flush()
    if current is not None:
        current.state = SelectionState.REPLACED
        current.replaced_by_id = selection.id
        current.replace_reason = reason
        record(
            "selection.replaced",
            current,
            before={"state": "confirmed"},
            after={"state": "replaced", "replaced_by_id": selection.id, "reason": reason},
            actor=user,
            convening_body_id=meeting.convening_body_id,
        )
    record(
        "selection.confirmed",
        selection,
        after={
            "meeting_id": meeting.id,
            "algorithm": selection.algorithm,
            "seed": selection.seed,
            "seats": selection.seats,
            "quotas": selection.quotas,
            "max_per_umbrella": selection.max_per_umbrella,
            "panel": selection.result["panel"],
        },
        actor=user,
        convening_body_id=meeting.convening_body_id,
    )
    return selection


def confirm(
    user: User, meeting: Meeting, settings: Settings, **options: Unpack[ConfirmOptions]
) -> Selection:
    """Check, run and freeze a selection in one go (commands, tests; the pages use a job)."""
    params = prepare_confirmation(user, meeting, settings, **options)
    return record_confirmation(user, meeting, params, run_params(params))


def get_selection(meeting: Meeting, selection_id: int) -> Selection | None:
    selection = db.session.get(Selection, selection_id)
    return selection if selection is not None and selection.meeting_id == meeting.id else None


def selections_of(meeting: Meeting) -> list[Selection]:
    """Every selection of the meeting, newest first (the confirmed one and those it replaced)."""
    return list(
        db.session.scalars(
            sa.select(Selection)
            .where(Selection.meeting_id == meeting.id)
            .order_by(Selection.confirmed_at.desc(), Selection.id.desc())
        )
    )


def adjust(
    user: User, selection: Selection, organisation_id: int, kind: AdjustmentKind | str, reason: str
) -> SelectionAdjustment:
    """Add an organisation of the pool to the panel, or remove one from it, with a reason."""
    require_manage(user, selection.meeting)
    kind = AdjustmentKind(kind)
    reason = (reason or "").strip()
    if not selection.is_confirmed:
        raise SelectionError("replaced", _l("A replaced selection cannot be changed."))
    if not reason:
        raise SelectionError("reason_required", _l("Give the reason for the change."), "reason")
    panel = selected_organisation_ids(selection)
    if kind == AdjustmentKind.ADDED:
        if str(organisation_id) not in selection.names:
            raise SelectionError(
                "not_in_pool", _l("Only organisations in the pool can be added."), "organisation_id"
            )
        if organisation_id in panel:
            raise SelectionError(
                "already_selected", _l("The organisation is already selected."), "organisation_id"
            )
    elif organisation_id not in panel:
        raise SelectionError(
            "not_selected", _l("The organisation is not among the selected."), "organisation_id"
        )
    adjustment = SelectionAdjustment(
        selection=selection,
        organisation_id=organisation_id,
        kind=kind,
        reason=reason[:REASON_MAX],
        by_id=user.id,
        at=utcnow(),
    )
    db.session.add(adjustment)
    record(
        f"selection.organisation_{kind.value}",
        selection,
        after={"organisation_id": organisation_id, "reason": adjustment.reason},
        convening_body_id=selection.meeting.convening_body_id,
        public=selection.report_published_at is not None,
    )
    return adjustment


# --------------------------------------------------------------------------- for invitations


def confirmed_selection(meeting: Meeting) -> Selection | None:
    """The meeting's current confirmed selection, if any."""
    return db.session.scalar(
        sa.select(Selection)
        .where(Selection.meeting_id == meeting.id, Selection.state == SelectionState.CONFIRMED)
        .order_by(Selection.id.desc())
        .limit(1)
    )


def selected_organisation_ids(selection: Selection) -> list[int]:
    """The panel after manual additions and removals."""
    return panel_ids(selection)


def reserve_organisation_ids(selection: Selection) -> list[int]:
    """The ordered reserve list, without organisations added to the panel by hand."""
    panel = set(selected_organisation_ids(selection))
    return [int(i) for i in selection.result.get("reserve", []) if int(i) not in panel]


def _candidates(selection: Selection) -> dict[str, Candidate]:
    instance = instance_from_dict(selection.pool)
    return {c.id: c for c in instance.candidates}


def _quotas(selection: Selection) -> list[Quota]:
    return list(instance_from_dict(selection.pool).quotas)


def _breaks(members: list[Candidate], quotas: list[Quota]) -> list[Quota]:
    out = []
    for q in quotas:
        n = sum(1 for c in members if c.has(q.feature, q.value))
        if n < q.min or n > q.max:
            out.append(q)
    return out


def next_reserve(
    selection: Selection, current_org_ids: set[int], leaving_org_id: int, exclude_ids: set[int]
) -> tuple[int | None, str | None]:
    """The first reserve whose addition, with ``leaving_org_id`` removed, keeps every quota
    of the selection satisfied. Else ``(None, message)`` naming the blocking quota in the
    current language."""
    cands = _candidates(selection)
    quotas = _quotas(selection)

    def cand(org_id: int) -> Candidate:
        return cands.get(str(org_id)) or Candidate(id=str(org_id), features={})

    rest = [cand(i) for i in sorted(current_org_ids) if i != leaving_org_id]
    blocking: dict[Quota, int] = {}
    for org_id in reserve_organisation_ids(selection):
        if org_id in current_org_ids or org_id == leaving_org_id or org_id in exclude_ids:
            continue
        broken = _breaks([*rest, cand(org_id)], quotas)
        if not broken:
            return org_id, None
        for q in broken:
            blocking[q] = blocking.get(q, 0) + 1
    worst = max(sorted(blocking), key=lambda q: blocking[q]) if blocking else None
    if has_request_context():
        return None, _no_reserve_message(worst)
    # Called from a command or a job: no visitor's language, so the default one.
    with force_locale("sv"):
        return None, _no_reserve_message(worst)


def _no_reserve_message(worst: Quota | None) -> str:
    if worst is None:
        return gettext("The reserve list is used up.")
    labels = Labeller(str(get_locale() or "sv"))
    return gettext(
        "No reserve fits: the quota %(quota)s (minimum %(min)s, maximum %(max)s) would be broken.",
        quota=labels.quota(worst.feature, worst.value),
        min=worst.min,
        max=worst.max,
    )


def publish_report(selection: Selection, *, now: datetime | None = None) -> None:
    """Make the selection report public (the invitations package calls this on sending)."""
    if selection.report_published_at is not None:
        return
    selection.report_published_at = now or utcnow()
    record(
        "selection.report_published",
        selection,
        after={"report_published_at": selection.report_published_at},
        convening_body_id=selection.meeting.convening_body_id,
        public=True,
    )


# --------------------------------------------------------------------------- verification


@dataclass
class Verification:
    matches: bool
    published_panel: list[str]
    recomputed_panel: list[str]
    complete: bool  # whether the original run finished leximin within its time budget
    published_engine: str  # the engine version the report records ("" if none)
    recomputed_engine: str
    peel: bool  # whether the run was repeated peeling the lottery (as the original did)


def _recorded_peel(report: Mapping[str, Any]) -> bool:
    """Whether the run peeled its lottery. Reports say so in ``method``; the first 1.2 runs
    did not record it and always peeled; engines before 1.2 only knew column generation."""
    if "method" in report:
        return bool(report["method"].get("peel", False))
    return report.get("engine_version") == "sakrad-selection-engine 1.2"


def verify(selection: Selection) -> Verification:
    """Re-run the engine on the frozen input with the published seed."""
    report = selection.result.get("report", {})
    progress = report.get("progress", {})
    complete = bool(progress.get("complete", True))
    # A run that finished needs no budget. One that the clock cut short is re-run for exactly
    # as many iterations as it did (its recorded iteration bound), which reproduces it on any
    # machine.
    iterations = None
    if not complete:
        iterations = selection.iteration_bound or progress.get("iterations")
    budget = None if complete or iterations is not None else selection.time_budget
    data = {**selection.pool, "max_per_umbrella": selection.max_per_umbrella}
    result = engine_run(
        data,
        selection.seed,
        selection.algorithm,
        budget,
        max_iterations=iterations,
        peel=_recorded_peel(report),  # the way the original run built its lottery
    )
    published = [str(i) for i in selection.result.get("panel", [])]
    recomputed = list(result.panel)
    return Verification(
        published == recomputed,
        published,
        recomputed,
        complete,
        published_engine=str(report.get("engine_version", "")),
        recomputed_engine=str(result.report["engine_version"]),
        peel=_recorded_peel(report),
    )
