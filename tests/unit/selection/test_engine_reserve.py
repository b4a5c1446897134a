"""The reserve helper keeps quotas and says which quota blocks."""

from __future__ import annotations

import random

from sakrad.selection.engine import (
    Candidate,
    Quota,
    first_fitting_reserve,
    quota_violations,
    reserve_order,
)

CANDS = [
    Candidate("a", {"form": "trossamfund"}),
    Candidate("b", {"form": "förening"}),
    Candidate("c", {"form": "förening"}),
    Candidate("d", {"form": "trossamfund"}),
    Candidate("e", {"form": "stiftelse"}),
]
QUOTAS = [Quota("form", "trossamfund", 1, 1), Quota("form", "förening", 0, 1)]


def test_skips_reserves_that_break_quotas():
    panel = ["a", "b"]
    rid, why = first_fitting_reserve(panel, "a", ["c", "e", "d"], CANDS, QUOTAS)
    assert rid == "d"
    assert why == "skipped reserves blocked by form=förening: 2 > maximum 1"
    assert quota_violations(["b", "d"], CANDS, QUOTAS) == []


def test_first_reserve_fits_without_description():
    rid, why = first_fitting_reserve(["a", "b"], "b", ["e", "c"], CANDS, QUOTAS)
    assert (rid, why) == ("e", None)


def test_none_fits_reports_blocking_quota():
    rid, why = first_fitting_reserve(["a", "b"], "a", ["c", "e"], CANDS, QUOTAS)
    assert rid is None
    assert why == "no reserve fits; blocked by form=trossamfund: 0 < minimum 1"


def test_reserve_order_is_seeded_and_weighted():
    probs = {"x": 0.9, "y": 0.05, "z": 0.0, "w": 0.5}
    one = reserve_order(probs, probs, random.Random(4))
    assert one == reserve_order(probs, probs, random.Random(4))
    assert one[-1] == "z"  # zero probability always last
    firsts = [reserve_order(probs, probs, random.Random(s))[0] for s in range(300)]
    assert firsts.count("x") > firsts.count("w") > firsts.count("y")
