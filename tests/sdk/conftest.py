"""A real Backchannel server in a child process, on a free loopback port, per database, and
the official SDK client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from intercom import Intercom

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


@pytest.fixture
def client(server: Server) -> Iterator[Intercom]:
    """The official python-intercom client, pointed at the server with its token."""
    with httpx.Client(timeout=30) as http:
        yield Intercom(token=server.token, base_url=server.base_url, httpx_client=http)
