"""Example-based tests of the selection engine's public behaviour."""

from __future__ import annotations

import json

import pytest
from engine_helpers import brute_force_maximin, panel_ok, small_pool_dict

from sakrad.selection.engine import (
    InfeasibleQuotas,
    dump_instance,
    load_instance,
    run_from_json,
    run_selection,
)


@pytest.fixture(scope="module")
def instance():
    return load_instance(small_pool_dict())


@pytest.fixture(scope="module")
def lex(instance):
    return run_selection(instance, seed=11)


def test_every_panel_in_distribution_meets_quotas(instance, lex):
    panels = lex.explicit_panels()
    assert panels
    assert all(panel_ok(p, instance) for p, _ in panels)
    assert sum(p for _, p in panels) == pytest.approx(1.0, abs=1e-9)


def test_marginals_sum_to_seats_and_match_distribution(instance, lex):
    assert sum(lex.marginals.values()) == pytest.approx(instance.seats, abs=1e-6)
    from_panels: dict[str, float] = dict.fromkeys(lex.marginals, 0.0)
    for panel, p in lex.explicit_panels():
        for cid in panel:
            from_panels[cid] += p
    for cid, p in lex.marginals.items():
        assert from_panels[cid] == pytest.approx(p, abs=1e-6)


def test_leximin_reaches_exact_maximin(instance, lex):
    assert lex.report["progress"]["complete"] is True
    assert min(lex.marginals.values()) == pytest.approx(brute_force_maximin(instance), abs=1e-6)


def test_drawn_panel_and_reserve(instance, lex):
    assert panel_ok(lex.panel, instance)
    assert set(lex.reserve).isdisjoint(lex.panel)
    assert sorted([*lex.reserve, *lex.panel]) == sorted(c.id for c in instance.candidates)


def test_same_seed_same_output_and_seeds_differ(instance, lex):
    again = run_selection(instance, seed=11)
    assert again.panel == lex.panel and again.reserve == lex.reserve
    panels = {run_selection(instance, seed=s).panel for s in range(12)}
    assert len(panels) > 1


def test_include_and_exclude_are_respected(instance):
    data = small_pool_dict()
    data["include"] = [{"id": "c05", "reason": "sole applicant from Gotland"}]
    data["exclude"] = [{"id": "c06", "reason": "conflict of interest"}]
    inst = load_instance(data)
    for algorithm in ("leximin", "legacy"):
        res = run_selection(inst, seed=2, algorithm=algorithm, legacy_draws=200)
        assert res.marginals["c05"] == 1.0 and res.marginals["c06"] == 0.0
        assert "c05" in res.panel and "c06" not in res.panel and "c06" not in res.reserve
        assert panel_ok(res.panel, inst)
        assert res.report["include"] == [{"id": "c05", "reason": "sole applicant from Gotland"}]
    lex = run_selection(inst, seed=2)
    assert all("c05" in p and "c06" not in p for p, _ in lex.explicit_panels())
    assert min(v for k, v in lex.marginals.items() if k != "c06") == pytest.approx(
        brute_force_maximin(inst), abs=1e-6
    )


def test_legacy_panels_meet_quotas_and_leximin_is_fairer(instance, lex):
    leg = run_selection(instance, seed=5, algorithm="legacy", legacy_draws=3000)
    assert panel_ok(leg.panel, instance)
    assert all(panel_ok(p, instance) for p, _ in leg.explicit_panels())
    assert sum(leg.marginals.values()) == pytest.approx(instance.seats, abs=1e-6)
    # Monte-Carlo noise with 3000 draws is ~0.01; leximin is optimal for the minimum.
    assert min(lex.marginals.values()) >= min(leg.marginals.values()) - 0.02


def test_report_contents_and_json(instance, lex):
    rep = lex.report
    for key in ("pool_profile", "selected_profile", "quotas", "solver", "python", "seed"):
        assert key in rep
    assert rep["pool_profile"]["form"] == {
        v: sum(1 for c in instance.candidates if c.features["form"] == v)
        for v in sorted({c.features["form"] for c in instance.candidates})
    }
    assert rep["k_over_n"] == pytest.approx(4 / 12)
    assert rep["min_probability"] <= rep["mean_probability"] <= rep["max_probability"]
    assert rep["progress"]["share_fixed"] == 1.0 and rep["progress"]["maximin_reached"]
    assert json.loads(lex.to_json())["panel"] == list(lex.panel)


def test_json_roundtrip_and_run_from_json(instance):
    text = dump_instance(instance)
    assert load_instance(text) == instance
    rep = run_from_json(text, seed=3, algorithm="leximin", time_budget=10)
    assert rep["panel"] == list(run_selection(instance, seed=3).panel)
    assert set(rep) >= {"panel", "reserve", "marginals"}


def test_unknown_algorithm_and_bad_ids_rejected(instance):
    with pytest.raises(ValueError):
        run_selection(instance, seed=1, algorithm="random")
    data = small_pool_dict()
    data["include"] = [{"id": "nope"}]
    with pytest.raises(ValueError):
        load_instance(data)


def test_no_quotas_gives_uniform_lottery():
    data = small_pool_dict()
    data["quotas"] = []
    res = run_selection(load_instance(data), seed=1)
    assert list(res.marginals.values()) == pytest.approx([4 / 12] * 12, abs=1e-9)


def test_infeasible_is_raised_not_swallowed():
    data = small_pool_dict()
    data["seats"] = 13
    with pytest.raises(InfeasibleQuotas) as err:
        run_selection(load_instance(data), seed=1)
    assert err.value.problems[0].kind == "pool_too_small"


def test_zero_time_budget_still_gives_valid_partial_lottery(instance):
    res = run_selection(instance, seed=1, time_budget=0.0)
    progress = res.report["progress"]
    assert progress["maximin_reached"] is False and progress["complete"] is False
    assert progress["share_fixed"] == 0.0
    assert progress["maximin_level"] <= progress["maximin_upper_bound"]
    assert all(panel_ok(p, instance) for p, _ in res.explicit_panels())
    assert sum(res.marginals.values()) == pytest.approx(instance.seats, abs=1e-6)
    assert panel_ok(res.panel, instance)
