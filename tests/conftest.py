"""Fixtures shared by every test.

Storage tests run once per database: SQLite always, PostgreSQL whenever
``BACKCHANNEL_TEST_POSTGRES_URL`` is set (CI sets it). On SQLite each test gets a fresh file;
on PostgreSQL each test process gets its own schema, emptied between tests, and dropped at
the end, so tests never see each other's rows.

The ``api`` client checks every response it receives against the spec (``tests/spec.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, text
from starlette.testclient import TestClient

from backchannel.app import create_app
from backchannel.core.clock import FrozenClock
from backchannel.core.ids import IdFactory
from backchannel.db.scratch import schema_name, scratch_schema
from backchannel.db.session import make_engine
from backchannel.db.tables import Base
from backchannel.provisioning import NewWorkspace, create_workspace
from backchannel.runtime import Runtime
from backchannel.settings import Settings
from tests import spec

# Fixtures for command-line tests (clean_environment, database_url).
pytest_plugins = ["tests.cli"]

POSTGRES_URL_VARIABLE = "BACKCHANNEL_TEST_POSTGRES_URL"
POSTGRES_URL = os.environ.get(POSTGRES_URL_VARIABLE)
START = 1_717_000_000  # 2024-05-29T16:26:40Z, a Wednesday

DATABASES = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not POSTGRES_URL, reason="BACKCHANNEL_TEST_POSTGRES_URL is not set"
        ),
    ),
]


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    assert POSTGRES_URL
    with scratch_schema(POSTGRES_URL, schema_name("bc_test")) as url:
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'backchannel.db'}")
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("postgres_engine")
        _truncate(engine)
        yield engine


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


@pytest.fixture
def settings() -> Settings:
    return Settings(database_url="sqlite://", token_cache_seconds=0)


@pytest.fixture
def runtime(engine: Engine, clock: FrozenClock, settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime.build(settings, engine=engine, clock=clock, ids=IdFactory(seed=1234))
    yield runtime
    runtime.close_readers()


@pytest.fixture
def db(runtime: Runtime) -> Iterator[Any]:
    """A session for service-level tests; committed work is visible to the API."""
    with runtime.sessions() as session:
        yield session


@pytest.fixture
def workspace(runtime: Runtime) -> NewWorkspace:
    with runtime.sessions.begin() as session:
        return create_workspace(
            session,
            clock=runtime.clock,
            ids=runtime.ids,
            name="Acme",
            timezone="UTC",
            admin_name="Ada Owner",
            admin_email="ada@acme.test",
        )


@pytest.fixture
def other_workspace(runtime: Runtime, workspace: NewWorkspace) -> NewWorkspace:
    """A second workspace, with its own owner, team and token (for isolation tests)."""
    with runtime.sessions.begin() as session:
        return create_workspace(
            session,
            clock=runtime.clock,
            ids=runtime.ids,
            name="Globex",
            admin_name="Hank Other",
            admin_email="hank@globex.test",
            team_name="Globex Support",
        )


@pytest.fixture
def make_contact(api: TestClient) -> Callable[..., dict[str, Any]]:
    """Create a contact through the API (a lead when no fields are given); returns it."""

    def make(**fields: Any) -> dict[str, Any]:
        response = api.post("/contacts", json=fields or {"role": "lead"})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


def contract_client(app: Any) -> TestClient:
    """A test client for ``app`` whose every response is checked against the spec; use it
    as a context manager, like TestClient."""
    client = TestClient(app, raise_server_exceptions=True)
    client.event_hooks["response"] = [spec.check_httpx_response]
    return client


@pytest.fixture
def app(runtime: Runtime) -> Any:
    return create_app(runtime=runtime)


@pytest.fixture
def anonymous(app: Any) -> Iterator[TestClient]:
    """A client with no token; responses are still checked against the spec."""
    with TestClient(app, raise_server_exceptions=True) as client:
        client.event_hooks["response"] = [spec.check_httpx_response]
        yield client


@pytest.fixture
def api(app: Any, workspace: NewWorkspace) -> Iterator[TestClient]:
    """A client authenticated as the workspace owner; every response is checked against the spec."""
    with TestClient(app, raise_server_exceptions=True) as client:
        client.headers["Authorization"] = f"Bearer {workspace.token}"
        client.headers["Accept"] = "application/json"
        client.event_hooks["response"] = [spec.check_httpx_response]
        yield client


def assert_error(
    response: httpx.Response, status: int, code: str, message: str | None = None
) -> dict[str, Any]:
    """The response is an ``error.list`` with this status, first code and (optionally) message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["type"] == "error.list"
    assert isinstance(body["request_id"], str) and body["request_id"]
    assert body["errors"][0]["code"] == code, body
    if message is not None:
        assert body["errors"][0]["message"] == message, body
    return body
