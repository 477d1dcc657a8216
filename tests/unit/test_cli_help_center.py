"""``backchannel help-center create``, driven through click's CliRunner.

Each test gets a database of its own (SQLite, and PostgreSQL when
``BACKCHANNEL_TEST_POSTGRES_URL`` is set); the help centers the command makes are read back
through the API in-process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine, func, select

from backchannel.app import create_app
from backchannel.db.session import make_engine
from backchannel.db.tables import HelpCenter
from backchannel.settings import Settings
from tests.cli import run_cli
from tests.conftest import contract_client

pytestmark = pytest.mark.usefixtures("clean_environment")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
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


def make_workspace(database_url: str) -> dict[str, str]:
    result = ok(database_url, "workspace", "create", "--name", "Acme", "--token", "bc_hc_token")
    pairs = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return {label: value for label, value in pairs}


def help_centers(database_url: str, token: str) -> list[dict[str, Any]]:
    app = create_app(Settings(database_url=database_url, token_cache_seconds=0))
    with contract_client(app) as client:
        response = client.get(
            "/help_center/help_centers",
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(HelpCenter)).scalar_one())


def test_help_center_create_prints_the_id_and_the_api_lists_it(database_url):
    made = make_workspace(database_url)
    result = ok(
        database_url,
        "help-center",
        "create",
        "--workspace",
        made["Workspace"],
        "--identifier",
        "docs",
        "--display-name",
        "Developer Docs",
        "--custom-domain",
        "docs.acme.test",
        "--website-turned-on",
    )
    new_id = result.stdout.strip()
    assert new_id.isdigit()

    default, docs = help_centers(database_url, made["Access token"])
    assert (default["identifier"], default["display_name"]) == (
        made["Workspace"],
        "Acme Help Center",
    )
    assert docs["id"] == new_id
    assert docs["workspace_id"] == made["Workspace"]
    assert (docs["identifier"], docs["display_name"]) == ("docs", "Developer Docs")
    assert (docs["custom_domain"], docs["url"]) == ("docs.acme.test", "https://docs.acme.test")
    assert docs["website_turned_on"] is True


def test_help_center_create_defaults_to_the_first_workspace(database_url):
    made = make_workspace(database_url)
    ok(database_url, "help-center", "create", "--identifier", "kb", "--display-name", "KB")

    listed = help_centers(database_url, made["Access token"])
    assert [hc["identifier"] for hc in listed] == [made["Workspace"], "kb"]
    assert (listed[1]["website_turned_on"], listed[1]["custom_domain"]) == (False, None)
    assert listed[1]["url"] == "https://intercom.help/kb"


def test_help_center_create_duplicate_identifier_fails_clearly(database_url, engine):
    make_workspace(database_url)
    ok(database_url, "help-center", "create", "--identifier", "kb", "--display-name", "KB")

    result = fails(
        database_url, "help-center", "create", "--identifier", "kb", "--display-name", "Again"
    )

    assert "Error: A help center with identifier kb already exists" in result.output
    assert count(engine) == 2


def test_help_center_create_blank_name_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(
        database_url, "help-center", "create", "--identifier", "kb", "--display-name", " "
    )

    assert "Error: display_name must be 1 to 255 characters" in result.output
    assert count(engine) == 1


def test_help_center_create_unknown_workspace_fails_clearly(database_url, engine):
    make_workspace(database_url)

    result = fails(
        database_url,
        "help-center",
        "create",
        "--workspace",
        "nosuchws",
        "--identifier",
        "kb",
        "--display-name",
        "KB",
    )

    assert "Error: No workspace nosuchws" in result.output
    assert count(engine) == 1


def test_help_center_create_requires_identifier_and_display_name(database_url):
    make_workspace(database_url)

    assert (
        "Missing option '--identifier'"
        in fails(database_url, "help-center", "create", "--display-name", "KB").output
    )
    assert (
        "Missing option '--display-name'"
        in fails(database_url, "help-center", "create", "--identifier", "kb").output
    )
