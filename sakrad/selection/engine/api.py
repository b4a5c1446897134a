"""Public entry points: run a selection and build the JSON report."""

from __future__ import annotations

import itertools
import json
import math
import platform
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .draw import draw_composition, pick_members, reserve_order
from .feasibility import BudgetTooSmall, check_feasibility
from .grouping import reduce_instance
from .highs_util import Cancelled, Limits, highs_version
from .legacy import build_legacy_model, legacy_draw, legacy_monte_carlo
from .leximin import Progress, ProgressCallback, leximin, peel_by_default
from .model import Instance, load_instance

__all__ = [
    "ALGORITHMS",
    "ENGINE_VERSION",
    "BudgetTooSmall",
    "Cancelled",
    "Progress",
    "ProgressCallback",
    "SelectionResult",
    "run_from_json",
    "run_selection",
]

ENGINE_VERSION = "sakrad-selection-engine 1.2"
ALGORITHMS = ("leximin", "legacy")


@dataclass
class SelectionResult:
    """Outcome of one selection run.

    The lottery is a distribution over *compositions* (how many of each type) plus
    the rule "members of a type are chosen uniformly at random"; ``explicit_panels``
    expands it to individual panels for small cases.
    """

    algorithm: str
    seed: int
    seats: int
    panel: tuple[str, ...]
    reserve: list[str]
    marginals: dict[str, float]
    types: list[tuple[str, ...]]  # members of each type (sorted ids)
    compositions: list[tuple[tuple[int, ...], float]]  # (count per type, probability)
    included: tuple[str, ...]
    report: dict[str, Any] = field(default_factory=dict)

    def explicit_panels(self, limit: int = 100_000) -> list[tuple[tuple[str, ...], float]]:
        """The lottery as (sorted panel, probability) pairs; raises if more than ``limit``."""
        total = sum(
            math.prod(math.comb(len(g), c) for g, c in zip(self.types, comp, strict=True))
            for comp, _ in self.compositions
        )
        if total > limit:
            raise ValueError(f"{total} panels exceed the limit {limit}")
        out: dict[tuple[str, ...], float] = {}
        for comp, p in self.compositions:
            choices = [
                list(itertools.combinations(g, c)) for g, c in zip(self.types, comp, strict=True)
            ]
            share = p / math.prod(len(ch) for ch in choices)
            for pick in itertools.product(*choices):
                panel = tuple(sorted(self.included + tuple(i for part in pick for i in part)))
                out[panel] = out.get(panel, 0.0) + share
        return sorted(out.items())

    def to_dict(self) -> dict[str, Any]:
        return self.report

    def to_json(self) -> str:
        return json.dumps(self.report, ensure_ascii=False, sort_keys=True, indent=1)


