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


def feasible_panels(instance: Instance) -> list[set[str]]:
    """Every panel meeting the quotas, must-includes and the umbrella limit (tiny only)."""
    excluded = {f.id for f in instance.exclude}
    included = {f.id for f in instance.include}
    pool = [c for c in instance.candidates if c.id not in excluded]
    out = []
    for combo in itertools.combinations(pool, instance.seats):
        ids = {c.id for c in combo}
        if not included <= ids:
            continue
        if not all(
            q.min <= sum(1 for c in combo if c.has(q.feature, q.value)) <= q.max
            for q in instance.quotas
        ):
            continue
        if instance.max_per_umbrella is not None:
            per: dict[str, int] = {}
            for c in combo:
                if c.umbrella is not None:
                    per[c.umbrella] = per.get(c.umbrella, 0) + 1
            if any(v > instance.max_per_umbrella for v in per.values()):
                continue
        out.append(ids)
    return out


def brute_force_leximin(instance: Instance) -> dict[str, float]:
    """Exact leximin marginals by enumeration: raise the minimum, then fix every candidate
    whose probability cannot exceed it (one LP per candidate), and repeat."""
    import highspy

    panels = feasible_panels(instance)
    assert panels, "instance must be feasible"
    ids = sorted({c.id for c in instance.candidates} - {f.id for f in instance.exclude})
    fixed: dict[str, float] = {i: 0.0 for i in ids if not any(i in p for p in panels)}
    inf = highspy.kHighsInf

    def solve(objective: str | None) -> float:
        h = new_highs()
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.addVar(0.0, 1.0)  # z
        for _ in panels:
            h.addVar(0.0, 1.0)
        h.addRow(1.0, 1.0, len(panels), list(range(1, len(panels) + 1)), [1.0] * len(panels))
        for i in ids:
            idx = [j + 1 for j, p in enumerate(panels) if i in p]
            if i in fixed:
                h.addRow(fixed[i] - 1e-10, inf, len(idx), idx, [1.0] * len(idx))
            else:
                h.addRow(0.0, inf, len(idx) + 1, [0, *idx], [-1.0] + [1.0] * len(idx))
        if objective is None:
            h.changeColCost(0, 1.0)
        else:
            h.changeColBounds(0, level - 1e-10, 1.0)
            for j, p in enumerate(panels):
                if objective in p:
                    h.changeColCost(j + 1, 1.0)
        h.run()
        assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return h.getInfo().objective_function_value

    while len(fixed) < len(ids):
        level = solve(None)
        newly = [i for i in ids if i not in fixed and solve(i) <= level + 1e-7]
        assert newly
        for i in newly:
            fixed[i] = level
    for i in instance.include:
        fixed[i.id] = 1.0
    return fixed


def witness_quotas(
    rng: random.Random, features: dict[str, list[str]], witness: list[dict], k: int
) -> list[dict[str, Any]]:
    """Random quotas on about half the feature values (and the focus areas) that the
    ``witness`` panel of ``k`` meets, so a pool holding it is feasible."""
    quotas = []
    for f, vals in [*features.items(), ("focus_areas", ["x", "y"])]:
        for v in vals:
            if rng.random() < 0.5:
                continue
            have = sum(
                1
                for c in witness
                if (
                    v in c["features"][f]
                    if isinstance(c["features"][f], list)
                    else c["features"][f] == v
                )
            )
            quotas.append(
                {"feature": f, "value": v, "min": rng.randint(0, have), "max": rng.randint(have, k)}
            )
    return quotas


def random_instance_dict(
    rng: random.Random, n: int, k: int, umbrellas: bool = False, include: bool = True
) -> dict[str, Any]:
    """A random pool with quotas built around one random panel, so it is feasible.

    With ``umbrellas``, candidates get one of a few umbrellas (or none) and the limit is
    set so the witness panel respects it.
    """
    features = {"form": ["a", "b", "c"], "size": ["s", "l"]}
    cands = []
    for i in range(n):
        feats: dict[str, Any] = {f: rng.choice(vals) for f, vals in features.items()}
        feats["focus_areas"] = sorted(rng.sample(["x", "y"], rng.randint(0, 2)))
        cand: dict[str, Any] = {"id": f"p{i:03d}", "features": feats}
        if umbrellas and rng.random() < 0.7:
            cand["umbrella"] = rng.choice(["U1", "U2", "U3"])
        cands.append(cand)
    witness = rng.sample(cands, k)
    quotas = witness_quotas(rng, features, witness, k)
    data: dict[str, Any] = {
        "seats": k,
        "candidates": cands,
        "quotas": quotas,
        "multi_valued": ["focus_areas"],
    }
    if umbrellas:
        per: dict[str, int] = {}
        for c in witness:
            if "umbrella" in c:
                per[c["umbrella"]] = per.get(c["umbrella"], 0) + 1
        data["max_per_umbrella"] = max(1, *per.values()) if per else 1
    if include and rng.random() < 0.3:
        data["include"] = [{"id": witness[0]["id"], "reason": "test"}]
    return data
