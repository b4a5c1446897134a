"""Cheap extra columns: feasible one-for-one swaps of a panel composition.

Why: column generation on the maximin LP is extremely degenerate; adding only the
single best panel per (expensive) pricing IP makes the lower bound creep up for
hundreds of iterations. Every composition that differs from a good one by moving
one seat from type a to type b is also feasible as long as no quota that is at its
limit is crossed, and many of them also improve the LP. Checking all swaps is a
couple of small matrix products, far cheaper than an extra integer program.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .model import Reduced


class SwapNeighbourhood:
    def __init__(self, red: Reduced):
        rows, lo, hi = red.rows()  # quotas and umbrella limits alike
        n, m = len(red.sizes), len(rows)
        self.member = np.zeros((n, m), dtype=np.int32)  # type x row incidence
        for q, types in enumerate(rows):
            self.member[list(types), q] = 1
        self.sizes = np.array(red.sizes, dtype=np.int64)
        self.lo = np.array(lo, dtype=np.int64)
        self.hi = np.array(hi, dtype=np.int64)

    def best_swaps(
        self, col: Sequence[int], values: Sequence[float], base: float, limit: int, tol: float
    ) -> list[tuple[int, ...]]:
        """Up to ``limit`` feasible swaps of ``col`` whose value exceeds ``tol``.

        ``values[t]`` is the reward of one seat of type t; ``base`` is subtracted
        from a column's total reward (the convexity dual), so the result is the
        reduced cost. Returned in decreasing reduced cost (ties by index).
        """
        c = np.asarray(col, dtype=np.int64)
        v = np.asarray(values, dtype=np.float64)
        counts = self.member.T @ c
        at_hi = counts >= self.hi
        at_lo = counts <= self.lo
        supp = np.flatnonzero(c > 0)
        a_m = self.member[supp]  # S x Q
        b_m = self.member  # T x Q
        # Adding b may not push a full quota that a does not also leave ...
        bad = (b_m[:, at_hi] @ (1 - a_m[:, at_hi]).T) > 0  # T x S
        # ... and removing a may not drop a quota at its minimum that b does not refill.
        bad |= ((1 - b_m[:, at_lo]) @ a_m[:, at_lo].T) > 0
        bad |= (c >= self.sizes)[:, None]
        bad[supp, np.arange(len(supp))] = True
        rc = (float(v @ c) - base) + v[:, None] - v[supp][None, :]
        rc[bad] = -np.inf
        flat = rc.ravel()
        order = np.argsort(-flat, kind="stable")[:limit]
        out = []
        for idx in order:
            if not flat[idx] > tol:
                break
            b, s = divmod(int(idx), len(supp))
            new = c.copy()
            new[supp[s]] -= 1
            new[b] += 1
            out.append(tuple(new.tolist()))
        return out
