"""Issue 16 items 4 and 6: what the report claims is what the lottery delivers, and the
claimed levels and bounds are proven (checked against exact enumeration)."""

from __future__ import annotations

import random

import pytest
from engine_helpers import (
    brute_force_leximin,
    feasible_panels,
    panel_ok,
    random_instance_dict,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from sakrad.selection.engine import load_instance, run_selection


def delivered_from_report(report: dict) -> dict[str, float]:
    """Each candidate's probability recomputed from the published distribution alone."""
    members = report["distribution"]["type_members"]
    out = {cid: 0.0 for cid in report["marginals"]}
    for comp in report["distribution"]["compositions"]:
        for t, count in comp["counts"].items():
            group = members[int(t)]
            for cid in group:
                out[cid] += comp["probability"] * count / len(group)
    for f in report["include"]:
        out[f["id"]] = 1.0
    return out


def check_delivered(res) -> None:
    rep = res.report
    assert sum(c["probability"] for c in rep["distribution"]["compositions"]) == pytest.approx(
        1.0, abs=1e-12
    )
    got = delivered_from_report(rep)
    excluded = {f["id"] for f in rep["exclude"]}
    level = rep["progress"]["maximin_level"]
    for cid, p in got.items():
        if cid in excluded:
            continue
        assert p >= level - 1e-9, (cid, p, level)
        assert p == pytest.approx(rep["marginals"][cid], abs=1e-9)
    assert rep["min_probability"] == pytest.approx(level, abs=1e-9)
    assert rep["progress"]["maximin_upper_bound"] >= level - 1e-12


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.booleans())
def test_delivered_equals_claimed_and_equals_exact_leximin(seed, umbrellas):
    rng = random.Random(seed)
    n = rng.randint(4, 9)
    instance = load_instance(random_instance_dict(rng, n, rng.randint(1, min(4, n)), umbrellas))
    res = run_selection(instance, seed=seed, time_budget=None)
    check_delivered(res)
    exact = brute_force_leximin(instance)
    progress = res.report["progress"]
    assert progress["complete"] and progress["maximin_reached"]
    for cid, p in exact.items():
        assert res.marginals[cid] == pytest.approx(p, abs=1e-7), cid
    best = min(exact.values())
    # The claimed maximin level is delivered and proven: level <= optimum <= bound.
    assert progress["maximin_level"] == pytest.approx(best, abs=1e-9)
    assert progress["maximin_upper_bound"] >= best - 1e-9
    assert all(panel_ok(p, instance) for p, _ in res.explicit_panels())


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 6))
def test_bound_of_a_truncated_run_is_a_proven_bound(seed, steps):
    rng = random.Random(seed)
    n = rng.randint(4, 9)
    instance = load_instance(random_instance_dict(rng, n, rng.randint(1, min(4, n)), True))
    res = run_selection(instance, seed=seed, time_budget=None, max_iterations=steps)
    check_delivered(res)
    best = min(brute_force_leximin(instance).values())
    progress = res.report["progress"]
    assert progress["maximin_upper_bound"] >= best - 1e-9
    assert progress["maximin_level"] <= best + 1e-9
    if progress["maximin_reached"]:
        assert progress["maximin_level"] == pytest.approx(best, abs=1e-9)
    assert feasible_panels(instance)


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10**6))
def test_delivered_equals_claimed_on_larger_pools(seed):
    """Pools too large to enumerate, where LP tolerances and rounding used to cost 2e-8."""
    rng = random.Random(seed)
    n = rng.randint(60, 160)
    data = random_instance_dict(rng, n, rng.randint(5, 12), umbrellas=rng.random() < 0.5)
    res = run_selection(load_instance(data), seed=seed, time_budget=None)
    check_delivered(res)
    assert res.report["progress"]["complete"]