def _r3(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def _profile(instance: Instance, ids: set[str] | None) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for c in instance.candidates:
        if ids is not None and c.id not in ids:
            continue
        for f, x in c.labels:
            bucket = out.setdefault(f, {})
            bucket[x] = bucket.get(x, 0) + 1
    return {f: dict(sorted(b.items())) for f, b in sorted(out.items())}


def _uncovered_values(instance: Instance) -> dict[str, list[str]]:
    """Per feature with a quota: the pool's values that no quota names (typos show here)."""
    named: dict[str, set[str]] = {}
    for q in instance.quotas:
        named.setdefault(q.feature, set()).add(q.value)
    out: dict[str, set[str]] = {}
    for c in instance.candidates:
        for f, x in c.labels:
            if f in named and x not in named[f]:
                out.setdefault(f, set()).add(x)
    return {f: sorted(vs) for f, vs in sorted(out.items())}


def _umbrella_report(instance: Instance, reduced: Any, in_panel: set[str]) -> dict[str, Any] | None:
    """The umbrella limit, the umbrellas it constrains, and the drawn panel's largest one."""
    if instance.max_per_umbrella is None:
        return None
    seated: dict[str, int] = {}
    for c in instance.candidates:
        if c.umbrella is not None and c.id in in_panel:
            seated[c.umbrella] = seated.get(c.umbrella, 0) + 1
    return {
        "max_per_umbrella": instance.max_per_umbrella,
        "umbrellas_in_pool": len({c.umbrella for c in instance.candidates if c.umbrella}),
        "limited_umbrellas": list(reduced.umbrellas),
        "selected_max_per_umbrella": max(seated.values(), default=0),
    }


def run_selection(
    instance: Instance,
    seed: int,
    algorithm: str = "leximin",
    time_budget: float | None = 60.0,
    legacy_draws: int = 2000,
    max_iterations: int | None = None,
    *,
    max_per_umbrella: int | None = None,
    progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
    peel: bool | None = None,
) -> SelectionResult:
    """Compute the lottery, draw the panel with ``seed`` and build the report.

    Raises :class:`InfeasibleQuotas` (with explanations) if no panel meets the quotas.
    ``time_budget`` (seconds, None = unlimited) bounds the whole run, every HiGHS solve
    included (each gets the time left as its limit): leximin first reaches the maximin
    level, then fixes further levels until the budget runs out; a run overshoots its
    budget by well under 10 % + 1 s. The report's ``progress.iterations`` says how far
    it got; passing it back as ``max_iterations`` (which replaces the clock) reproduces
    a run that the budget cut short, on any machine.

    ``max_per_umbrella`` (None = take ``instance.max_per_umbrella``): at most that many
    candidates sharing a ``Candidate.umbrella`` on any panel of the lottery.
    ``progress`` is called with a :class:`Progress` after master solves (at most every
    0.25 s and at each phase change, finally with phase "done"). ``should_stop`` is
    polled between solves and about every 0.1 s inside HiGHS; when it returns True the
    run raises :class:`Cancelled` within a fraction of a second. Raises
    :class:`BudgetTooSmall` only if not even one panel could be found in the budget.
    ``peel`` (None = leximin.PEEL, on unless SAKRAD_SELECTION_PEEL=0) is recorded in the
    report as ``method.peel``, so that verification repeats the run the same way.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; choose one of {ALGORITHMS}")
    if max_per_umbrella is not None:
        instance = replace(instance, max_per_umbrella=max_per_umbrella)
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = None
    if time_budget is not None and max_iterations is None:
        deadline = started + time_budget
    limits = Limits(deadline, should_stop)
    if time_budget is not None:
        limits.grace = 0.9 + 0.1 * time_budget
    limits.check()
    if peel is None:
        peel = peel_by_default()
    reduced = reduce_instance(instance)
    witness = check_feasibility(instance, reduced, limits)
    rng = random.Random(seed)
    progress_report: dict[str, Any]
    timing: dict[str, Any] = {}
    if algorithm == "leximin":
        out = leximin(
            reduced,
            time_budget,
            max_iterations,
            witness=witness,
            limits=limits,
            progress=progress,
            started=started,
            peel=peel,
        )
        types = list(reduced.members)
        comps, type_probs = out.compositions, out.type_probs
        comp = draw_composition(comps, rng)
        to99 = out.seconds_to_share(0.99)
        timing = {
            "maximin_seconds": _r3(out.maximin_seconds),
            "maximin_cpu_seconds": _r3(out.maximin_cpu_seconds),
            "maximin_99_seconds": _r3(to99 and to99[0]),
            "maximin_99_cpu_seconds": _r3(to99 and to99[1]),
        }
        n_fixed = sum(len(g) for g, f in zip(types, out.fixed_types, strict=True) if f)
        progress_report = {
            "maximin_reached": out.maximin_reached,
            "maximin_level": round(out.maximin_lower, 9),
            "maximin_upper_bound": round(out.maximin_upper, 9),
            "complete": out.complete,
            "share_fixed": round(n_fixed / max(1, sum(len(g) for g in types)), 6),
            "levels": out.levels,
            "columns": out.columns,
            "pricing_calls": out.pricing_calls,
            "iterations": out.iterations,
        }
    else:
        model = build_legacy_model(instance)
        types = list(model.members)
        comps, type_probs = legacy_monte_carlo(model, legacy_draws, seed)
        comp = legacy_draw(model, rng)
        progress_report = {"monte_carlo_draws": legacy_draws}
        if progress is not None:
            progress(
                Progress(
                    "done", 0.0, 0.0, False, 0.0, 0, 0, time.perf_counter() - started, time_budget
                )
            )
    chosen = pick_members(comp, types, rng)
    panel = tuple(sorted([*reduced.included, *chosen]))
    marginals: dict[str, float] = {}
    for group, p in zip(types, type_probs, strict=True):
        for cid in group:
            marginals[cid] = round(p, 9)
    for cid in reduced.included:
        marginals[cid] = 1.0
    for cid in reduced.excluded:
        marginals[cid] = 0.0
    marginals = dict(sorted(marginals.items()))
    in_panel = set(panel)
    reserve = reserve_order(
        [c for c in marginals if c not in in_panel and c not in set(reduced.excluded)],
        marginals,
        rng,
    )
    elapsed = time.perf_counter() - started
    pool_ids = {c.id for c in instance.candidates} - set(reduced.excluded)
    probs = [marginals[c] for c in sorted(pool_ids)]
    n, k = len(pool_ids), instance.seats
    selected_profile = _profile(instance, in_panel)
    report: dict[str, Any] = {
        "engine_version": ENGINE_VERSION,
        "algorithm": algorithm,
        # How the lottery was built: verification repeats it the same way.
        "method": {"peel": peel if algorithm == "leximin" else False},
        "seed": seed,
        "solver": {"name": "HiGHS", "highspy": highs_version()},
        "python": platform.python_version(),
        "seats": k,
        "pool_size": n,
        "k_over_n": round(k / n, 9) if n else 0.0,
        "min_probability": round(min(probs), 9) if probs else 0.0,
        "mean_probability": round(sum(probs) / n, 9) if n else 0.0,
        "max_probability": round(max(probs), 9) if probs else 0.0,
        "min_over_k_over_n": round(min(probs) / (k / n), 6) if n and k else 0.0,
        "types": len(types),
        "progress": progress_report,
        "pool_profile": _profile(instance, pool_ids),
        "selected_profile": selected_profile,
        "quotas": [
            {
                "feature": q.feature,
                "value": q.value,
                "min": q.min,
                "max": q.max,
                "selected": selected_profile.get(q.feature, {}).get(q.value, 0),
            }
            for q in instance.quotas
        ],
        "uncovered_values": _uncovered_values(instance),
        "umbrella": _umbrella_report(instance, reduced, in_panel),
        "include": [{"id": f.id, "reason": f.reason} for f in instance.include],
        "exclude": [{"id": f.id, "reason": f.reason} for f in instance.exclude],
        "panel": list(panel),
        "reserve": reserve,
        "marginals": marginals,
        "distribution": {
            "rule": "draw a composition, then members of each type uniformly at random",
            "type_members": [list(g) for g in types],
            "compositions": [
                {"probability": p, "counts": {str(t): c for t, c in enumerate(cv) if c}}
                for cv, p in comps
            ],
        },
        "timing": {
            "seconds": round(elapsed, 3),
            "cpu_seconds": round(time.process_time() - cpu_started, 3),
            "time_budget": time_budget,
            **timing,
        },
    }
    return SelectionResult(
        algorithm=algorithm,
        seed=seed,
        seats=k,
        panel=panel,
        reserve=reserve,
        marginals=marginals,
        types=types,
        compositions=comps,
        included=reduced.included,
        report=report,
    )


def run_from_json(
    text_or_dict: str | bytes | Mapping[str, Any],
    seed: int,
    algorithm: str = "leximin",
    time_budget: float | None = 60.0,
    max_iterations: int | None = None,
    *,
    max_per_umbrella: int | None = None,
    progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Load an instance from JSON, run it, and return the report dict.

    The report contains "panel", "reserve" and "marginals" among everything else;
    only the "timing" entry differs between identical runs. The JSON may carry
    "max_per_umbrella" and per-candidate "umbrella" (see model.instance_from_dict);
    the keyword arguments are those of :func:`run_selection`.
    """
    return run_selection(
        load_instance(text_or_dict),
        seed,
        algorithm,
        time_budget,
        max_iterations=max_iterations,
        max_per_umbrella=max_per_umbrella,
        progress=progress,
        should_stop=should_stop,
    ).report
