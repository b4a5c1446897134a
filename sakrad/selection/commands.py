"""``flask sakrad selection ...``: re-run a confirmed selection, or run the engine on a file."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from sakrad.selection.engine import ALGORITHMS, InfeasibleQuotas


@contextmanager
def _solver_banner_to_stderr() -> Iterator[None]:
    """HiGHS prints a banner on file descriptor 1 when first used; keep stdout pure JSON."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (embedded use)
        yield
        return
    os.dup2(2, 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


@click.group("selection", cls=AppGroup)
def selection_cli() -> None:
    """Diversity selection: verify a published selection or run the engine on a JSON file."""


@selection_cli.command("verify")
@click.argument("meeting_id", type=int)
def verify(meeting_id: int) -> None:
    """Re-run the meeting's confirmed selection on its frozen input with the published seed."""
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting
    from sakrad.selection import service

    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise click.ClickException(f"no meeting {meeting_id}")
    selection = service.confirmed_selection(meeting)
    if selection is None:
        raise click.ClickException(f"meeting {meeting_id} has no confirmed selection")
    with _solver_banner_to_stderr():
        outcome = service.verify(selection)
    click.echo(f"meeting {meeting_id}, selection {selection.id}")
    click.echo(f"algorithm {selection.algorithm}, seed {selection.seed}")
    limit = selection.max_per_umbrella
    click.echo(f"at most per umbrella: {limit if limit is not None else 'no limit'}")
    method = "peeling, then column generation" if outcome.peel else "column generation"
    click.echo(f"engine: published by {outcome.published_engine or 'unknown'},")
    click.echo(f"        re-run by {outcome.recomputed_engine} ({method})")
    click.echo(f"published panel:  {' '.join(outcome.published_panel)}")
    click.echo(f"recomputed panel: {' '.join(outcome.recomputed_panel)}")
    if not outcome.complete:
        click.echo(
            "note: the original run stopped at its time budget before full leximin; "
            "it was re-run for the same number of iterations"
        )
    if outcome.matches:
        click.echo("OK: the panel matches")
        return
    click.echo("MISMATCH: the recomputed panel differs from the published one")
    if outcome.published_engine != outcome.recomputed_engine:
        click.echo(
            f"the selection was made by {outcome.published_engine or 'an unrecorded engine'}: "
            "verify it with that version of Sakråd (the report also names its HiGHS version)"
        )
    sys.exit(1)


@selection_cli.command("run")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True, help="The random seed.")
@click.option("--algorithm", type=click.Choice(ALGORITHMS), default="leximin", show_default=True)
@click.option(
    "--time-budget", type=float, default=60.0, show_default=True, help="Seconds for leximin."
)
@click.option(
    "--max-iterations",
    type=int,
    default=None,
    help="Stop leximin after this many iterations instead of by the clock: pass a published "
    "report's progress.iterations to reproduce a run that its time budget cut short.",
)
@click.option(
    "--max-per-umbrella",
    type=click.IntRange(min=1),
    default=None,
    help='At most this many selected per umbrella organisation (candidates\' "umbrella"). '
    'Default: the file\'s "max_per_umbrella", else no limit.',
)
def run(
    file: Path,
    seed: int,
    algorithm: str,
    time_budget: float,
    max_iterations: int | None,
    max_per_umbrella: int | None,
) -> None:
    """Run the engine on FILE (no database) and print the report as JSON."""
    from sakrad.selection.service import SelectionError, engine_run

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        if max_per_umbrella is not None:
            data["max_per_umbrella"] = max_per_umbrella
        with _solver_banner_to_stderr():
            report = engine_run(
                _with_umbrella_map(data),
                seed,
                algorithm,
                time_budget,
                max_iterations=max_iterations,
            ).report
    except InfeasibleQuotas as exc:
        click.echo(json.dumps({"infeasible": exc.to_dict()}, ensure_ascii=False, indent=1))
        sys.exit(2)
    except SelectionError as exc:
        raise click.ClickException(str(exc.message)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"invalid input: {exc}") from exc
    click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1))


def _with_umbrella_map(data: dict) -> dict:
    """A file may give each candidate its ``umbrella`` (the documented format) or, as the
    frozen input downloaded from a meeting page does, an ``umbrellas`` map {id: umbrella}."""
    umbrellas = dict(data.get("umbrellas") or {})
    for c in data.get("candidates", []):
        if c.get("umbrella") is not None:
            umbrellas[str(c["id"])] = str(c["umbrella"])
    return {**data, "umbrellas": umbrellas}


@click.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--queue", "queue_name", default=None, help="Default: JOB_QUEUE_NAME.")
def worker(burst: bool, queue_name: str | None) -> None:
    """Run selection jobs from the Redis queue (JOB_QUEUE_URL); as many as needed, anywhere.

    Plain `rq worker <queue> --url <redis>` works too: the job then builds the app itself
    from the environment."""
    from flask import current_app
    from redis import Redis
    from rq import Queue, Worker

    url = current_app.config.get("JOB_QUEUE_URL")
    if not url:
        raise click.ClickException(
            "JOB_QUEUE_URL is not set: without Redis, jobs run in the app process itself"
        )
    connection = Redis.from_url(url)
    queue = Queue(queue_name or current_app.config["JOB_QUEUE_NAME"], connection=connection)
    Worker([queue], connection=connection).work(burst=burst, with_scheduler=False)
