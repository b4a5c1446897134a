"""Leximin lottery over type-count vectors by column generation (HiGHS).

Follows Flanigan, Gölz, Gupta, Hennig & Procaccia, "Fair algorithms for selecting
citizens' assemblies", Nature 596 (2021): repeatedly maximise the lowest selection
probability among the not-yet-fixed candidates, then fix those whose probability
cannot be raised further (positive dual), and continue with the rest.

Differences that make it fast: we work with *types* (see grouping.py), so a column
is a vector "how many of each type" and a type's probability is the expected count
divided by its size. The restricted master LP is kept in one HiGHS instance and
modified incrementally (warm-started primal simplex); the pricing problem is one
small integer program whose objective we only re-weight. Measured on the benchmark
(benchmarks/selection.py), the things that pay off most are:
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

import time
from dataclasses import dataclass, field

from .colgen import Compact, Master, Pricer
from .model import Reduced
from .swaps import SwapNeighbourhood

PRICE_TOL = 1e-9  # a column must improve the master by more than this (relative)
DUAL_TOL = 1e-9  # a dual above this means "tight": the type is fixed at the level
GAP_TOL = 1e-6  # a level is done when bound - z is below this (relative)
SMOOTH = 0.3  # weight of the stability centre in Wentges dual smoothing
SWAPS = 10  # extra swap columns added per pricing round
CHEAP_ROUNDS = 20  # swap-only pricing rounds between integer programs
CHEAP_BASES = 5  # panels of the current LP solution used as swap bases
PRUNE_AT = 2  # prune the master when it has more than PRUNE_AT * types + 1000 columns
PRUNE_TO = 1  # ... down to PRUNE_TO * types + 500 columns


@dataclass
class LeximinOutcome:
    """Distribution over type-count vectors plus progress information."""

    compositions: list[tuple[tuple[int, ...], float]]
    type_probs: list[float]
    maximin_lower: float  # min probability achieved (the maximin level when reached)
    maximin_upper: float  # proven upper bound on the maximin level
    maximin_reached: bool
    complete: bool  # every type's probability fixed (full leximin)
    fixed_types: list[bool]
    levels: int
    columns: int
    pricing_calls: int
    # Master-LP iterations done: the deterministic measure of how far a run got. Re-running
    # with ``max_iterations`` set to it reproduces a run that a time budget cut short.
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


def _cover(pricer: Pricer, first: tuple[int, ...], n: int) -> list[tuple[int, ...]]:
    """Panels that together contain every type that can be seated at all.

    Until every type appears in some panel the master LP value is 0 and its duals
    say nothing useful. Each integer program rewards all still-uncovered types, so
    a few dozen diverse panels cover everyone. (Covering by one-seat swaps of a
    single panel was measured to be much worse: near-identical columns.)
    """
    cols = [first]
    uncovered = {t for t in range(n) if first[t] == 0}
    while uncovered:
        col = pricer.best([1.0 * pricer.sizes[t] if t in uncovered else 0.0 for t in range(n)])[0]
        newly = {t for t in uncovered if col[t] > 0}
        if not newly:
            break  # remaining types can never be seated (their probability is 0)
        uncovered -= newly
        cols.append(col)
    return cols


def leximin(
    red: Reduced, time_budget: float | None = 60.0, max_iterations: int | None = None
) -> LeximinOutcome:
    """Compute a (partial, if the budget runs out) leximin distribution over compositions."""
    start, cpu_start = time.perf_counter(), time.process_time()
    sizes = red.sizes
    n = len(sizes)
    if n == 0 or red.seats == 0:
        comp = tuple(0 for _ in sizes)
        return LeximinOutcome([(comp, 1.0)], [0.0] * n, 0.0, 0.0, True, True, [True] * n, 0, 1, 0)

    iterations = 0

    def out_of_time() -> bool:
        if max_iterations is not None:
            # A work bound replaces the clock, so the stopping point is the same anywhere.
            return iterations >= max_iterations
        return time_budget is not None and time.perf_counter() - start > time_budget

    pricer = Pricer(red)
    master = Master(sizes)
    compact = Compact(red)
    swaps = SwapNeighbourhood(red)
    fixed = [False] * n
    fixed_val = [0.0] * n
    levels = 0
    maximin_lower, maximin_upper = 0.0, 1.0
    maximin_reached = complete = False
    maximin_seconds: float | None = None
    maximin_cpu_seconds: float | None = None
    lam: list[float] = []
    cheap = 0
    trace: list[tuple[float, float, float, float]] = []

    def bound_for(weights: list[float], pricing_bound: float) -> float:
        free_w = sum(weights[t] for t in range(n) if not fixed[t])
        fixed_part = sum(weights[t] * (fixed_val[t] - 1e-8) for t in range(n) if fixed[t])
        return (pricing_bound - fixed_part) / free_w if free_w > 0 else float("inf")

    def start_level() -> tuple[list[float], float]:
        """Stability centre for a new level: the compact LP's dual, and its bound."""
        _, w_lp = compact.solve()
        col, _, bound = pricer.best(w_lp)
        if not master.columns:
            for c in _cover(pricer, col, n):
                master.add(c)
        master.add(col)
        return w_lp, bound_for(w_lp, bound)

    center, level_ub = start_level()  # dual vector with the best bound in this level
    if not maximin_reached:
        maximin_upper = min(maximin_upper, level_ub)
    while True:
        z, w, mu, lam = master.solve()
        iterations += 1
        if not maximin_reached:
            trace.append(
                (time.perf_counter() - start, time.process_time() - cpu_start, z, maximin_upper)
            )
        if out_of_time():
            break
        if len(master.columns) > PRUNE_AT * n + 1000:
            master.prune(lam, w, mu, PRUNE_TO * n + 500)
            z, w, mu, lam = master.solve()
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
        while True:
            col, _, bound = pricer.best(price_w)
            ub = bound_for(price_w, bound)
            if ub < level_ub:
                level_ub, center = ub, price_w
            if not maximin_reached:
                maximin_upper = min(maximin_upper, ub)
            gain = sum(w[t] * col[t] / sizes[t] for t in range(n)) - mu
            if gain > tol or price_w is w:
                break
            price_w = w  # mis-priced at the smoothed point: price at the true dual
        if level_ub - z > GAP_TOL * max(z, 1e-6) and master.add(col):
            for extra in swaps.best_swaps(col, vals, mu, SWAPS, tol):
                master.add(extra)
            continue
        # Level converged: z is optimal for the remaining types, and ``center``
        # is an optimal dual, so a type with positive dual cannot exceed z.
        levels += 1
        if not maximin_reached:
            maximin_reached, maximin_lower, maximin_upper = True, z, z
            maximin_seconds = time.perf_counter() - start
            maximin_cpu_seconds = time.process_time() - cpu_start
            trace.append((maximin_seconds, maximin_cpu_seconds, z, z))
        tight = [t for t in range(n) if not fixed[t] and center[t] > DUAL_TOL]
        if not tight:  # numerically flat duals: fix everything left at this level
            tight = [t for t in range(n) if not fixed[t]]
        for t in tight:
            fixed[t], fixed_val[t] = True, z
            master.fix(t, max(0.0, z - 1e-8))
            compact.fix(t, max(0.0, z - 1e-8))
        if all(fixed):
            complete = True
            break
        center, level_ub = start_level()
    if not maximin_reached:
        maximin_lower = z
    comps = _round_distribution(master.columns, lam)
    probs = [0.0] * n
    for comp, p in comps:
        for t, c in enumerate(comp):
            probs[t] += p * c / sizes[t]
    return LeximinOutcome(
        compositions=comps,
        type_probs=probs,
        maximin_lower=maximin_lower,
        maximin_upper=maximin_upper,
        maximin_reached=maximin_reached,
        complete=complete,
        fixed_types=fixed,
        levels=levels,
        columns=len(master.columns),
        pricing_calls=pricer.calls,
        iterations=iterations,
        maximin_seconds=maximin_seconds,
        maximin_cpu_seconds=maximin_cpu_seconds,
        trace=trace,
    )


def _round_distribution(
    columns: list[tuple[int, ...]], lam: list[float]
) -> list[tuple[tuple[int, ...], float]]:
    """Round to 1e-9, drop tiny weights, renormalise, and sort by composition.

    Why: LP solutions carry ~1e-12 noise; rounding makes the reported distribution
    and the drawn panel stable across platforms.
    """
    weights: dict[tuple[int, ...], float] = {}
    for col, x in zip(columns, lam, strict=True):
        x = round(x, 9)
        if x > 0:
            weights[col] = weights.get(col, 0.0) + x
    total = sum(weights.values())
    return [(col, round(weights[col] / total, 12)) for col in sorted(weights)]
