"""The Sortition Foundation's classic greedy quota lottery ("legacy").

Repeatedly take the most *urgent* category, i.e. the (feature, value) with the
largest (min - selected) / remaining, and seat a uniformly random remaining
candidate from it; when a category reaches its maximum, everyone else in it is
removed from the pool. A draw that gets stuck is retried.

Reference: this matches ``find_random_sample_legacy`` in the code published with
Flanigan, Gölz, Gupta, Hennig & Procaccia, "Fair algorithms for selecting citizens'
assemblies", Nature 596 (2021) (github.com/pgoelz/citizensassemblies-replication),
where "people still needed" (min - selected) is *not* clamped at zero, so a category
over its minimum has negative urgency. It does not match ``sortition-algorithms``
0.12.15, which clamps that number at zero and so breaks ties differently. Extended
here to multi-valued features (a candidate simply belongs to several categories) and
to the umbrella limit (one category per umbrella with maximum m).

Candidates that belong to the same categories behave identically, so we simulate
on types and pick the concrete members uniformly at the end; this is the same
distribution as picking individuals and makes Monte-Carlo estimates cheap.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .model import Candidate, Instance

UMBRELLA = "\x00umbrella"  # category name of umbrella limits (no feature is called so)


class LegacyFailed(RuntimeError):
    """The greedy algorithm failed on every retry (quotas too tight for it)."""


@dataclass
class LegacyModel:
    cat_labels: list[str]
    cat_min: list[int]
    cat_max: list[int]
    cat_types: list[list[int]]
    type_cats: list[list[int]]
    members: list[tuple[str, ...]]
    start_sel: list[int]  # category counts contributed by must-includes
    seats: int  # seats left after must-includes


def build_legacy_model(instance: Instance) -> LegacyModel:
    """Categories = every value (present in the pool) of every feature with a quota."""
    excluded = {f.id for f in instance.exclude}
    included = {f.id for f in instance.include}
    pool = [c for c in instance.candidates if c.id not in excluded]
    quota_of = {(q.feature, q.value): q for q in instance.quotas}
    cats: list[tuple[str, str]] = []
    for feature in sorted({q.feature for q in instance.quotas}):
        values: set[str] = set()
        for c in pool:
            v = c.features.get(feature)
            if isinstance(v, frozenset):
                values |= v
            elif v is not None:
                values.add(v)
        values |= {q.value for q in instance.quotas if q.feature == feature}
        cats.extend((feature, v) for v in sorted(values))
    k = instance.seats
    cat_min = [quota_of[c].min if c in quota_of else 0 for c in cats]
    cat_max = [quota_of[c].max if c in quota_of else k for c in cats]
    # Umbrella limit: one category per umbrella with maximum m (and no minimum), so a
    # full umbrella removes its other members like any full category.
    n_feature_cats = len(cats)
    if instance.max_per_umbrella is not None:
        for u in sorted({c.umbrella for c in pool if c.umbrella is not None}):
            cats.append((UMBRELLA, u))
            cat_min.append(0)
            cat_max.append(instance.max_per_umbrella)
    # Catch-all category, last, so that nobody is unreachable (also: no quotas at all).
    cats.append(("*", "*"))
    cat_min.append(0)
    cat_max.append(k)
    start_sel = [0] * len(cats)
    groups: dict[tuple[int, ...], list[str]] = {}

    def belongs(cand: Candidate, i: int) -> bool:
        f, v = cats[i]
        if f == "*":
            return True
        if i >= n_feature_cats:
            return cand.umbrella == v
        return cand.has(f, v)

    for cand in pool:
        key = tuple(i for i in range(len(cats)) if belongs(cand, i))
        if cand.id in included:
            for i in key:
                start_sel[i] += 1
        else:
            groups.setdefault(key, []).append(cand.id)
    keys = sorted(groups)
    return LegacyModel(
        cat_labels=[f"{f}={v}" for f, v in cats],
        cat_min=cat_min,
        cat_max=cat_max,
        cat_types=[[t for t, key in enumerate(keys) if i in key] for i in range(len(cats))],
        type_cats=[list(k_) for k_ in keys],
        members=[tuple(groups[k_]) for k_ in keys],
        start_sel=start_sel,
        seats=k - len(included),
    )


def _remove_type(m: LegacyModel, t: int, rem_t: list[int], cat_rem: list[int]) -> None:
    r = rem_t[t]
    if r:
        rem_t[t] = 0
        for c in m.type_cats[t]:
            cat_rem[c] -= r


def legacy_attempt(m: LegacyModel, rng: random.Random) -> tuple[int, ...] | None:
    """One greedy draw; returns the type-count vector or None if it got stuck."""
    rem_t = [len(x) for x in m.members]
    cat_sel = list(m.start_sel)
    cat_rem = [sum(rem_t[t] for t in ts) for ts in m.cat_types]
    counts = [0] * len(rem_t)
    ncat = len(cat_sel)
    for c in range(ncat):  # must-includes may already fill a category
        if cat_sel[c] >= m.cat_max[c]:
            for t in m.cat_types[c]:
                _remove_type(m, t, rem_t, cat_rem)
    for _ in range(m.seats):
        best, bc = -1e18, -1
        for c in range(ncat):
            r = cat_rem[c]
            need = m.cat_min[c] - cat_sel[c]
            if need > r:
                return None
            if r and m.cat_max[c]:
                ratio = need / r
                if ratio > best:
                    best, bc = ratio, c
        if bc < 0:
            return None
        pick = rng.randint(1, cat_rem[bc])
        for t in m.cat_types[bc]:
            pick -= rem_t[t]
            if pick <= 0:
                break
        counts[t] += 1
        rem_t[t] -= 1
        for c in m.type_cats[t]:
            cat_sel[c] += 1
            cat_rem[c] -= 1
        for c in m.type_cats[t]:
            if cat_sel[c] >= m.cat_max[c]:
                for t2 in m.cat_types[c]:
                    _remove_type(m, t2, rem_t, cat_rem)
    if any(s < lo or s > hi for s, lo, hi in zip(cat_sel, m.cat_min, m.cat_max, strict=True)):
        return None
    return tuple(counts)


def legacy_draw(m: LegacyModel, rng: random.Random, max_attempts: int = 1000) -> tuple[int, ...]:
    """A legacy draw, retrying on failure like the original implementation."""
    for _ in range(max_attempts):
        got = legacy_attempt(m, rng)
        if got is not None:
            return got
    raise LegacyFailed(f"legacy algorithm failed {max_attempts} times in a row")


def legacy_monte_carlo(
    m: LegacyModel, draws: int, seed: int
) -> tuple[list[tuple[tuple[int, ...], float]], list[float]]:
    """Empirical distribution over compositions and per-type selection probabilities."""
    rng = random.Random(f"legacy-monte-carlo:{seed}")
    freq: dict[tuple[int, ...], int] = {}
    for _ in range(draws):
        comp = legacy_draw(m, rng)
        freq[comp] = freq.get(comp, 0) + 1
    sizes = [len(x) for x in m.members]
    probs = [0.0] * len(sizes)
    for comp, f in freq.items():
        for t, c in enumerate(comp):
            probs[t] += f * c
    probs = [p / (draws * s) for p, s in zip(probs, sizes, strict=True)]
    comps = [(comp, freq[comp] / draws) for comp in sorted(freq)]
    return comps, probs
