"""With BACKCHANNEL_JOBS=inline (the default) the API process runs exports on its own."""

from __future__ import annotations

import time

import pytest

from backchannel.settings import Settings
from tests.conftest import START


@pytest.fixture
def settings() -> Settings:
    return Settings(
        database_url="sqlite://", token_cache_seconds=0, jobs="inline", job_poll_seconds=0.02
    )


def test_inline_runner_completes_an_export(api, export, download, start, contact):
    start(contact)
    job = export(START, START)
    deadline = time.monotonic() + 20
    status = job["status"]
    while status in ("pending", "in_progress") and time.monotonic() < deadline:
        time.sleep(0.02)
        status = api.get(f"/export/content/data/{job['job_identifier']}").json()["status"]
    assert status == "completed"
    [row] = download(job["job_identifier"])
    assert row["user_id"] == contact["id"]
