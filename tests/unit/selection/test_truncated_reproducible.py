"""A leximin run cut short by its time budget is reproduced exactly by re-running it for the
same number of iterations, whatever the machine's speed."""

from __future__ import annotations

from engine_helpers import small_pool_dict

from sakrad.selection.engine import load_instance, run_selection


def test_truncated_run_is_reproduced_by_its_iteration_count():
    instance = load_instance(small_pool_dict(n=60, seed=11))
    # A budget that runs out at once: the run stops after its first master iteration.
    cut = run_selection(instance, seed=5, time_budget=1e-9)
    progress = cut.report["progress"]
    assert progress["complete"] is False
    assert progress["iterations"] >= 1
    again = run_selection(instance, seed=5, time_budget=None, max_iterations=progress["iterations"])
    assert again.panel == cut.panel
    assert again.marginals == cut.marginals
    assert again.report["progress"]["iterations"] == progress["iterations"]


def test_iteration_bound_stops_before_the_full_leximin():
    instance = load_instance(small_pool_dict(n=60, seed=11))
    full = run_selection(instance, seed=5, time_budget=None)
    assert full.report["progress"]["complete"] is True
    short = run_selection(instance, seed=5, time_budget=None, max_iterations=1)
    assert short.report["progress"]["iterations"] == 1
    assert short.report["progress"]["complete"] is False
    assert full.report["progress"]["iterations"] > 1
