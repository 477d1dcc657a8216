"""``backchannel newsfeed create``, driven through click's CliRunner.

Each test gets a database of its own (``database_url``, SQLite and, when configured,
PostgreSQL). The feeds the command adds are read back through the API in-process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine, select

from backchannel.app import create_app
from backchannel.db.session import make_engine
from backchannel.db.tables import Newsfeed
from backchannel.settings import Settings
from tests.cli import run_cli
from tests.conftest import contract_client

pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the test database, for looking at what the commands stored."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def ok(database_url: str, *args: str) -> Result:
    result = run_cli(database_url, *args)
    assert result.exit_code == 0, result.output
    return result


def fails(database_url: str, *args: str) -> Result:
    result = run_cli(database_url, *args)
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def make_workspace(database_url: str, *args: str) -> dict[str, str]:
    """``workspace create``'s ``Label: value`` lines, by label."""
    result = ok(database_url, "workspace", "create", *args)
    pairs = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return {label: value for label, value in pairs}


def newsfeeds(database_url: str, token: str) -> list[dict[str, Any]]:
    """GET /news/newsfeeds with ``token``, on an app built from settings."""
    app = create_app(Settings(database_url=database_url, token_cache_seconds=0))
    with contract_client(app) as client:
        response = client.get("/news/newsfeeds", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def feed_names(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(Newsfeed.name).order_by(Newsfeed.id)).scalars())


def test_newsfeed_create_prints_the_new_id(database_url):
    out = make_workspace(database_url)

    result = ok(database_url, "newsfeed", "create", "--name", "Mobile")

    feed_id = result.stdout.strip()
    assert feed_id.isdigit()
    feeds = newsfeeds(database_url, out["Access token"])
    assert [(f["name"], f["type"]) for f in feeds] == [("Web", "newsfeed"), ("Mobile", "newsfeed")]
    assert feeds[1]["id"] == feed_id


def test_newsfeed_create_in_a_named_workspace(database_url):
    first = make_workspace(database_url)
    second = make_workspace(database_url, "--name", "Globex")

    ok(database_url, "newsfeed", "create", "--workspace", second["Workspace"], "--name", "Beta")

    assert [f["name"] for f in newsfeeds(database_url, second["Access token"])] == ["Web", "Beta"]
    assert [f["name"] for f in newsfeeds(database_url, first["Access token"])] == ["Web"]


def test_newsfeed_create_names_need_not_be_unique(database_url):
    out = make_workspace(database_url)

    ids = {ok(database_url, "newsfeed", "create", "--name", "Web").stdout.strip() for _ in "ab"}

    assert len(ids) == 2
    assert [f["name"] for f in newsfeeds(database_url, out["Access token"])] == ["Web"] * 3


def test_newsfeed_create_unknown_workspace_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "newsfeed", "create", "--workspace", "nosuchws", "--name", "X")

    assert result.exit_code == 1
    assert "Error: No workspace nosuchws" in result.output
    assert feed_names(engine) == ["Web"]


def test_newsfeed_create_blank_name_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(database_url, "newsfeed", "create", "--name", "   ")

    assert result.exit_code == 1
    assert "Error: name is a required parameter." in result.output
    assert feed_names(engine) == ["Web"]


def test_newsfeed_create_requires_a_name(database_url):
    make_workspace(database_url)

    result = fails(database_url, "newsfeed", "create")

    assert result.exit_code == 2
    assert "Missing option '--name'" in result.output
