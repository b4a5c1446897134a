"""Previews and confirmations as background jobs, with progress any app server can show.

Where a job runs is configuration, never code: with ``JOB_QUEUE_URL`` (Redis) it goes to RQ
workers (``flask sakrad worker`` or plain ``rq worker <JOB_QUEUE_NAME>``, on any machine);
without one a thread of the app process runs it (``make run`` needs nothing more); with
``JOB_RUN_EAGERLY`` (tests) the request that starts it runs it.

The ``selection_jobs`` row is the truth. The worker claims a queued job, writes a heartbeat
and the engine's progress every ``JOB_HEARTBEAT_SECONDS`` from a side thread, and finishes
it; every write is guarded by the state it expects, so a job that was cancelled, or given up
as lost because its heartbeat went stale (a worker killed mid-run), never comes back.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, cast

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.db import utcnow
from sakrad.errors import Conflict
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.meetings.service import require_manage
from sakrad.selection import service
from sakrad.selection.engine import Cancelled, InfeasibleQuotas
from sakrad.selection.models import JobKind, JobState, SelectionJob
from sakrad.selection.pool import SelectionError

log = logging.getLogger(__name__)

LOST = "lost"
_table = cast(sa.Table, SelectionJob.__table__)


# --------------------------------------------------------------------------- starting


def start(
    user: User,
    meeting: Meeting,
    kind: JobKind,
    settings: service.Settings,
    *,
    replace_reason: str | None = None,
    time_budget: float | None = None,
) -> SelectionJob:
    """Check the settings now (errors go back to the form) and queue the job.

    The caller commits, then calls :func:`dispatch` (the worker must see the row)."""
    if kind == JobKind.CONFIRM:
        params = service.prepare_confirmation(
            user, meeting, settings, replace_reason=replace_reason, time_budget=time_budget
        )
    else:
        params = service.prepare_preview(user, meeting, settings, time_budget=time_budget)
    return _new_job(user, meeting, kind, params)


def confirm_preview(user: User, preview: SelectionJob, replace_reason: str | None) -> SelectionJob:
    """Confirm what a finished preview showed: the same settings on the same pool."""
    meeting = preview.meeting
    if preview.kind != JobKind.PREVIEW or preview.state != JobState.DONE:
        raise Conflict(_l("Only a finished preview can be confirmed."), code="not_previewed")
    settings = service.settings_of(preview.params)
    params = service.prepare_confirmation(
        user,
        meeting,
        settings,
        replace_reason=replace_reason,
        time_budget=preview.params.get("budget"),
    )
    if params["input"]["candidates"] != preview.params["input"]["candidates"]:
        raise SelectionError(
            "pool_changed",
            _l("The pool has changed since this preview. Run a new preview first."),
        )
    return _new_job(user, meeting, JobKind.CONFIRM, params)


def retry(user: User, job: SelectionJob) -> SelectionJob:
    """A new job with the same frozen input, for a job that failed or was cancelled."""
    require_manage(user, job.meeting)
    if job.state not in (JobState.FAILED, JobState.CANCELLED):
        raise Conflict(_l("Only a failed or cancelled run can be retried."), code="not_failed")
    new = _new_job(user, job.meeting, job.kind, dict(job.params))
    new.retry_of_id = job.id
    return new


def _new_job(user: User, meeting: Meeting, kind: JobKind, params: dict[str, Any]) -> SelectionJob:
    job = SelectionJob(
        meeting_id=meeting.id,
        kind=kind,
        state=JobState.QUEUED,
        params=params,
        progress={"pool_size": len(params["input"]["candidates"]), "budget": params["budget"]},
        created_by_id=user.id,
        created_at=utcnow(),
    )
    db.session.add(job)
    db.session.flush()
    return job


def dispatch(job_id: int) -> None:
    """Hand a committed job to whatever runs jobs in this configuration."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("JOB_RUN_EAGERLY"):
        execute(job_id, heartbeat=False)
        return
    url = app.config.get("JOB_QUEUE_URL")
    if url:
        _queue(app).enqueue(
            "sakrad.selection.jobs.rq_perform",
            job_id,
            job_id=f"sakrad-selection-{job_id}",
            # RQ kills a run that outlives its budget by far; the row then goes stale.
            job_timeout=int(_budget_of(job_id) * 1.1) + 120,
            result_ttl=3600,
            failure_ttl=86400,
        )
        return
    thread = threading.Thread(
        target=_run_in_thread, args=(app, job_id), name=f"selection-job-{job_id}", daemon=True
    )
    thread.start()


