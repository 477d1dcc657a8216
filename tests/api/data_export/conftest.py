"""Setup shared by the data export tests.

The API processes of these tests run no jobs themselves (``jobs="worker"``): a test runs
the queue when it wants with ``run_jobs``, so every status it sees is deterministic.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from backchannel.jobs import JobRun, JobRunner
from backchannel.provisioning import NewWorkspace
from backchannel.resources import JOB_HANDLERS
from backchannel.runtime import Runtime
from backchannel.settings import Settings

Json = dict[str, Any]


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://", token_cache_seconds=0, jobs="worker")


@pytest.fixture
def runner(runtime: Runtime) -> JobRunner:
    return JobRunner(runtime.engine, clock=runtime.clock, handlers=JOB_HANDLERS, name="test")


@pytest.fixture
def run_jobs(runner: JobRunner) -> Callable[[], list[JobRun]]:
    """Run every pending job now; returns what ran."""
    return runner.run_pending


@pytest.fixture
def export(api: TestClient) -> Callable[[int, int], Json]:
    """Create an export of a window; asserts 200 and returns the job."""

    def create(after: int, before: int) -> Json:
        response = api.post(
            "/export/content/data", json={"created_at_after": after, "created_at_before": before}
        )
        assert response.status_code == 200, response.text
        job: Json = response.json()
        return job

    return create


@pytest.fixture
def download(api: TestClient) -> Callable[[str], list[dict[str, str]]]:
    """Download a completed export, gunzip it and parse the CSV (header row checked)."""

    def fetch(identifier: str) -> list[dict[str, str]]:
        response = api.get(
            f"/download/content/data/{identifier}",
            headers={"Accept": "application/octet-stream"},
        )
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/octet-stream"
        assert "content-encoding" not in response.headers
        text = gzip.decompress(response.content).decode("utf-8")
        reader = csv.DictReader(io.StringIO(text, newline=""))
        return list(reader)

    return fetch


@pytest.fixture
def contact(make_contact: Callable[..., Json]) -> Json:
    return make_contact(role="user", email="joe@bloggs.test", name="Joe Bloggs", external_id="u-1")


@pytest.fixture
def admin_id(workspace: NewWorkspace) -> str:
    return str(workspace.admin.id)


@pytest.fixture
def start(api: TestClient) -> Callable[..., Json]:
    """A conversation started by ``who`` (a contact) with ``body``; returns its id and
    source id as ``{"id", "source_id"}``."""

    def make(who: Json, body: str = "I need help with billing") -> Json:
        response = api.post(
            "/conversations",
            json={"from": {"type": who["role"], "id": who["id"]}, "body": body},
        )
        assert response.status_code == 200, response.text
        conversation = api.get(f"/conversations/{response.json()['conversation_id']}").json()
        return {"id": conversation["id"], "source_id": conversation["source"]["id"]}

    return make


@pytest.fixture
def reply(api: TestClient) -> Callable[..., Json]:
    """POST a reply to a conversation; returns the newest part."""

    def post(conversation_id: str, **body: Any) -> Json:
        response = api.post(f"/conversations/{conversation_id}/reply", json=body)
        assert response.status_code == 200, response.text
        parts: list[Json] = response.json()["conversation_parts"]["conversation_parts"]
        return parts[-1]

    return post
