"""Collapse the pool into types of interchangeable candidates.

Why: the pricing integer program of column generation would otherwise need one
binary per candidate. Candidates that count towards exactly the same quotas are
interchangeable, so one integer variable (0..group size) per type suffices, and
a lottery over *type-count vectors* plus a uniform choice inside each type is
equivalent to a lottery over individual panels.

With an umbrella limit, members of an umbrella that could exceed it are only
interchangeable with each other, so the umbrella becomes part of the type key; an
umbrella with no more available members than its limit constrains nothing and is
ignored (which keeps the number of types, and the work, small).
"""

from __future__ import annotations

from .model import Instance, Reduced


def reduce_instance(instance: Instance) -> Reduced:
    """Apply include/exclude and group the remaining pool into types."""
    excluded = {f.id for f in instance.exclude}
    included = {f.id for f in instance.include}
    quotas = instance.quotas
    lo = [q.min for q in quotas]
    hi = [q.max for q in quotas]
    limit = instance.max_per_umbrella
    cap: dict[str, int] = {}  # umbrella -> seats it may still take
    avail: dict[str, int] = {}
    if limit is not None:
        for cand in instance.candidates:
            if cand.umbrella is None or cand.id in excluded:
                continue
            cap.setdefault(cand.umbrella, limit)
            avail.setdefault(cand.umbrella, 0)
            if cand.id in included:
                cap[cand.umbrella] -= 1
            else:
                avail[cand.umbrella] += 1
    limited = {u for u in cap if avail[u] > cap[u]}
    quota_labels = [(q.feature, q.value) for q in quotas]
    groups: dict[tuple[tuple[int, ...], str], list[str]] = {}
    for cand in instance.candidates:  # already sorted by id
        if cand.id in excluded:
            continue
        labels = cand.labels
        key = tuple(i for i, label in enumerate(quota_labels) if label in labels)
        if cand.id in included:
            for i in key:
                lo[i] -= 1
                hi[i] -= 1
            continue
        umbrella = cand.umbrella if cand.umbrella in limited else ""
        groups.setdefault((key, umbrella), []).append(cand.id)
    # Without umbrellas the umbrella part is "" everywhere: the same order as always.
    gkeys = sorted(groups)
    keys = [k for k, _ in gkeys]
    per_quota: list[list[int]] = [[] for _ in quotas]
    umbrellas = tuple(sorted(limited))
    per_umbrella: dict[str, list[int]] = {u: [] for u in umbrellas}
    for t, (key, u) in enumerate(gkeys):
        for i in key:
            per_quota[i].append(t)
        if u:
            per_umbrella[u].append(t)
    quota_types = tuple(tuple(ts) for ts in per_quota)
    umbrella_types = tuple(tuple(per_umbrella[u]) for u in umbrellas)
    return Reduced(
        seats=instance.seats - len(included),
        quotas=quotas,
        lo=tuple(lo),
        hi=tuple(hi),
        types=tuple(keys),
        members=tuple(tuple(groups[k]) for k in gkeys),
        included=tuple(sorted(included)),
        excluded=tuple(sorted(excluded)),
        quota_types=quota_types,
        umbrellas=umbrellas,
        umbrella_types=umbrella_types,
        umbrella_caps=tuple(cap[u] for u in umbrellas),
        umbrella_max=limit,
        umbrella_over=tuple(sorted(u for u in cap if cap[u] < 0)),
    )
