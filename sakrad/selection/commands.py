"""``flask sakrad selection ...``: re-run a confirmed selection, or run the engine on a file."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from sakrad.cli import sakrad_cli
from sakrad.selection.engine import ALGORITHMS, InfeasibleQuotas, run_from_json


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


@sakrad_cli.group("selection")
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
def run(
    file: Path, seed: int, algorithm: str, time_budget: float, max_iterations: int | None
) -> None:
    """Run the engine on FILE (no database) and print the report as JSON."""
    try:
        with _solver_banner_to_stderr():
            report = run_from_json(
                file.read_text(encoding="utf-8"), seed, algorithm, time_budget, max_iterations
            )
    except InfeasibleQuotas as exc:
        click.echo(json.dumps({"infeasible": exc.to_dict()}, ensure_ascii=False, indent=1))
        sys.exit(2)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(f"invalid input: {exc}") from exc
    click.echo(json.dumps(report, ensure_ascii=False, sort_keys=True, indent=1))
