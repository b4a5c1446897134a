"""Panels for the fractional leximin point, found directly (Carathéodory peeling).

Why: the fractional leximin vector (``leximin.fractional_leximin``, a few cheap LPs)
bounds every lottery from above in the leximin order, so a lottery that delivers it is
leximin-optimal. Whether one does, and which, is a decomposition problem: write the
expected composition x* (probability times size, per type) as a convex combination of
panels. Column generation gets there only after hundreds of master LP solves (measured
on the benchmark's 3 000 candidates and 40 seats: over 200 s CPU). Peeling builds the
combination directly, one panel a step:

* ``y`` is the residual point (first x*); it lies in the fractional quota polytope P;
* ``v`` is a panel in the smallest face of P containing ``y``: it meets with equality
  every quota and umbrella row, and every type bound (none or all seated), that ``y``
  meets with equality;
* ``y`` moves away from ``v`` as far as P allows: y_old = a v + (1 - a) y_new, with the
  largest such a (a ratio test), so y_new meets one more constraint with equality.

So after at most (types + rows) steps the residual is a panel itself and
x* = sum of weight_i v_i. Measured on the benchmark pools (300 to 3 000 candidates, with
and without the umbrella limit) every run decomposes x* completely, in a few hundred
steps. A step can fail only when the residual has left the convex hull of the panels
(P has fractional corners); the caller then goes on by column generation, with the
panels found so far.

A panel in the face is found, cheapest first: by a few one-seat swaps of the previous
panel (numpy); as a corner of the face's LP that happens to be integral; by swaps of that
corner rounded; by rounding its few fractional counts in a tiny integer program; and only
then by an integer program over the whole face (any panel in the face will do). Measured
on 3 000 candidates with the umbrella limit: 611 steps, 4 integer programs over the face.

Determinism: row sums of float vectors use ``np.bincount`` (a fixed summation order, no
BLAS); products of the 0/1 incidence with integer vectors are exact in floating point; the
tie-break between equally good types is a fixed function of the type index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np
import numpy.typing as npt

from .highs_util import Limits, build_count_ip, model_ok, new_highs
from .model import Reduced

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

_STOPPED = (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt)
MIN_MASS = 1e-9  # stop when less than this much probability is left to decompose
TOL = 1e-9  # a residual this close to a bound meets it (grows as 1e-12 / mass left)
INTEGRAL = 1e-6  # an LP count this close to an integer is that integer
TIE = 1e-6  # weight of the fixed per-type tie-break in the objective
PROJECT_SWEEPS = 3  # sweeps that put the residual back on its face after a step


@dataclass
class Peel:
    """The panels found, their weights, and how the peeling ended.

    The weights sum to ``1 - mass_left``. ``cut``: the budget (or step bound) stopped
    it; ``stuck``: no panel in the residual's face (the residual cannot be decomposed).
    """

    columns: list[tuple[int, ...]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    mass_left: float = 1.0
    cut: bool = False
    stuck: bool = False
    steps: int = 0


class Peeler:
    """Decompose a point of the fractional quota polytope into panels (see module doc)."""

    def __init__(self, red: Reduced, target: list[float], limits: Limits):
        self.limits = limits
        self.n = n = len(red.sizes)
        self.seats = red.seats
        self.sizes: Ints = np.asarray(red.sizes, dtype=np.int64)
        self.s: Floats = self.sizes.astype(np.float64)
        rows, lo, hi = red.rows()
        self.m = m = len(rows)
        # 0/1 incidence (floats: sums of small integers are exact in any order).
        self.member: Floats = np.zeros((m, n), dtype=np.float64)
        for i, ts in enumerate(rows):
            self.member[i, list(ts)] = 1.0
        self.member_t: Floats = np.ascontiguousarray(self.member.T)
        self.lo: Ints = np.asarray(lo, dtype=np.int64)
        self.hi: Ints = np.asarray(hi, dtype=np.int64)
        self.row_of = np.repeat(np.arange(m), [len(ts) for ts in rows])
        self.type_of = np.asarray([t for ts in rows for t in ts], dtype=np.int64)
        self.members = [np.asarray(ts, dtype=np.int64) for ts in rows]
        self.everyone = np.arange(n, dtype=np.int64)
        # A fixed tie-break in [0, 1) per type (Knuth's multiplicative hash).
        hashed = (np.arange(n, dtype=np.int64) * 2654435761) % 2**32
        self.tie: Floats = hashed.astype(np.float64) / 2.0**32
        self.x: Floats = np.clip(np.asarray(target, dtype=np.float64), 0.0, self.s)
        self.all_cols = np.arange(n, dtype=np.int32)
        self.lp = self._model(red, integer=False)
        self.ip: highspy.Highs | None = None
        self.red = red
        self.solves = 0
        self._cut = False  # the last failed solve was cut by the budget

    def _model(self, red: Reduced, integer: bool) -> highspy.Highs:
        h = new_highs()
        h.setOptionValue("presolve", "off")
        if integer:
            h.setOptionValue("mip_rel_gap", 1.0)  # any panel in the face will do
        build_count_ip(h, red.sizes, red.seats, *red.rows(), integer=integer)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.limits.attach(h)
        return h

    def row_sums(self, y: Floats) -> Floats:
        out = np.bincount(self.row_of, weights=y[self.type_of], minlength=self.m)
        return out.astype(np.float64)

    def counts(self, v: Ints) -> Floats:
        """Seats per row of the panel ``v`` (exact: sums of small integers)."""
        return self.row_sums(v.astype(np.float64))

    def run(self, on_step: Callable[[float], None] | None = None) -> Peel:
        """Peel until done, stuck or out of budget.

        ``on_step`` gets, after every step, a lower bound on the lowest probability of
        the lottery found so far (its panels, plus the mass left on any one panel).
        Every step counts as one ``Limits.steps`` (whatever it solved), so a run cut by
        the clock is reproduced by its step count.
        """
        out = Peel()
        y = self.x.copy()
        mass = 1.0
        prev: Ints | None = None
        q = self.x / np.maximum(self.s, 1.0)
        positive = q > 0
        cap = 2 * (self.n + self.m) + 10  # each step meets a new constraint: never reached
        while True:
            if self.limits.exhausted() or out.steps >= cap:
                out.cut = out.steps < cap
                out.stuck = not out.cut
                break
            self.limits.check()
            tol = max(TOL, 1e-12 / mass)
            y[y < tol] = 0.0
            y = np.where(y > self.s - tol, self.s, y)
            g = self.row_sums(y)
            at_lo = g <= self.lo + tol
            at_hi = g >= self.hi - tol
            y, g = self._onto_face(y, at_lo, at_hi)
            clo = np.where(y >= self.s, self.sizes, 0)
            chi = np.where(y <= 0.0, 0, self.sizes)
            rlo = np.where(at_hi, self.hi, self.lo)
            rhi = np.where(at_lo, self.lo, self.hi)
            rlo = np.where(at_lo, self.lo, rlo)
            rhi = np.where(at_hi, self.hi, rhi)
            cost = y / self.s + TIE * self.tie
            found = self._panel(prev, clo, chi, rlo, rhi, cost)
            if found is None:
                out.cut, out.stuck = self._cut, not self._cut
                break
            v = found
            self.limits.steps += 1
            out.steps += 1
            alpha = self._step(y, g, v)
            col = tuple(v.tolist())
            if alpha >= 1.0 - 1e-12:
                out.columns.append(col)
                out.weights.append(mass)
                mass = 0.0
                break
            out.columns.append(col)
            out.weights.append(alpha * mass)
            y = np.clip((y - alpha * v) / (1.0 - alpha), 0.0, self.s)
            mass *= 1.0 - alpha
            prev = v
            if on_step is not None:
                lowest = (self.x - mass * y)[positive] / self.s[positive]
                on_step(float(max(0.0, lowest.min())) if lowest.size else 0.0)
            if mass < MIN_MASS:
                break
        out.mass_left = mass
        return out

    def _onto_face(
        self, y: Floats, at_lo: npt.NDArray[np.bool_], at_hi: npt.NDArray[np.bool_]
    ) -> tuple[Floats, Floats]:
        """Put ``y`` back exactly on its face: the seat count and the rows it meets.

        Why: a step divides the residual by (1 - a), so rounding errors grow as the
        mass left shrinks (measured: rows off by 3e-7 with 6e-6 of the mass left, and
        then no panel fits the face). A few sweeps of cyclic projection (a row's error
        spread evenly over its types strictly inside their bounds) remove them.
        """
        free = (y > 0.0) & (y < self.s)
        rows = [(self.everyone, float(self.seats))]
        for i in range(self.m):
            if at_lo[i] or at_hi[i]:
                rows.append((self.members[i], float(self.lo[i] if at_lo[i] else self.hi[i])))
        for _ in range(PROJECT_SWEEPS):
            for ts, bound in rows:
                inside = ts[free[ts]]
                if len(inside):
                    y[inside] += (bound - self._total(y[ts])) / len(inside)
        y = np.clip(y, 0.0, self.s)
        return y, self.row_sums(y)

    @staticmethod
    def _total(values: Floats) -> float:
        """A sum in a fixed order (bincount adds one by one; no SIMD or BLAS reordering)."""
        return float(np.bincount(np.zeros(len(values), dtype=np.int64), weights=values)[0])

    def _step(self, y: Floats, g: Floats, v: Ints) -> float:
        """The largest a with (y - a v) / (1 - a) still in P (1 if y is v)."""
        gv = self.counts(v)
        vf = v.astype(np.float64)
        alpha = 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            for ratios in (
                np.where(v > 0, y / vf, np.inf),
                np.where(v < self.sizes, (self.s - y) / (self.s - vf), np.inf),
                np.where(gv > self.lo, (g - self.lo) / (gv - self.lo), np.inf),
                np.where(gv < self.hi, (self.hi - g) / (self.hi - gv), np.inf),
            ):
                if ratios.size:
                    alpha = min(alpha, float(ratios.min()))
        return max(alpha, 0.0)

    def _in_face(self, v: Ints, clo: Ints, chi: Ints, rlo: Ints, rhi: Ints) -> bool:
        if int(v.sum()) != self.seats or np.any(v < clo) or np.any(v > chi):
            return False
        gv = self.counts(v)
        return bool(np.all(gv >= rlo) and np.all(gv <= rhi))

    def _panel(
        self, prev: Ints | None, clo: Ints, chi: Ints, rlo: Ints, rhi: Ints, cost: Floats
    ) -> Ints | None:
        """A panel in the face (bounds clo..chi per type, rlo..rhi per row), or None."""
        self._cut = False
        if prev is not None:
            got = self._repair(prev, clo, chi, rlo, rhi, cost)
            if got is not None:
                return got
        lp = self.lp
        self._face(lp, clo, chi, rlo, rhi, cost)
        if not self._solve(lp):
            return None if self._cut else self._whole_face(clo, chi, rlo, rhi, cost)
        sol = np.asarray(lp.getSolution().col_value[: self.n], dtype=np.float64)
        rounded = np.round(sol)
        frac = np.abs(sol - rounded) > INTEGRAL
        v = rounded.astype(np.int64)
        if not frac.any() and self._in_face(v, clo, chi, rlo, rhi):
            return v
        if frac.any():
            got = self._repair(self._rounded(sol, clo, chi), clo, chi, rlo, rhi, cost)
            if got is not None:
                return got
            got = self._round_corner(sol, frac, clo, chi, rlo, rhi, cost)
            if got is not None or self._cut:
                return got
        return self._whole_face(clo, chi, rlo, rhi, cost)

    def _rounded(self, sol: Floats, clo: Ints, chi: Ints) -> Ints:
        """Counts near ``sol`` within the type bounds that fill the seats (largest rest first)."""
        v = np.clip(np.floor(sol + INTEGRAL), clo, chi).astype(np.int64)
        rest = sol - v
        order = np.argsort(-rest, kind="stable")
        left = self.seats - int(v.sum())
        for t in order:
            if left <= 0:
                break
            if v[t] < chi[t]:
                v[t] += 1
                left -= 1
        return v

    def _face(
        self, h: highspy.Highs, clo: Ints, chi: Ints, rlo: Ints, rhi: Ints, cost: Floats
    ) -> None:
        """Restrict the model ``h`` (seat row 0, then the rows) to the face; set the costs."""
        h.changeColsBounds(self.n, self.all_cols, clo.astype(np.float64), chi.astype(np.float64))
        for i in range(self.m):
            h.changeRowBounds(i + 1, float(rlo[i]), float(rhi[i]))
        h.changeColsCost(self.n, self.all_cols, cost)

    def _solve(self, h: highspy.Highs) -> bool:
        """Run ``h`` within the budget; False if infeasible or cut (then ``_cut``)."""
        self.limits.run(h)
        self.solves += 1
        if model_ok(h):
            return True
        self._cut = h.getModelStatus() in _STOPPED
        return False

    def _round_corner(
        self,
        sol: Floats,
        frac: npt.NDArray[np.bool_],
        clo: Ints,
        chi: Ints,
        rlo: Ints,
        rhi: Ints,
        cost: Floats,
    ) -> Ints | None:
        """Round the LP corner's fractional counts (the others stay) in a tiny IP."""
        free = np.flatnonzero(frac)
        base = np.where(frac, 0.0, np.round(sol)).astype(np.int64)
        k = len(free)
        h = new_highs()
        h.setOptionValue("presolve", "off")
        h.setOptionValue("mip_rel_gap", 1.0)
        self.limits.attach(h)
        low = np.maximum(np.floor(sol[free]), clo[free]).astype(np.float64)
        high = np.minimum(np.ceil(sol[free]), chi[free]).astype(np.float64)
        h.addVars(k, low, high)
        idx = list(range(k))
        h.changeColsIntegrality(k, idx, [highspy.HighsVarType.kInteger] * k)  # type: ignore[arg-type]
        left = float(self.seats - int(base.sum()))
        h.addRow(left, left, k, np.asarray(idx, dtype=np.int32), np.ones(k))
        used = self.counts(base)
        sub = self.member[:, free]
        for i in range(self.m):
            cols = np.flatnonzero(sub[i]).astype(np.int32)
            low_i, high_i = float(rlo[i] - used[i]), float(rhi[i] - used[i])
            if len(cols):
                h.addRow(low_i, high_i, len(cols), cols, np.ones(len(cols)))
            elif not low_i <= 0.0 <= high_i:
                return None  # a row the fixed counts already break
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.changeColsCost(k, np.asarray(idx, dtype=np.int32), cost[free])
        if not self._solve(h):
            return None
        v = base.copy()
        v[free] = np.round(np.asarray(h.getSolution().col_value[:k])).astype(np.int64)
        return v if self._in_face(v, clo, chi, rlo, rhi) else None

    def _whole_face(self, clo: Ints, chi: Ints, rlo: Ints, rhi: Ints, cost: Floats) -> Ints | None:
        if self.ip is None:
            self.ip = self._model(self.red, integer=True)
        ip = self.ip
        self._face(ip, clo, chi, rlo, rhi, cost)
        if not self._solve(ip):
            return None
        sol = np.asarray(ip.getSolution().col_value[: self.n], dtype=np.float64)
        v = np.round(sol).astype(np.int64)
        return v if self._in_face(v, clo, chi, rlo, rhi) else None

    def _repair(
        self, prev: Ints, clo: Ints, chi: Ints, rlo: Ints, rhi: Ints, cost: Floats
    ) -> Ints | None:
        """Move seats of ``prev`` one at a time until it lies in the face (or give up).

        Each move takes a seat from a type that has to give one (it is over its bound in
        the face, or sits in a row that is over / outside a row that is under) to the
        type that lowers the total violation of the face's bounds most, the more
        valuable first. No BLAS: measured, its threads cost 10 times the work here on a
        busy machine; the sums run over the row incidence with ``np.bincount``.
        """
        v = prev.copy()
        n = self.n
        for _ in range(2 * self.seats + 2):
            g = self.counts(v)
            over_r, under_r = np.maximum(0.0, g - rhi), np.maximum(0.0, rlo - g)
            over_t = v > chi
            if not (over_r.any() or under_r.any() or over_t.any() or np.any(v < clo)):
                return v
            # Change of a row's violation when its count goes up / down by one (a row
            # without a seat cannot lose one).
            up = np.maximum(0.0, g + 1 - rhi) - over_r + np.maximum(0.0, rlo - g - 1) - under_r
            down = np.maximum(0.0, g - 1 - rhi) - over_r + np.maximum(0.0, rlo - g + 1) - under_r
            down[g <= 0] = 0.0
            givers = over_t.copy()
            if over_r.any():  # types in a row that is over
                givers |= self.member_t[:, over_r > 0].any(axis=1)
            if under_r.any():  # types outside a row that is under
                givers |= ~self.member_t[:, under_r > 0].all(axis=1)
            givers &= v > clo
            a = np.flatnonzero(givers)
            k = len(a)
            if k == 0:
                return None
            a_in = self.member[:, a]  # m x A
            # Seat from a to b: rows b is in and a is not go up, rows a is in and b is not
            # go down: sum over b's rows of up (1 - a_in) - down a_in, plus a's downs.
            per_row = up[:, None] * (1.0 - a_in) - down[:, None] * a_in  # m x A
            index = (self.type_of[:, None] * k + np.arange(k)[None, :]).ravel()
            summed = np.bincount(index, weights=per_row[self.row_of].ravel(), minlength=n * k)
            total = summed.reshape(n, k)
            total += (down[:, None] * a_in).sum(axis=0)[None, :]
            total += np.where(v[a] > chi[a], -1.0, 0.0)[None, :]
            total += np.where(v < clo, -1.0, np.where(v >= chi, 1.0, 0.0))[:, None]
            total[a, np.arange(k)] = np.inf
            total[v >= self.sizes, :] = np.inf
            best = float(total.min())
            if not best < 0:
                return None
            score = np.where(total <= best, cost[:, None] - cost[a][None, :], -np.inf)
            b, j = divmod(int(np.argmax(score)), k)
            v[a[j]] -= 1
            v[b] += 1
        return v if self._in_face(v, clo, chi, rlo, rhi) else None
