"""Schemathesis fuzzes the API against its own OpenAPI document (in process, bounded).

Every operation gets schema-valid and schema-invalid requests: no 5xx, and every
status, content type, header and body as documented (problem details included).
Hypothesis drives each operation directly (schemathesis' pytest plugin does not run
under pytest 9), a few examples each, derandomized: the run is the same every time.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from armswatch.api import ApiSettings, make_app
from armswatch.pipeline import Analyzer
from dashkit import build_store

EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


@pytest.fixture(scope="module")
def operations(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> dict[str, object]:
    db = build_store(tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb", analyzer)
    app = make_app(db, ApiSettings(max_text=2000), analyzer=analyzer)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


def test_every_operation_is_fuzzed(operations: dict[str, object]) -> None:
    assert len(operations) >= 18 and "POST /api/analyze" in operations


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
def test_api_conforms_to_its_openapi(operations: dict[str, object], mode: GenerationMode) -> None:
    for label, operation in sorted(operations.items()):
        strategy = operation.as_strategy(generation_mode=mode)  # type: ignore[attr-defined]

        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, label  # nothing to get wrong: no inputs
        except Exception as exc:
            raise AssertionError(f"{label} ({mode.value}): {exc}") from exc
