"""Issue 16 item 7: input as people write it (case, surrounding blanks), and the report
lists the pool values that no quota covers."""

from __future__ import annotations

import pytest
from engine_helpers import panel_ok

from sakrad.selection.engine import (
    InfeasibleQuotas,
    dump_instance,
    load_instance,
    run_selection,
)
from sakrad.selection.engine.legacy import __doc__ as legacy_doc


def pool(n_female: int, n_male: int, spell_female: str = "female ") -> dict:
    cands = []
    for i in range(n_female):
        cands.append({"id": f"f{i:02d}", "features": {"gender": spell_female, " Age ": "young"}})
    for i in range(n_male):
        age = "OLD" if i % 2 else "young"
        cands.append({"id": f"m{i:02d}", "features": {"GENDER": "Male", "age": age}})
    return {
        "seats": 22,
        "candidates": cands,
        "quotas": [
            {"feature": "Gender", "value": "Female", "min": 11, "max": 11},
            {"feature": "Gender", "value": "Male", "min": 11, "max": 11},
            {"feature": "age", "value": "old", "min": 0, "max": 8},
        ],
    }


def test_lower_case_pool_meets_capitalised_quotas():
    """The peer's lower-case fixture: refused before with "minimum 11 for Gender=Female,
    but only 0 in the pool"."""
    instance = load_instance(pool(15, 15))
    res = run_selection(instance, seed=1)
    assert res.report["pool_profile"]["Gender"] == {"Female": 15, "Male": 15}
    assert res.report["selected_profile"]["Gender"] == {"Female": 11, "Male": 11}
    assert res.report["selected_profile"]["age"]["old"] <= 8
    assert panel_ok(res.panel, instance)
    assert {q["value"]: q["selected"] for q in res.report["quotas"]} == {
        "Female": 11,
        "Male": 11,
        "old": res.report["selected_profile"]["age"]["old"],
    }


def test_too_few_is_still_explained_in_the_quotas_spelling():
    with pytest.raises(InfeasibleQuotas) as err:
        run_selection(load_instance(pool(5, 25)), seed=1)
    messages = [p.message_en for p in err.value.problems]
    assert "minimum 11 for Gender=Female, but only 5 in the pool" in messages


def test_report_lists_pool_values_no_quota_covers():
    data = pool(15, 15)
    data["candidates"][0]["features"]["gender"] = "non-binary"
    data["candidates"][1]["features"]["gender"] = "Femal"  # a typo shows up here
    res = run_selection(load_instance(data), seed=1)
    assert res.report["uncovered_values"] == {
        "Gender": ["Femal", "non-binary"],
        "age": ["young"],
    }


def test_duplicate_quota_in_another_spelling_is_refused():
    data = pool(15, 15)
    data["quotas"].append({"feature": "gender ", "value": "FEMALE", "min": 0, "max": 22})
    with pytest.raises(ValueError):
        load_instance(data)


def test_canonical_form_round_trips_and_multi_valued_names_match():
    data = {
        "seats": 2,
        "multi_valued": ["Focus_Areas"],
        "candidates": [
            {"id": "a", "features": {"focus_areas": ["Kultur", "miljö "]}},
            {"id": "b", "features": {"FOCUS_AREAS": ["kultur"]}},
            {"id": "c", "features": {"focus_areas": []}},
        ],
        "quotas": [{"feature": "focus_areas", "value": "kultur", "min": 2, "max": 2}],
    }
    instance = load_instance(data)
    assert load_instance(dump_instance(instance)) == instance
    res = run_selection(instance, seed=0)
    assert res.panel == ("a", "b")


def test_legacy_docstring_names_the_reference_it_matches():
    assert "Nature 596 (2021)" in legacy_doc
    assert "citizensassemblies-replication" in legacy_doc
    assert "does not match ``sortition-algorithms``" in legacy_doc
