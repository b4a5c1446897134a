"""Detect infeasible quotas, explain them in English and Swedish, suggest a fix.

Cheap counting checks give the human-readable reasons ("minimum 5 for
form=trossamfund, but only 3 in the pool"); an integer program with slack
variables on every min and max finds the *smallest total relaxation* that makes
the quotas feasible, so the web layer can propose concrete new numbers.
"""

from __future__ import annotations

from typing import Any

import highspy

from .highs_util import INF, Limits, build_count_ip, has_solution, model_ok, new_highs
from .model import Instance, QuotaProblem, Reduced

MIN_FEASIBILITY_SLICE = 0.5  # the first panel is needed for any answer at all

# kind -> (English, Swedish) templates.
MESSAGES: dict[str, tuple[str, str]] = {
    "pool_too_small": (
        "the pool has only {n} available candidates for {k} seats",
        "urvalspoolen har bara {n} tillgängliga kandidater för {k} platser",
    ),
    "include_exceeds_seats": (
        "{i} candidates must be included but there are only {k} seats",
        "{i} kandidater måste ingå men det finns bara {k} platser",
    ),
    "min_gt_max": (
        "minimum {min} for {label} is larger than its maximum {max}",
        "minimum {min} för {label} är större än maximum {max}",
    ),
    "min_exceeds_pool": (
        "minimum {min} for {label}, but only {c} in the pool",
        "minimum {min} för {label}, men bara {c} i urvalspoolen",
    ),
    "min_exceeds_seats": (
        "minimum {min} for {label}, but there are only {k} seats",
        "minimum {min} för {label}, men det finns bara {k} platser",
    ),
    "include_exceeds_max": (
        "{c} must-include candidates have {label} but the maximum is {max}",
        "{c} kandidater som måste ingå har {label} men maximum är {max}",
    ),
    "sum_min_exceeds_seats": (
        "minimums for feature {feature} add up to {s} but there are only {k} seats",
        "minimivärdena för egenskapen {feature} summerar till {s} men det finns bara {k} platser",
    ),
    "sum_max_below_seats": (
        "maximums for feature {feature} add up to {s} < {k} seats",
        "maximivärdena för egenskapen {feature} summerar till {s} < {k} platser",
    ),
    "umbrella_pool_too_small": (
        "with at most {m} per umbrella organisation only {n} candidates can sit on a panel "
        "of {k} seats",
        "med högst {m} per paraplyorganisation kan bara {n} kandidater sitta i en panel "
        "med {k} platser",
    ),
    "include_exceeds_umbrella": (
        "{c} must-include candidates belong to the umbrella organisation {umbrella} but at "
        "most {m} per umbrella may be selected",
        "{c} kandidater som måste ingå tillhör paraplyorganisationen {umbrella} men högst "
        "{m} per paraplyorganisation får väljas",
    ),
    "umbrella_conflict": (
        "the limit of at most {m} per umbrella organisation leaves no panel that meets the "
        "quotas; raise the limit or relax the quotas",
        "gränsen på högst {m} per paraplyorganisation lämnar ingen panel som uppfyller "
        "kvoterna; höj gränsen eller lätta på kvoterna",
    ),
    "conflict": (
        "quota {label} ({min}–{max}) conflicts with the other quotas; change it to {smin}–{smax}",
        "kvoten {label} ({min}–{max}) går inte ihop med de andra kvoterna; ändra den till {smin}–{smax}",
    ),
}


def _problem(kind: str, of_feature: str | None, of_value: str | None, **fmt: Any) -> QuotaProblem:
    en, sv = MESSAGES[kind]
    return QuotaProblem(
        kind=kind,
        feature=of_feature,
        value=of_value,
        message_en=en.format(**fmt),
        message_sv=sv.format(**fmt),
        current_min=fmt.get("min"),
        current_max=fmt.get("max"),
    )


