"""Small helpers around highspy so every model is built and solved the same way.

Determinism: HiGHS is deterministic for an identical model (same row/column order)
when run single-threaded with a fixed random seed and no time limits, so we set
those options on every solver instance and always add rows/columns in sorted order.
"""

from __future__ import annotations

from collections.abc import Sequence

import highspy

INF = highspy.kHighsInf


def new_highs(mip_rel_gap: float = 1e-9) -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("mip_rel_gap", mip_rel_gap)
    h.setOptionValue("mip_abs_gap", 1e-9)
    return h


def highs_version() -> str:
    h = highspy.Highs()
    try:
        return f"{h.version()}"
    finally:
        del h


def build_count_ip(
    h: highspy.Highs,
    sizes: Sequence[int],
    seats: int,
    quota_types: Sequence[Sequence[int]],
    lo: Sequence[int],
    hi: Sequence[int],
    integer: bool = True,
) -> None:
    """Variables c_t in [0, size_t] (integer), sum c_t = seats, lo_q <= sum_{t in q} c_t <= hi_q."""
    n = len(sizes)
    for s in sizes:
        h.addVar(0.0, float(s))
    if integer and n:
        h.changeColsIntegrality(n, list(range(n)), [highspy.HighsVarType.kInteger] * n)
    h.addRow(float(seats), float(seats), n, list(range(n)), [1.0] * n)
    for types, low, high in zip(quota_types, lo, hi, strict=True):
        h.addRow(float(low), float(high), len(types), list(types), [1.0] * len(types))


def model_ok(h: highspy.Highs) -> bool:
    return h.getModelStatus() == highspy.HighsModelStatus.kOptimal