def _budget_of(job_id: int) -> float:
    job = db.session.get(SelectionJob, job_id)
    return float((job.params if job else {}).get("budget") or service.DEFAULT_TIME_BUDGET)


def _queue(app: Flask):
    from redis import Redis
    from rq import Queue

    return Queue(
        app.config["JOB_QUEUE_NAME"], connection=Redis.from_url(app.config["JOB_QUEUE_URL"])
    )


def _run_in_thread(app: Flask, job_id: int) -> None:
    with app.app_context():
        try:
            execute(job_id)
        finally:
            db.session.remove()


_worker_app: Flask | None = None


def rq_perform(job_id: int) -> None:
    """The RQ entry point. ``flask sakrad worker`` gives it the app; plain ``rq worker``
    does not, so it builds one from the environment (as ``wsgi.py`` does)."""
    global _worker_app
    if has_app_context():
        # RQ forks a work horse per job: connections inherited from the parent stay its own.
        db.engine.dispose(close=False)
        execute(job_id)
        return
    if _worker_app is None:
        from sakrad import create_app

        _worker_app = create_app()
    with _worker_app.app_context():
        try:
            execute(job_id)
        finally:
            db.session.remove()


# --------------------------------------------------------------------------- running


def _guarded_update(conn: Any, job_id: int, expect: tuple[JobState, ...], **values: Any) -> bool:
    stmt = (
        sa.update(_table)
        .where(_table.c.id == job_id, _table.c.state.in_([s.value for s in expect]))
        .values(**values)
    )
    return conn.execute(stmt).rowcount == 1


class _Watch:
    """The run's side thread: heartbeat and progress out, cancellation in."""

    def __init__(self, job_id: int, interval: float) -> None:
        self.job_id = job_id
        self.interval = interval
        self.progress: dict[str, Any] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    def report(self, update: Mapping[str, Any]) -> None:
        with self.lock:
            self.progress.update({k: v for k, v in update.items() if _jsonable(v)})

    def should_stop(self) -> bool:
        return self.stop.is_set()

    def beat(self) -> None:
        with self.lock:
            progress = dict(self.progress)
        with db.engine.begin() as conn:
            alive = _guarded_update(
                conn,
                self.job_id,
                (JobState.RUNNING,),
                heartbeat_at=utcnow(),
                progress=progress,
            )
            cancel = conn.execute(
                sa.select(_table.c.cancel_requested).where(_table.c.id == self.job_id)
            ).scalar()
        if not alive or cancel:
            self.stop.set()

    def start(self, app: Flask) -> None:
        def loop() -> None:
            with app.app_context():
                while not self.done.wait(self.interval):
                    try:
                        self.beat()
                    except Exception:  # a database hiccup must not kill the run
                        log.exception("selection job %s: heartbeat failed", self.job_id)

        self.thread = threading.Thread(target=loop, name=f"job-{self.job_id}-beat", daemon=True)
        self.thread.start()

    def finish(self) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


def _jsonable(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | list | dict)


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def execute(job_id: int, *, heartbeat: bool = True) -> None:
    """Run one job to its end: done, failed or cancelled. Safe to call twice."""
    now = utcnow()
    claimed = _guarded_update(
        db.session,
        job_id,
        (JobState.QUEUED,),
        state=JobState.RUNNING.value,
        started_at=now,
        heartbeat_at=now,
        worker=_worker_name(),
    )
    db.session.commit()
    if not claimed:
        return
    job = db.session.get(SelectionJob, job_id)
    assert job is not None
    params = job.params
    watch = _Watch(job_id, float(current_app.config.get("JOB_HEARTBEAT_SECONDS", 1.0)))
    watch.report({**(job.progress or {}), "phase": "solving"})
    if heartbeat:
        watch.start(current_app._get_current_object())  # type: ignore[attr-defined]
    try:
        result = service.run_params(params, progress=watch.report, should_stop=watch.should_stop)
    except InfeasibleQuotas as exc:
        watch.finish()
        _fail(job_id, {"code": "infeasible", "infeasible": exc.to_dict()})
        return
    except Cancelled:
        watch.finish()  # the user cancelled: the engine stopped within a second
        db.session.rollback()
        _finish_cancelled(job_id)
        return
    except Exception as exc:
        watch.finish()
        log.exception("selection job %s failed", job_id)
        _fail(job_id, _error_of(exc))
        return
    watch.finish()
    db.session.expire_all()
    job = db.session.get(SelectionJob, job_id)
    if job is None or job.state != JobState.RUNNING or job.cancel_requested:
        _finish_cancelled(job_id)
        return
    if job.kind == JobKind.PREVIEW:
        _finish(job_id, result=_preview_result(result))
        return
    try:
        selection = service.record_confirmation(job.created_by, job.meeting, params, result)
    except SelectionError as exc:
        db.session.rollback()
        _fail(job_id, _error_of(exc))
        return
    if not _finish(job_id, selection_id=selection.id):
        return
    log.info("selection job %s confirmed selection %s", job_id, selection.id)


