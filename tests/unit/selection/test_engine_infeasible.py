"""Infeasible quotas are explained (English + Swedish) with a minimal relaxation."""

from __future__ import annotations

import pytest

from sakrad.selection.engine import InfeasibleQuotas, load_instance, run_selection


def _pool(n_tros: int = 3, n_other: int = 17) -> list[dict]:
    cands = []
    for i in range(n_tros + n_other):
        cands.append(
            {
                "id": f"o{i:02d}",
                "features": {
                    "form": "trossamfund" if i < n_tros else "förening",
                    "county": f"län{i % 4}",
                    "size": ["small", "medium", "large"][i % 3],
                },
            }
        )
    return cands


def _explain(data: dict) -> InfeasibleQuotas:
    with pytest.raises(InfeasibleQuotas) as err:
        run_selection(load_instance(data), seed=1)
    return err.value


def test_min_exceeds_pool():
    data = {
        "seats": 6,
        "candidates": _pool(),
        "quotas": [{"feature": "form", "value": "trossamfund", "min": 5, "max": 6}],
    }
    exc = _explain(data)
    p = next(p for p in exc.problems if p.kind == "min_exceeds_pool")
    assert p.message_en == "minimum 5 for form=trossamfund, but only 3 in the pool"
    assert p.message_sv == "minimum 5 för form=trossamfund, men bara 3 i urvalspoolen"
    assert (p.feature, p.value, p.suggested_min, p.suggested_max) == ("form", "trossamfund", 3, 6)
    assert exc.relaxations == [
        {
            "feature": "form",
            "value": "trossamfund",
            "min": 5,
            "max": 6,
            "suggested_min": 3,
            "suggested_max": 6,
        }
    ]


def test_sum_of_minimums_exceeds_seats():
    quotas = [{"feature": "county", "value": f"län{i}", "min": 5, "max": 5} for i in range(4)]
    exc = _explain({"seats": 12, "candidates": _pool(), "quotas": quotas})
    msgs = [p.message_en for p in exc.problems]
    assert "minimums for feature county add up to 20 but there are only 12 seats" in msgs
    # Each county has exactly 5 candidates; lowering mins by 8 in total is minimal.
    total = sum(r["min"] - r["suggested_min"] for r in exc.relaxations)
    assert total == 8
    assert all(r["suggested_max"] == r["max"] for r in exc.relaxations)
    assert any(p.kind == "sum_min_exceeds_seats" and p.value is None for p in exc.problems)


def test_sum_of_maximums_below_seats():
    quotas = [
        {"feature": "size", "value": v, "min": 0, "max": 5} for v in ("small", "medium", "large")
    ]
    exc = _explain({"seats": 20, "candidates": _pool(), "quotas": quotas})
    p = next(p for p in exc.problems if p.kind == "sum_max_below_seats")
    assert p.message_en == "maximums for feature size add up to 15 < 20 seats"
    assert p.message_sv == "maximivärdena för egenskapen size summerar till 15 < 20 platser"
    assert sum(r["suggested_max"] - r["max"] for r in exc.relaxations) == 5


def test_interacting_quotas_get_conflict_and_relaxation():
    # Every trossamfund is small; at most 1 small but at least 2 trossamfund.
    cands = _pool()
    for c in cands[:3]:
        c["features"]["size"] = "small"
    quotas = [
        {"feature": "form", "value": "trossamfund", "min": 2, "max": 3},
        {"feature": "size", "value": "small", "min": 0, "max": 1},
    ]
    exc = _explain({"seats": 5, "candidates": cands, "quotas": quotas})
    assert all(p.kind == "conflict" for p in exc.problems)
    assert len(exc.relaxations) == 1
    r = exc.relaxations[0]
    assert (r["feature"], r["value"]) in {("form", "trossamfund"), ("size", "small")}
    assert r["min"] - r["suggested_min"] + r["suggested_max"] - r["max"] == 1
    p = exc.problems[0]
    assert "conflicts with the other quotas" in p.message_en and "kvoten" in p.message_sv
    assert exc.to_dict()["problems"][0]["kind"] == "conflict"


def test_min_greater_than_max_and_include_over_max():
    quotas = [
        {"feature": "size", "value": "large", "min": 3, "max": 2},
        {"feature": "form", "value": "trossamfund", "min": 0, "max": 1},
    ]
    data = {
        "seats": 6,
        "candidates": _pool(),
        "quotas": quotas,
        "include": [{"id": "o00"}, {"id": "o01"}],
    }
    exc = _explain(data)
    kinds = {(p.kind, p.value) for p in exc.problems}
    assert ("min_gt_max", "large") in kinds
    assert ("include_exceeds_max", "trossamfund") in kinds
    over = next(p for p in exc.problems if p.kind == "include_exceeds_max")
    assert over.message_en == "2 must-include candidates have form=trossamfund but the maximum is 1"
    assert over.suggested_max == 2


def test_pool_too_small_has_no_relaxation():
    exc = _explain({"seats": 30, "candidates": _pool(), "quotas": []})
    assert [p.kind for p in exc.problems] == ["pool_too_small"]
    assert exc.relaxations == []
    assert "urvalspoolen har bara 20" in exc.problems[0].message_sv
