"""Leximin lottery over type-count vectors by column generation (HiGHS).

Follows Flanigan, Gölz, Gupta, Hennig & Procaccia, "Fair algorithms for selecting
citizens' assemblies", Nature 596 (2021): repeatedly maximise the lowest selection
probability among the not-yet-fixed candidates, then fix those whose probability
cannot be raised further (positive dual), and continue with the rest.

Differences that make it fast: we work with *types* (see grouping.py), so a column
is a vector "how many of each type" and a type's probability is the expected count
divided by its size. First the fractional leximin vector (a few LPs over the quota
polytope) is computed; it bounds every lottery from above in the leximin order, and
where some lottery delivers it, peeling (peel.py) writes it as a lottery over panels
directly, in a few hundred cheap steps, and the run is complete (measured on every
benchmark pool, 300 to 3 000 candidates, with and without the umbrella limit: 0.4 to
13 s CPU, where column generation took minutes). Otherwise the column generation
below takes over, with the peeled panels. There, the restricted master LP is kept in
one HiGHS instance and modified incrementally (warm-started primal simplex); the
pricing problem is one small integer program whose objective we only re-weight.
Measured on the benchmark (benchmarks/selection.py), the things that pay off most are:
* cheap pricing by one-seat swaps of the panels the LP currently uses (swaps.py),
  calling the integer program only when swaps find no improving panel;
* Wentges dual smoothing, started from the dual of the fractional ("compact") LP;
* pruning unused columns so the simplex stays fast.

Master LP (maximise z):   sum_P lam_P c_Pt / s_t - z >= 0      (t not fixed)
                          sum_P lam_P c_Pt / s_t     >= v_t     (t fixed)
                          sum_P lam_P = 1,  lam >= 0
With w_t = -dual_t >= 0 and mu = dual of the convexity row, a panel P improves the
master iff sum_t w_t c_Pt / s_t > mu, and for any w the value
(max_P sum_t w_t c_Pt / s_t - sum_fixed w_t v_t) / sum_unfixed w_t bounds z from above.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .colgen import Compact, Master, Pricer
from .highs_util import Limits
from .model import Reduced
from .peel import Peeler
from .swaps import SwapNeighbourhood

PRICE_TOL = 1e-9  # a column must improve the master by more than this (relative)
DUAL_TOL = 1e-9  # a dual above this means "tight": the type is fixed at the level
GAP_TOL = 1e-6  # bound - z below this (relative): check the master's own dual (see below)
SMOOTH = 0.3  # weight of the stability centre in Wentges dual smoothing
SWAPS = 10  # extra swap columns added per pricing round
CHEAP_ROUNDS = 2  # swap-only pricing rounds between integer programs (measured: 20 stalls levels)
CHEAP_BASES = 5  # panels of the current LP solution used as swap bases
PRUNE_AT = 2  # prune the master when it has more than PRUNE_AT * types + 1000 columns
PRUNE_TO = 1  # ... down to PRUNE_TO * types + 500 columns
STALL_LIMIT = 50  # pricing rounds without a new column before a level is given up as unproven
PROGRESS_EVERY = 0.25  # seconds between two progress reports (phase changes always report)


@dataclass(frozen=True)
class Progress:
    """What the engine is doing, passed to the ``progress`` callback of a run.

    Reported after master solves (at most every 0.25 s, and at every phase change).
    ``phase``: "covering" (finding panels that seat everyone), "maximin" (raising the
    lowest probability), "leximin" (fixing further levels), "done".
    """

    phase: str
    level: float  # maximin level reached (lowest probability the lottery delivers so far)
    bound: float  # proven upper bound on the maximin level
    maximin_reached: bool  # the maximin level is proven (then level == bound)
    share_fixed: float  # share of the pool (must-includes and exclusions aside) fixed
    levels: int  # leximin levels fixed so far
    iterations: int  # solves so far (the deterministic measure of work)
    elapsed: float  # seconds since the run started
    time_budget: float | None

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


ProgressCallback = Callable[[Progress], None]


@dataclass
class LeximinOutcome:
    """Distribution over type-count vectors plus progress information."""

    compositions: list[tuple[tuple[int, ...], float]]
    type_probs: list[float]
    maximin_lower: float  # min probability the returned lottery delivers
    maximin_upper: float  # proven upper bound on the maximin level
    maximin_reached: bool
    complete: bool  # every type's probability fixed (full leximin)
    fixed_types: list[bool]
    levels: int
    columns: int
    pricing_calls: int
    # Solves done (every LP/IP of the leximin phase, a peeling step as one): the
    # deterministic measure of how far a run got. Re-running with ``max_iterations`` set
    # to it reproduces a run that a time budget cut short.
    iterations: int = 0
    maximin_seconds: float | None = None  # wall time until the maximin level was proven
    maximin_cpu_seconds: float | None = None  # same in CPU time (robust on a busy machine)
    # (wall s, CPU s, lower bound, upper bound) on the maximin level after each master
    # solve until the maximin level is reached: shows how fast it got within 1%.
    trace: list[tuple[float, float, float, float]] = field(default_factory=list)

    def seconds_to_share(self, share: float) -> tuple[float, float] | None:
        """(wall, CPU) seconds until the lower bound reached ``share`` of the maximin.

        If the maximin level was not proven within the budget, the best proven upper
        bound stands in for it, so the answer is still a guarantee (or None).
        """
        target = share * (self.maximin_lower if self.maximin_reached else self.maximin_upper)
        return next(((w, c) for w, c, z, _ in self.trace if z >= target), None)


def _cover(
    pricer: Pricer, have: list[tuple[int, ...]], n: int, limits: Limits
) -> list[tuple[int, ...]]:
    """Panels that, with the panels ``have``, contain every type that can be seated at all.

    Until every type appears in some panel the master LP value is 0 and its duals
    say nothing useful. Each integer program rewards all still-uncovered types, so
    a few dozen diverse panels cover everyone. (Covering by one-seat swaps of a
    single panel was measured to be much worse: near-identical columns.) Stops early
    when the time runs out.
    """
    cols: list[tuple[int, ...]] = []
    uncovered = {t for t in range(n) if all(col[t] == 0 for col in have)}
    while uncovered and not limits.exhausted():
        got = pricer.best([1.0 * pricer.sizes[t] if t in uncovered else 0.0 for t in range(n)])
        if got is None:
            break
        col = got[0]
        newly = {t for t in uncovered if col[t] > 0}
        if not newly:
            break  # remaining types can never be seated (their probability is 0)
        uncovered -= newly
        cols.append(col)
    return cols


def delivered(columns: list[tuple[int, ...]], lam: list[float], sizes: list[int]) -> list[float]:
    """Per type: the probability the lottery (weights clipped at 0, normalised) delivers."""
    total = sum(x for x in lam if x > 0)
    if total <= 0:
        return [0.0] * len(sizes)
    acc = np.zeros(len(sizes))
    for col, x in zip(columns, lam, strict=True):
        if x > 0:
            acc += x * np.asarray(col, dtype=np.float64)  # elementwise, in column order
    out: list[float] = (acc / (total * np.asarray(sizes, dtype=np.float64))).tolist()
    return out


def fractional_leximin(
    red: Reduced, limits: Limits, fixed_at: dict[int, float] | None = None
) -> list[float] | None:
    """Leximin probabilities per type over the *fractional* quota polytope (one LP a level).

    Every panel lottery's expected composition lies in that polytope, so this vector is
    at least as good (in the leximin order) as the best lottery's; if some lottery
    delivers it, that lottery is leximin-optimal. Exact LP duals decide what to fix.
    ``fixed_at`` fixes some types first (the bound then holds for the later levels).
    None if the time ran out.
    """
    n = len(red.sizes)
    compact = Compact(red, limits)
    fixed = [False] * n
    q = [0.0] * n
    for t, v in sorted((fixed_at or {}).items()):  # levels the lottery already fixed
        fixed[t], q[t] = True, v
        compact.fix(t, v)
    while not all(fixed):
        got = compact.solve()
        if got is None:
            return None
        z, w = got
        tight = [t for t in range(n) if not fixed[t] and w[t] > DUAL_TOL]
        if not tight:
            tight = [t for t in range(n) if not fixed[t]]
        for t in tight:
            fixed[t], q[t] = True, z
            compact.fix(t, z)
    return q


LEVEL_TOL = 1e-6  # relative: a master level this close to the fractional one is that level
# First try to deliver the whole fractional leximin vector at once (peel.py). SAKRAD_SELECTION_PEEL=0
# leaves column generation alone (tests whose runs must outlast their steps, in worker processes).
PEEL = os.environ.get("SAKRAD_SELECTION_PEEL", "1") != "0"


def peel_by_default() -> bool:
    """The module's PEEL now (tests switch it off for runs that must outlast their steps)."""
    return PEEL


