"""COVERAGE.md is current, and every operation the app routes is one of the spec's."""

from __future__ import annotations

import pytest

from tests.scripts import load_script

coverage = load_script("operation_coverage")


@pytest.fixture(scope="module")
def spec_ops() -> tuple[list[str], list[object]]:
    return coverage.load_spec_operations()


def test_spec_has_108_operations(spec_ops: tuple[list[str], list[object]]) -> None:
    _, ops = spec_ops
    assert len(ops) == 108


def test_app_operations_exist_in_spec(spec_ops: tuple[list[str], list[object]]) -> None:
    _, ops = spec_ops
    assert coverage.check_operations(ops, coverage.app_operations()) == []


def test_coverage_table_is_current(spec_ops: tuple[list[str], list[object]]) -> None:
    tags, ops = spec_ops
    implemented = [op.operation_id for op in coverage.app_operations()]
    expected = coverage.render(tags, ops, implemented)
    current = coverage.COVERAGE_FILE.read_text(encoding="utf-8")
    assert current == expected, "COVERAGE.md is stale: run `make coverage-table`"


class _Op:
    def __init__(self, method: str, path: str, operation_id: str) -> None:
        self.method, self.path, self.operation_id = method, path, operation_id


@pytest.mark.parametrize(
    ("op", "message"),
    [
        pytest.param(
            _Op("GET", "/me", "whoAmI"), "operationId is not in the spec", id="unknown-id"
        ),
        pytest.param(_Op("POST", "/me", "identifyAdmin"), "the spec has", id="wrong-method"),
        pytest.param(_Op("GET", "/admin", "identifyAdmin"), "the spec has", id="wrong-path"),
    ],
)
def test_mismatches_are_reported(
    spec_ops: tuple[list[str], list[object]], op: _Op, message: str
) -> None:
    _, ops = spec_ops
    problems = coverage.check_operations(ops, [op])
    assert len(problems) == 1
    assert message in problems[0]


def test_duplicate_operation_is_reported(spec_ops: tuple[list[str], list[object]]) -> None:
    _, ops = spec_ops
    twice = [_Op("GET", "/me", "identifyAdmin"), _Op("GET", "/me", "identifyAdmin")]
    assert coverage.check_operations(ops, twice) == [
        "identifyAdmin GET /me: operationId declared twice"
    ]


def test_path_converters_are_ignored(spec_ops: tuple[list[str], list[object]]) -> None:
    _, ops = spec_ops
    assert coverage.check_operations(ops, [_Op("GET", "/admins/{id:int}", "retrieveAdmin")]) == []
