"""Peeling (engine/peel.py): the fractional leximin point written as a lottery over panels
directly, and the column generation that takes over where that point is no lottery's."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from engine_helpers import brute_force_leximin, panel_ok, random_instance_dict
from hypothesis import given, settings
from hypothesis import strategies as st

from sakrad.selection.engine import load_instance, run_selection
from sakrad.selection.engine.colgen import Pricer
from sakrad.selection.engine.grouping import reduce_instance
from sakrad.selection.engine.highs_util import Limits
from sakrad.selection.engine.leximin import fractional_leximin
from sakrad.selection.engine.peel import Peeler

ROOT = Path(__file__).resolve().parents[3]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_selection", ROOT / "benchmarks/selection.py"
    )
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def _peel(instance):
    red = reduce_instance(instance)
    guide = fractional_leximin(red, Limits())
    assert guide is not None
    target = [g * s for g, s in zip(guide, red.sizes, strict=True)]
    return red, target, Peeler(red, target, Limits()).run()


def _check_decomposition(red, target, got) -> None:
    """The panels meet every quota and umbrella limit; their mixture is the target."""
    pricer = Pricer(red)
    assert all(pricer.feasible(col) for col in got.columns)
    assert sum(got.weights) + got.mass_left == pytest.approx(1.0, abs=1e-12)
    assert all(w >= 0 for w in got.weights)
    # What is peeled never exceeds the target; the rest is at most the mass left.
    for t, x in enumerate(target):
        mixed = sum(w * col[t] for col, w in zip(got.columns, got.weights, strict=True))
        assert mixed <= x + 1e-9 * max(1.0, x), t
        assert mixed >= x - got.mass_left * red.sizes[t] - 1e-9 * max(1.0, x), t


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.booleans())
def test_peeled_panels_are_feasible_and_mix_to_the_target(seed, umbrellas):
    rng = random.Random(seed)
    n = rng.randint(20, 120)
    data = random_instance_dict(rng, n, rng.randint(2, 10), umbrellas)
    red, target, got = _peel(load_instance(data))
    assert not got.cut
    _check_decomposition(red, target, got)


@pytest.mark.parametrize("umbrellas", [False, True])
def test_the_benchmark_pool_is_peeled_completely(umbrellas):
    """Realistic pools: the fractional leximin is a lottery, and peeling finds it."""
    instance = load_instance(_bench().make_instance(300, 20, umbrellas=umbrellas))
    red, target, got = _peel(instance)
    # It may stop a hair short (a fractional corner of the quota polytope in the last
    # 6e-6 of the mass, measured); the one LP over the peeled panels then finishes the
    # lottery, to the tolerance every leximin level is reached with.
    assert not got.cut and got.mass_left < 1e-4
    _check_decomposition(red, target, got)
    res = run_selection(instance, seed=3, time_budget=None)
    progress = res.report["progress"]
    assert progress["complete"] and progress["maximin_reached"]
    # Everyone gets the fractional leximin probability, an upper bound in the leximin
    # order (to the tolerance every level is reached with): the lottery is leximin.
    guide = fractional_leximin(red, Limits())
    for group, p in zip(res.types, guide, strict=True):
        for cid in group:
            assert res.marginals[cid] >= p * (1 - 1e-6) - 1e-9
    assert progress["maximin_level"] == pytest.approx(min(guide), rel=1e-6)


def _triangle() -> dict:
    """Seats 2; a, b, c pairwise exclusive (at most one of each pair), d free.

    Fractionally everyone gets 1/2, but every panel is d with one of a, b, c: the
    fractional leximin is no lottery's, and the true leximin is d 1, the others 1/3.
    """
    feats = {
        "a": {"ab": "yes", "bc": "no", "ac": "yes"},
        "b": {"ab": "yes", "bc": "yes", "ac": "no"},
        "c": {"ab": "no", "bc": "yes", "ac": "yes"},
        "d": {"ab": "no", "bc": "no", "ac": "no"},
    }
    return {
        "seats": 2,
        "candidates": [{"id": i, "features": f} for i, f in feats.items()],
        "quotas": [{"feature": f, "value": "yes", "min": 0, "max": 1} for f in ("ab", "bc", "ac")],
    }


def test_a_point_no_lottery_delivers_gets_stuck_and_column_generation_finishes():
    instance = load_instance(_triangle())
    red, target, got = _peel(instance)
    assert target == pytest.approx([0.5] * 4)
    assert got.stuck and not got.cut and got.mass_left > 0.1
    _check_decomposition(red, target, got)
    res = run_selection(instance, seed=1, time_budget=None)
    progress = res.report["progress"]
    assert progress["complete"] and progress["maximin_reached"]
    exact = brute_force_leximin(instance)
    assert exact == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3, "d": 1.0})
    for cid, p in exact.items():
        assert res.marginals[cid] == pytest.approx(p, abs=1e-9)
    assert progress["maximin_level"] == pytest.approx(1 / 3, abs=1e-9)
    assert all(panel_ok(p, instance) for p, _ in res.explicit_panels())


def test_a_run_cut_while_peeling_is_reproduced_by_its_step_count():
    instance = load_instance(_bench().make_instance(1000, 20))
    full = run_selection(instance, seed=2, time_budget=None)
    steps = full.report["progress"]["iterations"]
    cut_at = steps // 2  # halfway through the peeling
    cut = run_selection(instance, seed=2, time_budget=None, max_iterations=cut_at)
    progress = cut.report["progress"]
    assert progress["iterations"] == cut_at and not progress["complete"]
    # The panels peeled so far, with the rest of the mass on one panel, are a lottery.
    assert sum(p for _, p in cut.compositions) == pytest.approx(1.0, abs=1e-12)
    assert 0 < progress["maximin_level"] <= progress["maximin_upper_bound"]
    again = run_selection(instance, seed=2, time_budget=None, max_iterations=cut_at)
    assert again.marginals == cut.marginals
    assert (again.panel, again.reserve) == (cut.panel, cut.reserve)


def test_a_run_the_clock_cut_while_peeling_is_reproduced_by_its_step_count():
    instance = load_instance(_bench().make_instance(1000, 20))
    cut = run_selection(instance, seed=2, time_budget=0.4)
    steps = cut.report["progress"]["iterations"]
    again = run_selection(instance, seed=2, time_budget=None, max_iterations=steps)
    assert again.report["progress"]["iterations"] == steps
    assert again.marginals == cut.marginals
    assert (again.panel, again.reserve) == (cut.panel, cut.reserve)
