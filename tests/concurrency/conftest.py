"""One real server per database for the whole package, with several worker processes, so that
concurrent requests really run in parallel against one database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import DATABASES
from tests.live import Server, fresh_database, live_server

# PostgreSQL takes concurrent writers; SQLite serializes them on its write lock.
WORKERS = {"sqlite": 2, "postgresql": 3}


@pytest.fixture(params=DATABASES, scope="package")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    kind: str = request.param
    with (
        fresh_database(kind, tmp_path_factory.mktemp("concurrency")) as database_url,
        live_server(database_url, workers=WORKERS[kind]) as running,
    ):
        yield running