PEEL_TOL = 1e-9  # a peeled lottery this close to the fractional leximin is taken as it is
FINISH_ROUNDS = 30  # pricing rounds that may complete a peeled lottery (see finish_peel)
PEEL_RETRIES = 2  # peeling tries after a level fell short of its fractional value


def _reaches(probs: list[float], guide: list[float], tol: float = LEVEL_TOL) -> bool:
    """Every type gets its fractional leximin probability (to ``tol``, relative)."""
    return all(p >= g * (1.0 - tol) for p, g in zip(probs, guide, strict=True))


def leximin(
    red: Reduced,
    time_budget: float | None = 60.0,
    max_iterations: int | None = None,
    *,
    witness: tuple[int, ...] | None = None,
    limits: Limits | None = None,
    progress: ProgressCallback | None = None,
    started: float | None = None,
    peel: bool | None = None,
) -> LeximinOutcome:
    """Compute a (partial, if the budget runs out) leximin distribution over compositions.

    ``witness`` is one feasible composition (from the feasibility check); ``limits``
    carries the deadline and the cancellation hook for every HiGHS solve (a cancel
    raises ``Cancelled``); ``progress`` receives :class:`Progress` reports.
    With ``max_iterations`` set, the iteration bound replaces the clock entirely.
    ``peel`` (None = the module's PEEL) says whether to peel the fractional leximin into
    panels before column generation; a recorded run is reproduced with the same choice.
    """
    if peel is None:
        peel = peel_by_default()
    start = started if started is not None else time.perf_counter()
    cpu_start = time.process_time()
    sizes = red.sizes
    n = len(sizes)
    if n == 0 or red.seats == 0:
        comp = tuple(0 for _ in sizes)
        return LeximinOutcome([(comp, 1.0)], [0.0] * n, 0.0, 0.0, True, True, [True] * n, 0, 1, 0)
    if limits is None:
        deadline = None if time_budget is None else start + time_budget
        limits = Limits(deadline)
    if max_iterations is not None:
        limits = Limits(None, limits.should_stop, max_iterations)  # a work bound, no clock

    def out_of_time() -> bool:
        return limits.exhausted()

    pricer = Pricer(red, limits)
    master = Master(sizes, limits)
    compact = Compact(red, limits)
    swaps = SwapNeighbourhood(red)
    fixed = [False] * n
    fixed_val = [0.0] * n
    total_size = max(1, sum(sizes))
    levels = 0
    maximin_upper = 1.0
    maximin_reached = maximin_done = complete = False
    maximin_seconds: float | None = None
    maximin_cpu_seconds: float | None = None
    cheap = stall = 0
    trace: list[tuple[float, float, float, float]] = []
    z = maximin_value = 0.0
    last_at, last_phase = [-1.0], [""]  # of the last progress report
    if witness is None:
        got = pricer.best([float(s) for s in sizes])
        if got is None:
            from .feasibility import BudgetTooSmall

            raise BudgetTooSmall("the time budget ran out before any panel was found")
        witness = got[0]
    master.add(witness)
    sol_cols: list[tuple[int, ...]] = [witness]  # the lottery of the last good master solve
    sol_lam: list[float] = [1.0]

    def report(phase: str, force: bool = False) -> None:
        if progress is None:
            return
        now = time.perf_counter()
        if not force and phase == last_phase[0] and now - last_at[0] < PROGRESS_EVERY:
            return
        last_at[0], last_phase[0] = now, phase
        progress(
            Progress(
                phase=phase,
                level=maximin_value if maximin_done else z,
                bound=maximin_upper if maximin_done else max(z, maximin_upper),
                maximin_reached=maximin_reached,
                share_fixed=sum(s for s, f in zip(sizes, fixed, strict=True) if f) / total_size,
                levels=levels,
                iterations=limits.steps,
                elapsed=now - start,
                time_budget=time_budget,
            )
        )

    def bound_for(weights: list[float], pricing_bound: float) -> float:
        free_w = sum(weights[t] for t in range(n) if not fixed[t])
        fixed_part = sum(weights[t] * fixed_val[t] for t in range(n) if fixed[t])
        return (pricing_bound - fixed_part) / free_w if free_w > 0 else float("inf")

    covered: list[bool] = []  # the first level has covered every type

    def start_level() -> tuple[list[float], float] | None:
        """Stability centre for a new level: the compact LP's dual, and its bound."""
        got = compact.solve()
        if got is None:
            return None
        _, w_lp = got
        priced = pricer.best(w_lp)
        if priced is None:
            return None
        col, _, bound = priced
        if not covered:
            covered.append(True)
            report("covering", force=True)
            for c in _cover(pricer, [*master.columns, col], n, limits):
                master.add(c)
        master.add(col)
        return w_lp, bound_for(w_lp, bound)

    # Fast path: find the fractional leximin vector with cheap LPs and try to deliver it
    # with one column generation. Where it works (measured: most realistic pools without
    # umbrellas) the lottery is leximin-optimal at the cost of a single "level".
    # The fractional leximin (cheap LPs) bounds every level from above. While the master
    # reaches each of its levels, the types of that level are fixed at once (the bound
    # proves it) - typically a handful of levels instead of hundreds. Once a level falls
    # short, the master's own duals decide, as in the paper.
    guide = fractional_leximin(red, limits)
    if guide is not None:
        maximin_upper = min(maximin_upper, min(guide))

    def finish_level(tight: list[int], proven: bool) -> None:
        nonlocal levels, maximin_done, maximin_reached, maximin_seconds, maximin_cpu_seconds
        nonlocal z, sol_cols, sol_lam, maximin_value
        levels += 1
        polished = master.solve(tight=True)  # fix what a 1e-9-feasible lottery delivers
        if polished is not None:
            z, sol_lam = polished[0], polished[3]
            sol_cols = list(master.columns)
        probs = delivered(sol_cols, sol_lam, sizes)
        if not maximin_done:
            maximin_done, maximin_reached = True, proven
            maximin_value = min(z, min(probs[t] for t in tight))
            maximin_seconds = time.perf_counter() - start
            maximin_cpu_seconds = time.process_time() - cpu_start
            trace.append((maximin_seconds, maximin_cpu_seconds, z, maximin_upper))
        for t in tight:
            # Fix at what the lottery really delivers (never above the level z), so the
            # later levels keep exactly what this one claims.
            v = max(0.0, min(z, probs[t]))
            fixed[t], fixed_val[t] = True, v
            master.fix(t, v)
            compact.fix(t, v)
        report("leximin", force=True)

    def finish_peel(target: list[float]) -> tuple[list[tuple[int, ...]], list[float]] | None:
        """The best lottery over the peeled panels plus a few priced ones.

        Peeling stops short when the residual walks into a fractional corner of the
        quota polytope (measured: the last 6e-6 of the mass, on one benchmark pool) or
        by rounding. One LP "every type at least z times its target" over the peeled
        panels, then column generation on it (its duals priced exactly) until z = 1 to
        LEVEL_TOL (the tolerance every level is reached with), or no panel improves it,
        or FINISH_ROUNDS. (Measured: from z = 1 - 4.5e-7 thirty rounds reach only
        1 - 1.1e-7, so closer than LEVEL_TOL is not worth pricing for.) None if the
        time ran out.
        """
        check = Master(sizes, limits, levels=target)
        for col in master.columns:
            check.add(col)
        solved = check.solve(tight=True)
        for _ in range(FINISH_ROUNDS):
            if solved is None or solved[0] >= 1.0 - LEVEL_TOL:
                break
            _, w, mu, lam = solved
            priced = pricer.best(w)
            if priced is None:
                break
            col = priced[0]
            vals = [w[t] / sizes[t] for t in range(n)]
            tol = PRICE_TOL * max(1.0, abs(mu))
            if sum(v * c for v, c in zip(vals, col, strict=True)) - mu <= tol:
                break  # z is the best any lottery gets: the target is no lottery's
            for extra in [col, *swaps.best_swaps(col, vals, mu, SWAPS, tol), *pricer.extra]:
                check.add(extra)
                master.add(extra)
            check.h.setOptionValue("simplex_strategy", 4)  # warm start after added columns
            solved = check.solve(tight=True)
        if solved is None:
            return None
        return list(check.columns), solved[3]

    def peel_phase(target: list[float]) -> bool:
        """Deliver the fractional leximin vector ``target`` at once, if a lottery can.

        Peels it into panels (peel.py); if the peeled lottery (or, when it falls a hair
        short, the best lottery over its panels: finish_peel) gives every type its
        target, that lottery is leximin-optimal and every type is fixed. True if the
        lottery is final: complete, or the budget ran out (on the first try the peeled
        panels, with the mass left on the witness, are then the lottery). Later tries
        (``target`` keeps the levels fixed so far) change the lottery only on success.
        """
        nonlocal sol_cols, sol_lam, z, levels, complete
        nonlocal maximin_done, maximin_reached, maximin_value, maximin_seconds
        nonlocal maximin_cpu_seconds
        first = not maximin_done
        phase = "maximin" if first else "leximin"

        def on_step(lowest: float) -> None:
            nonlocal z
            if first:
                z = lowest
                trace.append(
                    (time.perf_counter() - start, time.process_time() - cpu_start, z, maximin_upper)
                )
            report(phase)

        if limits.exhausted():
            return True  # no solve may start: the last lottery stays
        report(phase, force=True)
        got = Peeler(red, [g * s for g, s in zip(target, sizes, strict=True)], limits).run(on_step)
        cols, lam = [*got.columns, witness], [*got.weights, got.mass_left]
        if first:
            sol_cols, sol_lam = cols, lam
        if got.cut:
            return True
        for col in got.columns:
            master.add(col)
        probs = delivered(cols, lam, sizes)
        if not _reaches(probs, target, PEEL_TOL):
            finished = finish_peel(target)
            if finished is None:
                return limits.exhausted()
            cols, lam = finished
            if first:
                sol_cols, sol_lam = cols, lam
            probs = delivered(cols, lam, sizes)
            if not _reaches(probs, target):
                return False
        sol_cols, sol_lam = cols, lam
        levels += len({target[t] for t in range(n) if not fixed[t]})
        complete = True
        if first:
            maximin_done = maximin_reached = True
            maximin_value = z = min(probs, default=0.0)
            maximin_seconds = time.perf_counter() - start
            maximin_cpu_seconds = time.process_time() - cpu_start
            trace.append((maximin_seconds, maximin_cpu_seconds, z, maximin_upper))
        for t in range(n):
            fixed[t], fixed_val[t] = True, max(0.0, min(target[t], probs[t]))
        report("leximin", force=True)
        return True

    retries = 0  # peeling tries after a level fell short
    peeled = guide is not None and peel and peel_phase(guide)
    started_level = None if peeled else start_level()
    if started_level is None:
        center, level_ub = [0.0] * n, 1.0
    else:
        center, level_ub = started_level
        maximin_upper = min(maximin_upper, level_ub)
    while started_level is not None:
        if out_of_time():
            break
        solved = master.solve()
        if solved is None:
            break  # time limit inside the LP: keep the last good solution
        z, w, mu, lam = solved
        sol_cols, sol_lam = list(master.columns), lam
        if not maximin_done:
            trace.append(
                (time.perf_counter() - start, time.process_time() - cpu_start, z, maximin_upper)
            )
        report("leximin" if maximin_done else "maximin")
        if out_of_time():
            break
        if len(master.columns) > PRUNE_AT * n + 1000:
            master.prune(lam, w, mu, PRUNE_TO * n + 500)
            solved = master.solve()
            if solved is None:
                break
            z, w, mu, lam = solved
            sol_cols, sol_lam = list(master.columns), lam
        if guide is not None:
            v_level = min(guide[t] for t in range(n) if not fixed[t])
            slack = LEVEL_TOL * max(v_level, 1e-12)
            if z >= v_level - slack:
                finish_level(
                    [t for t in range(n) if not fixed[t] and guide[t] <= v_level + slack], True
                )
                if all(fixed):
                    complete = True
                    break
                started_level = start_level()
                if started_level is None:
                    break
                center, level_ub = started_level
                cheap = stall = 0
                continue
        vals = [w[t] / sizes[t] for t in range(n)]
        tol = PRICE_TOL * max(1.0, abs(mu))
        if cheap < CHEAP_ROUNDS:
            # Cheap pricing first: swaps of the panels the LP currently uses.
            cheap += 1
            used = sorted(range(len(lam)), key=lambda j: (-lam[j], j))[:CHEAP_BASES]
            added = 0
            for j in used:
                if lam[j] <= 0:
                    break
                for extra in swaps.best_swaps(master.columns[j], vals, mu, SWAPS, tol):
                    added += master.add(extra)
            if added:
                continue
        cheap = 0
        # Wentges smoothing: price at a point between the best-bound dual and the
        # current one. Column generation on this very degenerate LP otherwise
        # zig-zags for hundreds of iterations.
        price_w = [SMOOTH * c + (1 - SMOOTH) * x for c, x in zip(center, w, strict=True)]
        timed_out = False
        while True:
            priced = pricer.best(price_w)
            if priced is None:
                timed_out = True
                break
            col, _, bound = priced
            ub = bound_for(price_w, bound)
            if ub < level_ub:
                level_ub, center = ub, price_w
            if not maximin_done:
                maximin_upper = min(maximin_upper, ub)
            gain = sum(w[t] * col[t] / sizes[t] for t in range(n)) - mu
            if gain > tol or price_w is w:
                break
            price_w = w  # nothing found at the smoothed point: price at the master's dual
        if timed_out:
            break
        if gain > tol:
            if master.add(col):
                stall = 0
                for extra in swaps.best_swaps(col, vals, mu, SWAPS, tol):
                    master.add(extra)
                for other in pricer.extra:
                    if sum(w[t] * other[t] / sizes[t] for t in range(n)) - mu > tol:
                        master.add(other)
                continue
            stall += 1  # an improving panel the master already has: numerical noise
            if stall < STALL_LIMIT:
                continue
        # Priced at the master's own dual w and no panel improves it by more than tol:
        # z is the level's optimum (the bound ub = z + (pricing bound - mu) proves it)
        # and w is an optimal dual of the full LP, so by complementary slackness a type
        # with positive dual cannot get more than z. (A stalled level is fixed as well,
        # but the maximin is then reported as not proven.)
        proven = gain <= tol
        stall = 0
        tight = [t for t in range(n) if not fixed[t] and w[t] > DUAL_TOL]
        if not tight:  # numerically flat duals: fix everything left at this level
            tight = [t for t in range(n) if not fixed[t]]
        finish_level(tight, proven)
        if not all(fixed):
            # This level fell short of the fractional one: a new guide for the rest,
            # from the levels as actually fixed.
            guide = fractional_leximin(red, limits, {t: fixed_val[t] for t in range(n) if fixed[t]})
            if guide is not None and peel and retries < PEEL_RETRIES:
                retries += 1  # the rest may be a lottery's now: try peeling it
                if peel_phase(guide):
                    break
        if all(fixed):
            complete = True
            break
        started_level = None if out_of_time() else start_level()
        if started_level is None:
            break
        center, level_ub = started_level
    comps = _distribution(sol_cols, sol_lam)
    acc = np.zeros(n)
    size_arr = np.asarray(sizes, dtype=np.float64)
    for comp, p in comps:
        acc += p * np.asarray(comp, dtype=np.float64) / size_arr  # elementwise, in order
    probs: list[float] = acc.tolist()
    lowest = min((probs[t] for t in range(n)), default=0.0)
    # Never claim a bound below what is delivered (0.0 first: LP zeros may be -0.0).
    maximin_upper = max(0.0, maximin_upper, lowest)
    z = lowest
    report("done", force=True)
    return LeximinOutcome(
        compositions=comps,
        type_probs=probs,
        maximin_lower=lowest,
        maximin_upper=maximin_upper,
        maximin_reached=maximin_reached,
        complete=complete,
        fixed_types=fixed,
        levels=levels,
        columns=len(master.columns),
        pricing_calls=pricer.calls,
        iterations=limits.steps,
        maximin_seconds=maximin_seconds,
        maximin_cpu_seconds=maximin_cpu_seconds,
        trace=trace,
    )


def _distribution(
    columns: list[tuple[int, ...]], lam: list[float]
) -> list[tuple[tuple[int, ...], float]]:
    """The master's weights as a lottery: negatives (LP noise) dropped, renormalised.

    No rounding: rounding a weight down lowers every probability that column carries,
    so the lottery would no longer deliver what the report claims.
    """
    weights: dict[tuple[int, ...], float] = {}
    for col, x in zip(columns, lam, strict=True):
        if x > 0:
            weights[col] = weights.get(col, 0.0) + x
    total = sum(weights.values())
    return [(col, weights[col] / total) for col in sorted(weights)]
