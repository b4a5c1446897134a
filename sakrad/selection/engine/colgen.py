"""Solver building blocks of the leximin column generation (see leximin.py).

* ``Pricer``: the integer program "best panel composition for weights w".
* ``Master``: the restricted master LP over the compositions found so far.
* ``Compact``: the same maximin problem over the *fractional* quota polytope; one
  cheap LP whose dual is an excellent first guess of the master's dual (used as
  the stability centre) and whose value bounds the maximin from above.
"""

from __future__ import annotations

import highspy
import numpy as np

from .highs_util import (
    FEASIBILITY_TOL,
    INF,
    LOOSE_TOL,
    Limits,
    add_rows,
    build_count_ip,
    model_ok,
    new_highs,
)
from .model import Reduced

_STOPPED = (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt)


def _solved(h: highspy.Highs, limits: Limits, which: str) -> highspy.HighsSolution | None:
    """Run the ``which`` LP within the limits: its solution, or None when the time ran out."""
    limits.run(h)
    if not model_ok(h):
        if h.getModelStatus() in _STOPPED:
            return None
        raise RuntimeError(f"{which} LP failed: {h.getModelStatus()}")
    limits.steps += 1
    return h.getSolution()


PRICER_PRESOLVE = "off"
SAVE_INCUMBENTS = True  # measured: MIP presolve costs more than it saves on this small IP


class Pricer:
    """The integer program 'best panel for weights w' (one variable per type)."""

    def __init__(self, red: Reduced, limits: Limits | None = None):
        self.sizes = red.sizes
        self.limits = limits or Limits()
        self.h = new_highs(mip_rel_gap=1e-7)
        self.h.setOptionValue("presolve", PRICER_PRESOLVE)
        # Integer data and rounded integer solutions: a panel found is exactly feasible.
        self.h.setOptionValue("primal_feasibility_tolerance", LOOSE_TOL)
        self.h.setOptionValue("dual_feasibility_tolerance", LOOSE_TOL)
        build_count_ip(self.h, self.sizes, red.seats, *red.rows())
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        if SAVE_INCUMBENTS:
            self.h.setOptionValue("mip_improving_solution_save", True)  # unknown: ignored
        self.limits.attach(self.h)
        self.n = len(self.sizes)
        self.calls = 0
        self.extra: list[tuple[int, ...]] = []  # other panels found by the last solve
        rows, lo, hi = red.rows()
        self.seats = red.seats
        self.rows = [(list(ts), low, high) for ts, low, high in zip(rows, lo, hi, strict=True)]

    def best(self, weights: list[float]) -> tuple[tuple[int, ...], float, float] | None:
        """Return (count vector, its value, upper bound on the optimal value).

        None if no solve may start (budget or step bound) or the time limit cut it.
        """
        if self.limits.exhausted():
            return None
        self.calls += 1
        costs = [w / s for w, s in zip(weights, self.sizes, strict=True)]
        self.h.changeColsCost(self.n, list(range(self.n)), costs)
        self.limits.run(self.h)
        if not model_ok(self.h):
            if self.h.getModelStatus() in _STOPPED:
                return None  # cut by the time limit: thrown away (see Limits.steps)
            raise RuntimeError(f"pricing IP failed: {self.h.getModelStatus()}")
        self.limits.steps += 1
        col = tuple(int(round(x)) for x in self.h.getSolution().col_value[: self.n])
        value = sum(c * x for c, x in zip(costs, col, strict=True))
        bound = max(value, self.h.getInfo().mip_dual_bound)
        # The improving incumbents HiGHS found on the way are panels too: several
        # columns per integer program, for free.
        self.extra = []
        if SAVE_INCUMBENTS:
            for sol in self.h.getSavedMipSolutions():
                other = tuple(int(round(x)) for x in sol.col_value[: self.n])
                if other != col and self.feasible(other):
                    self.extra.append(other)
        return col, value, bound

    def feasible(self, col: tuple[int, ...]) -> bool:
        """Does a count vector meet the seats, sizes, quotas and umbrella limits exactly?"""
        sizes = zip(col, self.sizes, strict=True)
        if sum(col) != self.seats or any(c < 0 or c > s for c, s in sizes):
            return False
        return all(low <= sum(col[t] for t in ts) <= high for ts, low, high in self.rows)