def _counting_problems(instance: Instance, reduced: Reduced) -> list[QuotaProblem]:
    """Reasons visible from simple counts, in a stable order."""
    k = instance.seats
    excluded = set(reduced.excluded)
    pool = [c for c in instance.candidates if c.id not in excluded]
    included = set(reduced.included)
    out: list[QuotaProblem] = []
    if len(included) > k:
        out.append(_problem("include_exceeds_seats", None, None, i=len(included), k=k))
    if len(pool) < k:
        out.append(_problem("pool_too_small", None, None, n=len(pool), k=k))
    have_of: dict[tuple[str, str], int] = {}
    inc_of: dict[tuple[str, str], int] = {}
    for c in pool:
        for label in c.labels:
            have_of[label] = have_of.get(label, 0) + 1
            if c.id in included:
                inc_of[label] = inc_of.get(label, 0) + 1
    for q in instance.quotas:
        have = have_of.get((q.feature, q.value), 0)
        inc = inc_of.get((q.feature, q.value), 0)
        args = {"label": q.label, "min": q.min, "max": q.max, "k": k}
        if q.min > q.max:
            out.append(_problem("min_gt_max", q.feature, q.value, **args))
        if q.min > have:
            out.append(_problem("min_exceeds_pool", q.feature, q.value, c=have, **args))
        if q.min > k:
            out.append(_problem("min_exceeds_seats", q.feature, q.value, **args))
        if inc > q.max:
            out.append(_problem("include_exceeds_max", q.feature, q.value, c=inc, **args))
    m = instance.max_per_umbrella
    if m is not None:
        inc_by: dict[str, int] = {}
        avail_by: dict[str, int] = {}
        loose = 0
        for c in pool:
            if c.umbrella is None:
                loose += 1
                continue
            avail_by[c.umbrella] = avail_by.get(c.umbrella, 0) + 1
            if c.id in included:
                inc_by[c.umbrella] = inc_by.get(c.umbrella, 0) + 1
        for u, cnt in sorted(inc_by.items()):
            if cnt > m:
                out.append(_problem("include_exceeds_umbrella", None, None, c=cnt, umbrella=u, m=m))
        seatable = loose + sum(min(m, a) for a in avail_by.values())
        if seatable < k <= len(pool):
            out.append(_problem("umbrella_pool_too_small", None, None, m=m, n=seatable, k=k))
    multi = set(instance.multi_valued) | {
        f for c in pool for f, v in c.features.items() if isinstance(v, frozenset)
    }
    for feature in sorted({q.feature for q in instance.quotas} - multi):
        qs = [q for q in instance.quotas if q.feature == feature]
        total_min = sum(q.min for q in qs)
        if total_min > k:
            out.append(
                _problem("sum_min_exceeds_seats", feature, None, feature=feature, s=total_min, k=k)
            )
        # Values without a quota are unbounded, so they count with their pool size.
        quota_values = {q.value for q in qs}
        cap = sum(min(q.max, have_of.get((feature, q.value), 0)) for q in qs)
        cap += sum(1 for c in pool if c.features.get(feature) not in quota_values)
        if cap < k:
            out.append(_problem("sum_max_below_seats", feature, None, feature=feature, s=cap, k=k))
    return out


class BudgetTooSmall(RuntimeError):
    """The time budget ran out before any panel meeting the quotas was found."""


def feasible_panel(reduced: Reduced, limits: Limits | None = None) -> tuple[int, ...] | None:
    """A type-count vector meeting every quota and umbrella limit, or None if none exists.

    Raises :class:`BudgetTooSmall` if the time limit stopped the search undecided.
    """
    if reduced.seats < 0:
        return None
    h = new_highs()
    limits = limits or Limits()
    limits.attach(h)
    build_count_ip(h, reduced.sizes, reduced.seats, *reduced.rows())
    limits.run(h, minimum=max(MIN_FEASIBILITY_SLICE, limits.grace))
    if model_ok(h):
        n = len(reduced.sizes)
        return tuple(int(round(x)) for x in h.getSolution().col_value[:n])
    if h.getModelStatus() in (
        highspy.HighsModelStatus.kTimeLimit,
        highspy.HighsModelStatus.kInterrupt,
    ):
        if has_solution(h):
            n = len(reduced.sizes)
            return tuple(int(round(x)) for x in h.getSolution().col_value[:n])
        raise BudgetTooSmall("the time budget ran out before any panel was found")
    return None


