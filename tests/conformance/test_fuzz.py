"""Schemathesis over every operation of the spec, against a real server (``tests/fuzz.py``).

A bounded, seeded run: a few generated examples per operation and generation mode, plus the
spec's own examples, on ids of objects seeded through the API. Any 5xx, transport error,
timeout or response that does not match the spec (with the allow-list of spec defects in
``tests/spec.py``) fails the test. ``make fuzz`` runs the same thing with many more examples.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATABASES
from tests.fuzz import Fuzzer, IdPool, fuzz, load_schema
from tests.live import fresh_database, live_server

EXAMPLES = 2  # generated examples per operation and generation mode
SEED = 0
OPERATIONS = 108


@pytest.mark.parametrize("database", DATABASES)
def test_fuzz_every_operation(database: str, tmp_path: Path) -> None:
    with fresh_database(database, tmp_path) as url, live_server(url) as server:
        report = fuzz(server.base_url, server.token, examples=EXAMPLES, seed=SEED)
        log = server.output()
    print(report.summary())
    findings = "\n".join(map(str, report.distinct_findings()))
    assert not report.findings, f"{report.summary()}\n{findings}\nserver log:\n{log[-5000:]}"
    assert len(report.operations) == OPERATIONS
    assert all(report.calls[operation] for operation in report.operations)
    # The seeded ids reach real objects: most operations answer 2xx at least once.
    assert report.real_id_2xx >= report.total_calls // 5, report.summary()
    assert len(+report.succeeded) >= OPERATIONS * 3 // 4, report.summary()


class _BrokenApi(http.server.BaseHTTPRequestHandler):
    """``GET /me`` fails with a 500; ``GET /admins`` answers a body that breaks its schema."""

    def do_GET(self) -> None:
        if self.path.startswith("/me"):
            self._send(500, {"type": "error.list", "errors": [{"code": "server_error"}]})
        else:
            self._send(200, {"type": "admin.list", "admins": [{"type": "admin", "id": 7}]})

    def _send(self, status: int, body: object) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def broken_api() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BrokenApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_fuzz_reports_server_errors_and_schema_violations(broken_api: str) -> None:
    schema = load_schema().include(operation_id=["identifyAdmin", "listAdmins"])
    fuzzer = Fuzzer(schema, base_url=broken_api, token="t", pool=IdPool())
    report = fuzzer.run(examples=1, seed=SEED, modes=["positive"], explicit=False)
    kinds = {(finding.operation, finding.kind) for finding in report.findings}
    assert kinds == {
        ("GET /me", "server_error"),
        ("GET /admins", "schema"),
    }, report.findings
    assert report.server_errors == report.calls["GET /me"] == 1
