"""Shared builders for the selection-engine tests (small, deterministic pools)."""

from __future__ import annotations

import itertools
import random
from typing import Any

from sakrad.selection.engine import Candidate, Instance, Quota
from sakrad.selection.engine.highs_util import new_highs


def small_pool_dict(n: int = 12, seed: int = 3) -> dict[str, Any]:
    rng = random.Random(seed)
    cands = []
    for i in range(n):
        cands.append(
            {
                "id": f"c{i:02d}",
                "features": {
                    "form": rng.choice(["stiftelse", "förening", "trossamfund"]),
                    "size": rng.choice(["small", "large"]),
                    "focus_areas": sorted(rng.sample(["x", "y", "z"], rng.randint(0, 2))),
                },
            }
        )
    return {
        "seats": 4,
        "candidates": cands,
        "multi_valued": ["focus_areas"],
        "quotas": [
            {"feature": "form", "value": "trossamfund", "min": 1, "max": 2},
            {"feature": "size", "value": "large", "min": 2, "max": 2},
            {"feature": "focus_areas", "value": "x", "min": 1, "max": 3},
        ],
    }


def brute_force_maximin(instance: Instance) -> float:
    """Exact maximin by enumerating every feasible panel (tiny instances only)."""
    import highspy

    excluded = {f.id for f in instance.exclude}
    included = {f.id for f in instance.include}
    pool = [c for c in instance.candidates if c.id not in excluded]
    panels = []
    for combo in itertools.combinations(pool, instance.seats):
        ids = {c.id for c in combo}
        if not included <= ids:
            continue
        if all(
            q.min <= sum(1 for c in combo if c.has(q.feature, q.value)) <= q.max
            for q in instance.quotas
        ):
            panels.append(ids)
    assert panels, "instance must be feasible"
    h = new_highs()
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addVar(0.0, 1.0)
    h.changeColCost(0, 1.0)
    for _ in panels:
        h.addVar(0.0, 1.0)
    reachable = [c for c in pool if any(c.id in p for p in panels)]
    for c in reachable:
        idx = [0] + [j + 1 for j, p in enumerate(panels) if c.id in p]
        h.addRow(0.0, highspy.kHighsInf, len(idx), idx, [-1.0] + [1.0] * (len(idx) - 1))
    h.addRow(1.0, 1.0, len(panels), list(range(1, len(panels) + 1)), [1.0] * len(panels))
    h.run()
    if len(reachable) < len(pool):
        return 0.0
    return h.getSolution().col_value[0]


def panel_ok(panel: tuple[str, ...], instance: Instance) -> bool:
    cmap = {c.id: c for c in instance.candidates}
    members: list[Candidate] = [cmap[i] for i in panel]
    return len(panel) == instance.seats and all(
        q.min <= sum(1 for c in members if c.has(q.feature, q.value)) <= q.max
        for q in instance.quotas
    )


def quota(feature: str, value: str, lo: int, hi: int) -> Quota:
    return Quota(feature, value, lo, hi)
