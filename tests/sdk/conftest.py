"""A real Backchannel server in a child process, on a free loopback port, per database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import DATABASES
from tests.live import Server, fresh_database, live_server


@pytest.fixture(params=DATABASES, scope="module")
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with (
        fresh_database(request.param, tmp_path_factory.mktemp("sdk")) as database_url,
        live_server(database_url) as running,
    ):
        yield running
