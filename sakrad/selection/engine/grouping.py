"""Collapse the pool into types of interchangeable candidates.

Why: the pricing integer program of column generation would otherwise need one
binary per candidate. Candidates that count towards exactly the same quotas are
interchangeable, so one integer variable (0..group size) per type suffices, and
a lottery over *type-count vectors* plus a uniform choice inside each type is
equivalent to a lottery over individual panels.
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
    groups: dict[tuple[int, ...], list[str]] = {}
    for cand in instance.candidates:  # already sorted by id
        if cand.id in excluded:
            continue
        key = tuple(i for i, q in enumerate(quotas) if cand.has(q.feature, q.value))
        if cand.id in included:
            for i in key:
                lo[i] -= 1
                hi[i] -= 1
            continue
        groups.setdefault(key, []).append(cand.id)
    keys = sorted(groups)
    quota_types = tuple(
        tuple(t for t, key in enumerate(keys) if i in key) for i in range(len(quotas))
    )
    return Reduced(
        seats=instance.seats - len(included),
        quotas=quotas,
        lo=tuple(lo),
        hi=tuple(hi),
        types=tuple(keys),
        members=tuple(tuple(groups[k]) for k in keys),
        included=tuple(sorted(included)),
        excluded=tuple(sorted(excluded)),
        quota_types=quota_types,
    )
