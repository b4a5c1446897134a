"""Turning a lottery into a concrete panel, the reserve list, and seat refills.

All randomness comes from a caller-provided ``random.Random`` and every collection
is iterated in sorted order, so a seed fully determines the outcome.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence

from .model import Candidate, Quota


def draw_composition(
    compositions: Sequence[tuple[tuple[int, ...], float]], rng: random.Random
) -> tuple[int, ...]:
    """Pick one type-count vector according to its probability."""
    r = rng.random()
    acc = 0.0
    for comp, p in compositions:
        acc += p
        if r < acc:
            return comp
    return compositions[-1][0]  # r lands in the rounding gap at the very end


def pick_members(
    comp: Sequence[int], members: Sequence[Sequence[str]], rng: random.Random
) -> list[str]:
    """Uniformly choose ``comp[t]`` members of each type t (types in fixed order)."""
    out: list[str] = []
    for count, group in zip(comp, members, strict=True):
        if count:
            out.extend(rng.sample(sorted(group), count))
    return out


def reserve_order(
    ids: Iterable[str], probability: Mapping[str, float], rng: random.Random
) -> list[str]:
    """Seeded random order, weighted by selection probability (Efraimidis–Spirakis).

    A candidate with a higher probability tends to come earlier, which keeps the
    refilled panel close to the fair lottery; zero-probability candidates go last.
    """
    keyed = []
    for cid in sorted(ids):
        u = rng.random() or 1e-300
        w = probability.get(cid, 0.0)
        key = (0, math.log(u) / w) if w > 0 else (1, -u)
        keyed.append((key[0], -key[1], cid))
    keyed.sort()
    return [cid for _, _, cid in keyed]


def _as_map(candidates: Mapping[str, Candidate] | Iterable[Candidate]) -> Mapping[str, Candidate]:
    if isinstance(candidates, Mapping):
        return candidates
    return {c.id: c for c in candidates}


def quota_violations(
    panel: Iterable[str],
    candidates: Mapping[str, Candidate] | Iterable[Candidate],
    quotas: Sequence[Quota],
) -> list[str]:
    """Human-readable list of quotas the panel breaks (empty = all satisfied)."""
    cmap = _as_map(candidates)
    members = [cmap[i] for i in sorted(panel)]
    out = []
    for q in sorted(quotas):
        n = sum(1 for c in members if c.has(q.feature, q.value))
        if n < q.min:
            out.append(f"{q.label}: {n} < minimum {q.min}")
        elif n > q.max:
            out.append(f"{q.label}: {n} > maximum {q.max}")
    return out


def first_fitting_reserve(
    panel: Iterable[str],
    leaving_id: str,
    reserve: Sequence[str],
    candidates: Mapping[str, Candidate] | Iterable[Candidate],
    quotas: Sequence[Quota],
) -> tuple[str | None, str | None]:
    """The first reserve whose addition (after ``leaving_id`` leaves) meets every quota.

    Returns ``(reserve_id, description)``. The description is None when the very
    first remaining reserve fits; otherwise it names the quota that blocked the
    skipped reserves (or, if nobody fits, the quota that blocks everyone), e.g.
    "form=trossamfund: 1 < minimum 2".
    """
    cmap = _as_map(candidates)
    rest = [i for i in panel if i != leaving_id]
    in_panel = set(rest)
    blocking: dict[str, int] = {}
    first_block: str | None = None
    for rid in reserve:
        if rid in in_panel or rid == leaving_id:
            continue
        problems = quota_violations([*rest, rid], cmap, quotas)
        if not problems:
            if first_block is None:
                return rid, None
            return rid, f"skipped reserves blocked by {first_block}"
        first_block = first_block or problems[0]
        for p in problems:
            blocking[p] = blocking.get(p, 0) + 1
    if not blocking:
        return None, "no reserve candidates left"
    worst = max(sorted(blocking), key=lambda p: blocking[p])
    return None, f"no reserve fits; blocked by {worst}"
