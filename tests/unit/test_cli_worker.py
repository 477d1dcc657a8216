"""``backchannel worker``: a worker process runs the jobs the API queued, each once.

The API is built with ``jobs="worker"`` (no runner of its own), queues an export, and
``worker --once`` (click's CliRunner, SQLite and PostgreSQL) completes it; a second worker
pass finds nothing left to do.
"""

from __future__ import annotations

from typing import Any

import pytest

from backchannel.app import create_app
from backchannel.settings import Settings
from tests.cli import run_cli
from tests.conftest import contract_client

pytestmark = pytest.mark.usefixtures("clean_environment")


def _token(database_url: str) -> str:
    result = run_cli(database_url, "workspace", "create", "--name", "Acme")
    assert result.exit_code == 0, result.output
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return lines["Access token"]


def _api(database_url: str, token: str, method: str, path: str, **kwargs: Any) -> Any:
    settings = Settings(database_url=database_url, token_cache_seconds=0, jobs="worker")
    with contract_client(create_app(settings)) as client:
        response = client.request(
            method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
        )
    assert response.status_code == 200, response.text
    return response.json()


def test_worker_runs_a_queued_export_once(database_url):
    token = _token(database_url)
    job = _api(
        database_url,
        token,
        "POST",
        "/export/content/data",
        json={"created_at_after": 0, "created_at_before": 2_000_000_000},
    )
    assert job["status"] == "pending"

    first = run_cli(database_url, "worker", "--once")
    assert first.exit_code == 0, first.output
    identifier, kind, status = first.stdout.strip().split("\t")
    assert (identifier, status) == (job["job_identifier"], "no_data")
    assert kind

    again = run_cli(database_url, "worker", "--once")
    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == ""
    stored = _api(database_url, token, "GET", f"/export/content/data/{job['job_identifier']}")
    assert stored["status"] == "no_data"