def _preview_result(result: Any) -> dict[str, Any]:
    return {
        "panel": list(result.panel),
        "reserve": list(result.reserve),
        "marginals": result.marginals,
        "report": result.report,
    }


def _error_of(exc: Exception) -> dict[str, Any]:
    if isinstance(exc, SelectionError):
        # The English text is the message id: the page translates it for its reader.
        with force_locale("en"):
            return {"code": exc.code, "message": str(exc.message), "field": exc.field}
    return {"code": "error", "message": type(exc).__name__}


def _finish(job_id: int, **values: Any) -> bool:
    """Done, in the same transaction as what the job wrote (a confirmed selection)."""
    ok = _guarded_update(
        db.session,
        job_id,
        (JobState.RUNNING,),
        state=JobState.DONE.value,
        finished_at=utcnow(),
        heartbeat_at=utcnow(),
        **values,
    )
    if ok:
        db.session.commit()
    else:  # cancelled or given up meanwhile: what it computed is not kept
        db.session.rollback()
        _finish_cancelled(job_id)
    return ok


def _fail(job_id: int, error: dict[str, Any]) -> None:
    db.session.rollback()
    _guarded_update(
        db.session,
        job_id,
        (JobState.RUNNING, JobState.QUEUED),
        state=JobState.FAILED.value,
        finished_at=utcnow(),
        error=error,
    )
    db.session.commit()


def _finish_cancelled(job_id: int) -> None:
    _guarded_update(
        db.session,
        job_id,
        (JobState.RUNNING,),
        state=JobState.CANCELLED.value,
        finished_at=utcnow(),
    )
    db.session.commit()


# --------------------------------------------------------------------------- the web side


def get_job(meeting: Meeting, job_id: int) -> SelectionJob | None:
    job = db.session.get(SelectionJob, job_id)
    return job if job is not None and job.meeting_id == meeting.id else None


def cancel(user: User, job: SelectionJob) -> None:
    """Stop a job: a queued one never starts, a running one is told to stop and is shown as
    cancelled at once (its result, if it still comes, is thrown away)."""
    require_manage(user, job.meeting)
    if job.state.finished:
        raise Conflict(_l("This run has already ended."), code="finished")
    db.session.execute(sa.update(_table).where(_table.c.id == job.id).values(cancel_requested=True))
    _guarded_update(
        db.session,
        job.id,
        (JobState.QUEUED, JobState.RUNNING),
        state=JobState.CANCELLED.value,
        finished_at=utcnow(),
    )
    db.session.expire(job)


def give_up_if_lost(job: SelectionJob) -> bool:
    """A running job whose heartbeat is older than ``JOB_STALE_SECONDS`` lost its worker: it
    is marked failed (with a retry button), never shown as running forever."""
    if job.state != JobState.RUNNING or job.heartbeat_at is None:
        return False
    stale = timedelta(seconds=float(current_app.config.get("JOB_STALE_SECONDS", 30)))
    if job.heartbeat_at > utcnow() - stale:
        return False
    db.session.execute(
        sa.update(_table)
        .where(
            _table.c.id == job.id,
            _table.c.state == JobState.RUNNING.value,
            _table.c.heartbeat_at == job.heartbeat_at,
        )
        .values(state=JobState.FAILED.value, finished_at=utcnow(), error={"code": LOST})
    )
    db.session.expire(job)
    return True


def jobs_of(meeting: Meeting, limit: int = 10) -> list[SelectionJob]:
    return list(
        db.session.scalars(
            sa.select(SelectionJob)
            .where(SelectionJob.meeting_id == meeting.id)
            .order_by(SelectionJob.id.desc())
            .limit(limit)
        )
    )