def quotas_feasible(reduced: Reduced) -> bool:
    """Exact check: does any type-count vector satisfy all (reduced) quotas?"""
    return feasible_panel(reduced) is not None


def minimal_relaxation(
    reduced: Reduced, limits: Limits | None = None
) -> list[dict[str, Any]] | None:
    """Smallest total change of mins (down) and maxes (up) that makes the quotas feasible.

    Returns one dict per changed quota, or None when no quota change can help
    (pool smaller than seats, or too many must-includes).
    """
    if reduced.seats < 0 or sum(reduced.sizes) < reduced.seats:
        return None
    h = new_highs()
    m = len(reduced.quotas)
    n = len(reduced.sizes)
    build_count_ip(h, reduced.sizes, reduced.seats, reduced.quota_types, [-INF] * m, [INF] * m)
    for types, cap in zip(reduced.umbrella_types, reduced.umbrella_caps, strict=True):
        # Umbrella limits stay hard: the relaxation proposes quota changes only.
        h.addRow(-INF, float(cap), len(types), list(types), [1.0] * len(types))
    # Slack columns: d_q lowers min q, u_q raises max q. Integer, cost 1 each.
    for _ in range(m):
        h.addVar(0.0, INF)  # d_q, column n + 2q
        h.addVar(0.0, INF)  # u_q, column n + 2q + 1
    cols = list(range(n, n + 2 * m))
    # The stub wants a uint8 ndarray; highspy accepts any sequence of integrality codes.
    h.changeColsIntegrality(len(cols), cols, [1] * len(cols))  # type: ignore[arg-type]
    h.changeColsCost(len(cols), cols, [1.0] * len(cols))
    for q, types in enumerate(reduced.quota_types):
        idx = list(types)
        h.addRow(
            float(reduced.lo[q]), INF, len(idx) + 1, idx + [n + 2 * q], [1.0] * len(idx) + [1.0]
        )
        h.addRow(
            -INF,
            float(reduced.hi[q]),
            len(idx) + 1,
            idx + [n + 2 * q + 1],
            [1.0] * len(idx) + [-1.0],
        )
    (limits or Limits()).run(h, minimum=MIN_FEASIBILITY_SLICE)
    if not model_ok(h):
        return None
    val = h.getSolution().col_value
    out = []
    for q, quota in enumerate(reduced.quotas):
        down = round(val[n + 2 * q])
        up = round(val[n + 2 * q + 1])
        if down or up:
            out.append(
                {
                    "feature": quota.feature,
                    "value": quota.value,
                    "min": quota.min,
                    "max": quota.max,
                    "suggested_min": quota.min - down,
                    "suggested_max": quota.max + up,
                }
            )
    return out


def check_feasibility(
    instance: Instance, reduced: Reduced, limits: Limits | None = None
) -> tuple[int, ...]:
    """A panel (type-count vector) meeting the quotas, found by one integer program.

    Raises :class:`InfeasibleQuotas` with explanations if no panel meets the quotas.
    """
    from .model import InfeasibleQuotas

    problems = _counting_problems(instance, reduced)
    if not problems:
        witness = feasible_panel(reduced, limits)
        if witness is not None:
            return witness
    relax = minimal_relaxation(reduced, limits) or []
    by_label = {(r["feature"], r["value"]): r for r in relax}
    for p in problems:
        r = by_label.get((p.feature, p.value))
        if r:
            p.suggested_min, p.suggested_max = r["suggested_min"], r["suggested_max"]
    mentioned = {(p.feature, p.value) for p in problems}
    for r in relax:
        if (r["feature"], r["value"]) not in mentioned:
            p = _problem(
                "conflict",
                r["feature"],
                r["value"],
                label=f"{r['feature']}={r['value']}",
                min=r["min"],
                max=r["max"],
                smin=r["suggested_min"],
                smax=r["suggested_max"],
            )
            p.suggested_min, p.suggested_max = r["suggested_min"], r["suggested_max"]
            problems.append(p)
    if not problems and instance.max_per_umbrella is not None:
        problems.append(_problem("umbrella_conflict", None, None, m=instance.max_per_umbrella))
    raise InfeasibleQuotas(problems, relax)