class Master:
    """Restricted master LP, modified in place so HiGHS can warm-start.

    Rows: one per type (p_t - z >= 0, or p_t >= v_t once fixed) and the convexity
    row; column 0 is z, column j+1 is panel composition j.
    """

    def __init__(
        self, sizes: list[int], limits: Limits | None = None, levels: list[float] | None = None
    ):
        self.sizes = sizes
        self.limits = limits or Limits()
        self.inv = 1.0 / np.asarray(sizes, dtype=np.float64)
        self.n = len(sizes)
        self.h = new_highs()
        h = self.h
        # No presolve: the model changes a few columns at a time and presolve would
        # throw away the basis. Primal simplex: added columns keep primal feasibility.
        h.setOptionValue("presolve", "off")
        h.setOptionValue("simplex_strategy", 4)
        if levels is not None:
            # A one-shot check "does some lottery over these columns give every type at
            # least z times its level" (z = 1: all of them): rows p_t - z level_t >= 0.
            # Measured: dual simplex solves it from scratch in half the time of primal.
            h.setOptionValue("simplex_strategy", 1)
        coef = [-1.0] * self.n if levels is None else [-x for x in levels]
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addVar(0.0, 1.0)  # z
        h.changeColCost(0, 1.0)
        add_rows(h, [0.0] * self.n, [INF] * self.n, [[0]] * self.n, [[c] for c in coef])
        h.addRow(1.0, 1.0, 0, [], [])
        self.limits.attach(h)
        self.tol = FEASIBILITY_TOL
        self.columns: list[tuple[int, ...]] = []
        self.seen: set[tuple[int, ...]] = set()

    def add(self, col: tuple[int, ...]) -> bool:
        if col in self.seen:
            return False
        self.seen.add(col)
        self.columns.append(col)
        rows = [t for t, c in enumerate(col) if c]
        vals = [col[t] / self.sizes[t] for t in rows]
        self.h.addCol(0.0, 0.0, INF, len(rows) + 1, rows + [self.n], vals + [1.0])
        return True

    def fix(self, t: int, value: float) -> None:
        self.h.changeCoeff(t, 0, 0.0)
        self.h.changeRowBounds(t, value, INF)

    def solve(self, tight: bool = False) -> tuple[float, list[float], float, list[float]] | None:
        """(z, duals w >= 0 per type, convexity dual, weights); None if the time ran out.

        ``tight``: feasibility tolerances 1e-9 instead of LOOSE_TOL (a warm re-solve).
        """
        if self.limits.exhausted():
            return None
        tol = FEASIBILITY_TOL if tight else LOOSE_TOL
        if tol != self.tol:
            self.h.setOptionValue("primal_feasibility_tolerance", tol)
            self.h.setOptionValue("dual_feasibility_tolerance", tol)
            self.tol = tol
        sol = _solved(self.h, self.limits, "master")
        if sol is None:
            return None
        z = sol.col_value[0]
        duals = [max(0.0, -d) for d in sol.row_dual[: self.n]]
        return z, duals, sol.row_dual[self.n], list(sol.col_value[1:])

    def prune(self, lam: list[float], w: list[float], mu: float, keep: int) -> None:
        """Drop unused columns with the worst reduced cost, keeping at most ``keep``.

        Why: swap columns pile up by the thousand and every simplex pivot pays for
        them. Dropped columns may be generated again later if they become useful.
        """
        if len(self.columns) <= keep:
            return
        cols = np.asarray(self.columns, dtype=np.float64)
        rc = cols @ (np.asarray(w) * self.inv) - mu
        used = np.asarray(lam) > 0
        rc[used] = np.inf
        order = np.argsort(-rc, kind="stable")
        drop = np.sort(order[keep:])
        drop = drop[~used[drop]]
        if len(drop) == 0:
            return
        self.h.deleteCols(len(drop), (drop + 1).astype(np.int32))
        dropped = set(drop.tolist())
        for j in dropped:
            self.seen.discard(self.columns[j])
        self.columns = [c for j, c in enumerate(self.columns) if j not in dropped]


class Compact:
    """max z over the fractional polytope {x: quotas, 0<=x<=s, sum x = seats}, x_t/s_t >= z."""

    def __init__(self, red: Reduced, limits: Limits | None = None):
        self.n = n = len(red.sizes)
        self.limits = limits or Limits()
        self.h = h = new_highs()
        self.limits.attach(h)
        build_count_ip(h, red.sizes, red.seats, *red.rows(), integer=False)
        h.addVar(0.0, 1.0)  # z, column n
        h.changeColCost(n, 1.0)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.first_row = h.getNumRow()
        add_rows(
            h,
            [0.0] * n,
            [INF] * n,
            [[t, n] for t in range(n)],
            [[1.0 / s, -1.0] for s in red.sizes],
        )

    def fix(self, t: int, value: float) -> None:
        self.h.changeCoeff(self.first_row + t, self.n, 0.0)
        self.h.changeRowBounds(self.first_row + t, value, INF)

    def solve(self) -> tuple[float, list[float]] | None:
        """(upper bound on the level, dual weights per type); None if the time ran out."""
        if self.limits.exhausted():
            return None
        sol = _solved(self.h, self.limits, "compact")
        if sol is None:
            return None
        duals = [max(0.0, -d) for d in sol.row_dual[self.first_row : self.first_row + self.n]]
        return sol.col_value[self.n], duals
