"""Small helpers around highspy so every model is built and solved the same way.

Determinism: HiGHS is deterministic for an identical model (same row/column order)
when run single-threaded with a fixed random seed, so we set those options on every
solver instance and always add rows/columns in sorted order. A time limit can only
change a result when it is hit; runs reproduced by an iteration bound
(``max_iterations``) therefore run without time limits.

Tolerances: primal and dual feasibility 1e-9 (HiGHS' default is 1e-7), so that a
probability the master LP is asked to keep is delivered to within 1e-9 (see
LOOSE_TOL for the one exception).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import highspy
import numpy as np

INF = highspy.kHighsInf
FEASIBILITY_TOL = 1e-9
# Measured: the master LP at 1e-9 takes about twice as long as at HiGHS' default, so
# column generation runs at LOOSE_TOL and only the solves whose lottery is used to fix
# a level (and so the final one of a complete run) run at FEASIBILITY_TOL.
LOOSE_TOL = 1e-7
# Every solve gets at least this much time, so a run with an exhausted budget can still
# finish the one solve that gives it a valid answer; a run overshoots by at most a few.
MIN_SLICE = 0.05
STOP_POLL = 0.1  # seconds between two calls of ``should_stop`` from inside HiGHS


class Cancelled(Exception):
    """The caller's ``should_stop`` returned True: the run was abandoned."""


class Limits:
    """The time budget and cancellation hook shared by every solve of one run.

    ``deadline`` is a ``time.perf_counter()`` value (None = no limit). ``should_stop``
    is polled between solves and, about every 0.1 s, from inside HiGHS (interrupt
    callback), so a cancel ends a run within a fraction of a second.
    """

    def __init__(
        self,
        deadline: float | None = None,
        should_stop: Callable[[], bool] | None = None,
        max_steps: int | None = None,
    ) -> None:
        self.deadline = deadline
        self.should_stop = should_stop
        # Completed solves of the leximin phase (a peeling step counts as one, whatever
        # it solved). A solve cut by the time limit is thrown away, so a run is a
        # function of its step count: re-running with ``max_steps`` = that count (and
        # no clock) reproduces it on any machine.
        self.steps = 0
        self.max_steps = max_steps
        # What the first panel may take even when the budget is spent: most of the
        # allowed overshoot (10 % of the budget + 1 s), since without a panel there is
        # no answer at all. Set by run_selection.
        self.grace = 0.9
        self._last_poll = 0.0
        self._stopped = False

    def left(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.perf_counter()

    def expired(self) -> bool:
        left = self.left()
        return left is not None and left <= 0

    def exhausted(self) -> bool:
        """No further solve may start: the step bound is reached or the time is up.

        The first step always runs, so every run does some work beyond its first panel.
        """
        if self.max_steps is not None:
            return self.steps >= self.max_steps
        return self.steps >= 1 and self.expired()

    def stopped(self) -> bool:
        if not self._stopped and self.should_stop is not None:
            self._stopped = bool(self.should_stop())
            self._last_poll = time.perf_counter()
        return self._stopped

    def check(self) -> None:
        """Raise :class:`Cancelled` if the caller asked to stop."""
        if self.stopped():
            raise Cancelled("selection run cancelled")

    def _interrupt(self, event: object) -> None:
        now = time.perf_counter()
        if self._stopped or (
            self.should_stop is not None and now - self._last_poll >= STOP_POLL and self.stopped()
        ):
            event.interrupt()  # type: ignore[attr-defined]

    def attach(self, h: highspy.Highs) -> None:
        """Let HiGHS ask ``should_stop`` while it runs."""
        if self.should_stop is None:
            return
        h.cbSimplexInterrupt += self._interrupt
        h.cbMipInterrupt += self._interrupt
        h.cbIpmInterrupt += self._interrupt

    def run(self, h: highspy.Highs, minimum: float = MIN_SLICE) -> None:
        """Solve with ``time_limit`` = time left (at least ``minimum``)."""
        left = None if self.max_steps is not None else self.left()
        # HiGHS compares time_limit with the run time accumulated over all runs of this
        # instance, so the limit is that plus the time left.
        limit = INF if left is None else h.getRunTime() + max(left, minimum)
        h.setOptionValue("time_limit", limit)
        h.run()
        self.check()


def new_highs(mip_rel_gap: float = 1e-9) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy's Highs() has no annotations
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", mip_rel_gap)
    h.setOptionValue("mip_abs_gap", 1e-9)
    h.setOptionValue("primal_feasibility_tolerance", FEASIBILITY_TOL)
    h.setOptionValue("dual_feasibility_tolerance", FEASIBILITY_TOL)
    return h


def highs_version() -> str:
    h = new_highs()
    try:
        return f"{h.version()}"
    finally:
        del h


def build_count_ip(
    h: highspy.Highs,
    sizes: Sequence[int],
    seats: int,
    quota_types: Sequence[Sequence[int]],
    lo: Sequence[float],
    hi: Sequence[float],
    integer: bool = True,
) -> None:
    """Variables c_t in [0, size_t] (integer), sum c_t = seats, lo_q <= sum_{t in q} c_t <= hi_q.

    Umbrella limits are rows like quotas (see ``Reduced.rows``).
    """
    n = len(sizes)
    if n:
        h.addVars(n, np.zeros(n), np.asarray(sizes, dtype=np.float64))
    if integer and n:
        # The stub wants a uint8 ndarray; highspy accepts any sequence of HighsVarType.
        h.changeColsIntegrality(n, list(range(n)), [highspy.HighsVarType.kInteger] * n)  # type: ignore[arg-type]
    rows = [list(range(n)), *(list(t) for t in quota_types)]
    lows = [float(seats), *(float(x) for x in lo)]
    highs = [float(seats), *(float(x) for x in hi)]
    add_rows(h, lows, highs, rows)


def add_rows(
    h: highspy.Highs,
    lows: Sequence[float],
    highs: Sequence[float],
    rows: Sequence[Sequence[int]],
    values: Sequence[Sequence[float]] | None = None,
) -> None:
    """Add rows in one call (coefficients 1 unless ``values`` given); same order as given."""
    if not rows:
        return
    starts = np.zeros(len(rows), dtype=np.int32)
    total = 0
    for i, r in enumerate(rows):
        starts[i] = total
        total += len(r)
    index = np.fromiter((j for r in rows for j in r), dtype=np.int32, count=total)
    if values is None:
        vals = np.ones(total, dtype=np.float64)
    else:
        vals = np.fromiter((v for vs in values for v in vs), dtype=np.float64, count=total)
    h.addRows(
        len(rows),
        np.asarray(lows, dtype=np.float64),
        np.asarray(highs, dtype=np.float64),
        total,
        starts,
        index,
        vals,
    )


def model_ok(h: highspy.Highs) -> bool:
    return h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def has_solution(h: highspy.Highs) -> bool:
    """A feasible (not necessarily optimal) solution is available, e.g. after a time limit."""
    return h.getInfo().primal_solution_status == 2
