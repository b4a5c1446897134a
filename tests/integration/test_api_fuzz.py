"""schemathesis against the live OpenAPI document of ``/api/v1`` (issue 12): every operation,
in positive and negative generation modes, with a bounded number of generated requests and
every check on (no server errors, responses that conform to the schema, status codes and
content types the document declares, valid data accepted and invalid data refused).

The world is the portal's public fixture world, so generated ids and filters meet real public
and unpublished objects. The operations are driven with Hypothesis directly (one ``@given``
per operation and mode) rather than through schemathesis' pytest plugin, whose lazy fixture
loader does not run under pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from tests.portal_factories import make_world

# Bounded: 8 operations x 2 modes x this many examples keeps the file under ~90 s on the
# shared 2-core machine.
EXAMPLES_PER_OPERATION = 20


def _operations(app) -> list:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_description(app, mode) -> None:
    with app.app_context():
        make_world()
    operations = _operations(app)
    assert len(operations) == 8  # every path of the description is exercised
    calls: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case) -> None:
            response = case.call_and_validate()
            calls.append(f"{case.operation.label} {response.status_code}")

        run()
    assert len(calls) >= len(operations)
    assert not [c for c in calls if c.endswith(tuple(f" {n}" for n in range(500, 600)))]
