"""Same pool, quotas, algorithm and seed give the same result in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from engine_helpers import small_pool_dict

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """
import json, sys
from sakrad.selection.engine import run_from_json
data = json.loads(sys.stdin.read())
rep = run_from_json(data, seed=42, algorithm=sys.argv[1], time_budget=None)
rep.pop("timing")
sys.stderr.write("\\nRESULT " + json.dumps(rep, sort_keys=True) + "\\n")
"""


def _run(algorithm: str, hashseed: str, data: dict) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hashseed, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, algorithm],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


@pytest.mark.parametrize("algorithm", ["leximin", "legacy"])
def test_two_processes_different_hash_seeds_agree(algorithm):
    data = small_pool_dict(n=16, seed=9)
    # Shuffle input order in the second run: the engine must canonicalise it.
    shuffled = dict(data, candidates=list(reversed(data["candidates"])))
    one = _run(algorithm, "1", data)
    two = _run(algorithm, "12345", shuffled)
    assert one == two
    assert one["panel"] and one["reserve"] and one["seed"] == 42
