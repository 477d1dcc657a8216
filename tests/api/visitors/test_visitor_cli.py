"""``backchannel visitor create``: a visitor made on the command line, read through the API."""

from __future__ import annotations

import uuid

import pytest

from backchannel.app import create_app
from backchannel.settings import Settings
from tests.cli import run_cli
from tests.conftest import contract_client

pytestmark = pytest.mark.usefixtures("clean_environment")

_run = run_cli


def _workspace(database_url: str) -> dict[str, str]:
    result = _run(database_url, "workspace", "create", "--token", "bc_cli_test_token")
    assert result.exit_code == 0, result.output
    lines = (line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    return dict(lines)


def _get_visitor(database_url: str, user_id: str) -> dict[str, object]:
    app = create_app(Settings(database_url=database_url, token_cache_seconds=0))
    with contract_client(app) as client:
        response = client.get(
            "/visitors",
            params={"user_id": user_id},
            headers={"Authorization": "Bearer bc_cli_test_token"},
        )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_visitor_create_prints_the_user_id(database_url):
    made = _workspace(database_url)
    result = _run(database_url, "visitor", "create", "--name", "Vera", "--email", "v@x.test")
    assert result.exit_code == 0, result.output
    user_id = result.stdout.strip()
    assert uuid.UUID(user_id).version == 4
    body = _get_visitor(database_url, user_id)
    assert body["name"] == "Vera" and body["email"] == "v@x.test"
    assert body["app_id"] == made["Workspace"]
    assert isinstance(body["pseudonym"], str) and " " in body["pseudonym"]


def test_visitor_create_anonymous(database_url):
    _workspace(database_url)
    result = _run(database_url, "visitor", "create")
    assert result.exit_code == 0, result.output
    body = _get_visitor(database_url, result.stdout.strip())
    assert body["name"] is None and body["email"] == "" and body["anonymous"] is True


def test_visitor_create_in_a_named_workspace(database_url):
    _workspace(database_url)
    second = _run(database_url, "workspace", "create", "--admin-email", "b@x.test")
    code = dict(line.split(": ", 1) for line in second.stdout.splitlines())["Workspace"]
    result = _run(database_url, "visitor", "create", "--workspace", code)
    assert result.exit_code == 0, result.output
    app = create_app(Settings(database_url=database_url, token_cache_seconds=0))
    with contract_client(app) as client:
        response = client.get(
            "/visitors",
            params={"user_id": result.stdout.strip()},
            headers={"Authorization": "Bearer bc_cli_test_token"},
        )
    assert response.status_code == 404  # it belongs to the other workspace


def test_visitor_create_unknown_workspace(database_url):
    _workspace(database_url)
    result = _run(database_url, "visitor", "create", "--workspace", "nope")
    assert result.exit_code == 1
    assert "Error: No workspace nope" in result.output


def test_visitor_create_invalid_email(database_url):
    _workspace(database_url)
    result = _run(database_url, "visitor", "create", "--email", "not-an-email")
    assert result.exit_code == 1
    assert "Error: The email address 'not-an-email' is invalid" in result.output
