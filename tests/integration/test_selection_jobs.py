"""Selection jobs on real RQ workers on the machine's Redis (SAKRAD_TEST_REDIS_URL): a civil
servant previews, watches the progress, cancels a run, starts another and confirms it; a worker
killed mid-run (kill -9) leaves a job that shows as failed, and a retry completes it.

The workers are ``flask sakrad worker`` subprocesses on the same database (a file SQLite here,
or the PostgreSQL of SAKRAD_TEST_DATABASE_URL), each on a queue of its own."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.selection.models import JobKind, JobState, Selection, SelectionJob
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL
from tests.selection_factories import big_pool_quotas, make_big_pool, open_meeting, staff

REDIS_URL = os.environ.get("SAKRAD_TEST_REDIS_URL")
ROOT = Path(__file__).resolve().parents[2]
FLASK = str(Path(sys.executable).with_name("flask"))
BUDGET = 12.0  # seconds per run: the big pool does not finish leximin within it
WAIT = 120.0  # the longest any wait below may take before the test fails

pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="set SAKRAD_TEST_REDIS_URL to run selection jobs on RQ workers"
)


@pytest.fixture
def queue_name() -> str:
    return f"sakrad-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def app_config(tmp_path, queue_name):
    url = TEST_DATABASE_URL if IS_POSTGRES else f"sqlite:///{tmp_path / 'jobs.sqlite'}"
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "JOB_RUN_EAGERLY": False,
        "JOB_QUEUE_URL": REDIS_URL,
        "JOB_QUEUE_NAME": queue_name,
        "JOB_STALE_SECONDS": 4.0,
        "SELECTION_TIME_BUDGET": BUDGET,
    }


@pytest.fixture
def workers(app, tmp_path, queue_name):
    """Starts ``flask sakrad worker`` processes, each in a session of its own so that
    kill -9 reaches its work horse too; stops the ones still running at the end."""
    started: list[subprocess.Popen] = []
    env = {
        **os.environ,
        "SAKRAD_ENV": "development",
        "SECRET_KEY": "worker-test",
        "SAKRAD_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SAKRAD_JOB_QUEUE_URL": REDIS_URL,
        "SAKRAD_JOB_QUEUE_NAME": queue_name,
        "SAKRAD_INSTANCE_PATH": str(tmp_path / "instance"),
        "SAKRAD_JOB_HEARTBEAT_SECONDS": "0.5",
        "FLASK_APP": "wsgi",
    }

    def start(*extra: str, long_runs: bool = False) -> subprocess.Popen:
        log = open(tmp_path / f"worker{len(started)}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [FLASK, "sakrad", "worker", *extra],
            cwd=ROOT,
            # Runs long enough to be watched and killed mid-run: column generation alone (peeling
            # ends in about a second). The report records it, so verify repeats it the same way.
            env={**env, "SAKRAD_SELECTION_PEEL": "0"} if long_runs else env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def big(app):
    with app.app_context():
        meeting = open_meeting()
        make_big_pool(meeting, 3000)
        user = staff(meeting)
        return {"meeting": meeting.id, "email": user.email}


def _form(**extra) -> dict:
    data = {"seats": 40, "algorithm": "leximin", **extra}
    for n, (group, low, high) in enumerate(big_pool_quotas()):
        data[f"quotas-{n}-group"] = group
        data[f"quotas-{n}-min"] = low
        data[f"quotas-{n}-max"] = "" if high is None else high
    return data


def _job_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    match = re.search(r"/selection/jobs/(\d+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _status(client, meeting_id: int, job_id: int) -> dict:
    response = client.get(f"/manage/meetings/{meeting_id}/selection/jobs/{job_id}.json")
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def _wait(client, meeting_id: int, job_id: int, until) -> dict:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        status = _status(client, meeting_id, job_id)
        if until(status):
            return status
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} never reached the state wanted; last: {status}")


def test_preview_cancel_preview_confirm_on_an_rq_worker(client, auth, app, big, workers):
    auth.login(big["email"])
    m = big["meeting"]
    setup = f"/manage/meetings/{m}/selection"
    workers(long_runs=True)  # the first preview must still run when it is seen twice

    # A preview runs on the worker; its page and JSON show it running and moving on.
    first = _job_id(client.post(setup, data=_form(run_preview="P")))
    running = _wait(client, m, first, lambda s: s["state"] == "running" and s["elapsed"] > 0)
    page = client.get(f"{setup}/jobs/{first}")
    assert page.status_code == 200
    assert page.headers["Refresh"]  # without JavaScript the page reloads itself
    text = page.get_data(as_text=True)
    assert "<progress" in text and "3000" in text.replace("\u00a0", "").replace(" ", "")
    later = _wait(client, m, first, lambda s: s["elapsed"] > running["elapsed"])
    assert later["state"] == "running"
    # With the cookie set by the page's script, polling replaces the Refresh header.
    client.set_cookie("sakrad_js", "1")
    assert "Refresh" not in client.get(f"{setup}/jobs/{first}").headers
    client.delete_cookie("sakrad_js")

    # Cancel: shown as cancelled at once, and what the worker still computes is thrown away.
    assert client.post(f"{setup}/jobs/{first}/cancel").status_code == 303
    assert _status(client, m, first)["state"] == "cancelled"

    # Another preview: it waits for the worker, then finishes with a preview.
    second = _job_id(client.post(setup, data=_form(run_preview="P")))
    _wait(client, m, second, lambda s: s["finished"])
    assert _status(client, m, second)["state"] == "done"
    preview = client.get(f"{setup}/jobs/{second}").get_data(as_text=True)
    assert "preview-title" in preview and "job-confirm" in preview
    with app.app_context():
        assert db.session.get(SelectionJob, first).result is None
        assert db.session.get(SelectionJob, first).state == JobState.CANCELLED

    # Confirm what the preview showed: a confirmation job, then the frozen selection.
    # The interest registration is still open: closing it now is part of confirming.
    third = _job_id(client.post(f"{setup}/jobs/{second}/confirm", data={"close_interest": "y"}))
    _wait(client, m, third, lambda s: s["finished"])
    done = client.get(f"{setup}/jobs/{third}")
    assert done.status_code == 303 and "/selection/" in done.headers["Location"]
    shown = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Urvalet är fastställt och låst." in shown
    with app.app_context():
        job = db.session.get(SelectionJob, third)
        assert job.kind == JobKind.CONFIRM and job.state == JobState.DONE
        selection = db.session.get(Selection, job.selection_id)
        assert len(selection.result["panel"]) == 40
        assert selection.time_budget == BUDGET
        # A run the budget cut short records its iteration bound, so verify can reproduce it.
        progress = selection.result["report"]["progress"]
        expected = None if progress["complete"] else progress["iterations"]
        assert selection.iteration_bound == expected

    # `flask sakrad selection verify` reproduces the job's result from the record alone.
    result = app.test_cli_runner().invoke(args=["sakrad", "selection", "verify", str(m)])
    assert result.exit_code == 0, result.output
    assert "OK: the panel matches" in result.output
    assert "(column generation)" in result.output  # as the worker ran it, not as this process would


def test_a_job_whose_worker_is_killed_shows_failed_and_a_retry_completes(
    client, auth, app, big, workers
):
    auth.login(big["email"])
    m = big["meeting"]
    setup = f"/manage/meetings/{m}/selection"
    worker = workers(long_runs=True)
    job_id = _job_id(client.post(setup, data=_form(run_preview="P")))
    _wait(client, m, job_id, lambda s: s["state"] == "running" and s["elapsed"] > 1)

    # kill -9 the worker and the work horse it forked for the job (RQ puts the horse in a
    # session of its own; the job row names the process that runs it).
    with app.app_context():
        horse = int(db.session.get(SelectionJob, job_id).worker.rsplit(":", 1)[1])
    assert horse != worker.pid
    os.kill(worker.pid, signal.SIGKILL)
    os.kill(horse, signal.SIGKILL)
    worker.wait()
    failed = _wait(client, m, job_id, lambda s: s["finished"])
    assert failed["state"] == "failed"
    page = client.get(f"{setup}/jobs/{job_id}").get_data(as_text=True)
    assert 'id="job-retry"' in page and "Refresh" not in page
    with app.app_context():
        assert db.session.get(SelectionJob, job_id).error == {"code": "lost"}

    retried = _job_id(client.post(f"{setup}/jobs/{job_id}/retry"))
    assert retried != job_id
    assert _status(client, m, retried)["state"] == "queued"
    workers("--burst")
    done = _wait(client, m, retried, lambda s: s["finished"])
    assert done["state"] == "done"
    with app.app_context():
        job = db.session.get(SelectionJob, retried)
        assert (
            job.retry_of_id == job_id and job.params == db.session.get(SelectionJob, job_id).params
        )
        assert len(job.result["panel"]) == 40
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 0
        assert db.session.get(Meeting, m) is not None
