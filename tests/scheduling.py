"""How ``pytest -n 2 --dist loadfile`` hands the test files to the two workers: longest first.

xdist's own ``loadfile`` keeps every file on one worker (so a module's fixtures are built
once) and hands files out by number of tests, most first. A browser file with one test that
runs for two minutes then starts last and leaves the other core idle at the end. This
scheduler keeps the files whole but hands them out by how long they took (``durations.json``,
measured seconds per unit), longest first; a file listed in ``SPLIT`` (its tests share no
module fixture, only the per-worker live server and browser) is split into one unit per
test, so both workers crawl it at the same time.

``SAKRAD_RECORD_DURATIONS=1 pytest -n 2 --dist loadfile`` rewrites ``durations.json`` from
the run. A unit missing from the file is estimated from its number of tests.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest
from xdist.scheduler import LoadFileScheduling

DURATIONS = Path(__file__).with_name("durations.json")
# Files whose tests can run on any worker in any order (session fixtures only).
SPLIT = frozenset({"tests/browser/test_every_page.py"})
# Seconds per test of a unit that ``durations.json`` does not know yet.
GUESS = {"tests/browser/": 10.0, "tests/integration/": 0.1, "tests/unit/": 0.05}


def unit_of(nodeid: str) -> str:
    path = nodeid.split("::", 1)[0]
    return nodeid if path in SPLIT else path


def _guess(unit: str) -> float:
    return next((s for prefix, s in GUESS.items() if unit.startswith(prefix)), 0.3)


class LongestFirstScheduling(LoadFileScheduling):
    def __init__(self, config: pytest.Config, log=None) -> None:
        super().__init__(config, log)
        try:
            self.seconds: dict[str, float] = json.loads(DURATIONS.read_text())
        except (OSError, ValueError):
            self.seconds = {}
        self._ordered = False

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def _cost(self, unit: str, tests: int) -> float:
        return self.seconds.get(unit, tests * _guess(unit))

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:
            # The work queue is complete when the first unit is assigned.
            units = sorted(self.workqueue.items(), key=lambda u: -self._cost(u[0], len(u[1])))
            self.workqueue.clear()
            self.workqueue.update(units)
            self._ordered = True
        super()._assign_work_unit(node)


class DurationRecorder:
    """On the controller: seconds per unit (setup, call and teardown of its tests)."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[unit_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        try:
            known = json.loads(DURATIONS.read_text())
        except (OSError, ValueError):
            known = {}
        known.update({unit: round(s, 1) for unit, s in self.seconds.items()})
        DURATIONS.write_text(json.dumps(dict(sorted(known.items())), indent=0) + "\n")


def configure(config: pytest.Config) -> None:
    if os.environ.get("SAKRAD_RECORD_DURATIONS") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(DurationRecorder(), "sakrad-durations")
