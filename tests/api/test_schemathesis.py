"""Every operation of the API, against its own OpenAPI document, in-process on both
databases: generated (valid and invalid) arguments never make a server error, and every
answer has a documented status, content type, headers and body."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
EXAMPLES = 15  # per operation and mode: ~40 operations, a few seconds a database


def _exercise(operation, mode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()


def test_every_operation_keeps_to_its_schema(app, made):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 35

    for operation in operations:
        _exercise(operation, GenerationMode.POSITIVE)
        if any(True for _ in operation.iter_parameters()):  # else nothing can be invalid
            _exercise(operation, GenerationMode.NEGATIVE)
