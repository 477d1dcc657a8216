"""``backchannel segment create`` through click's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from backchannel.db.session import make_engine
from backchannel.db.tables import Segment, Workspace
from tests.cli import run_cli

pytestmark = pytest.mark.usefixtures("clean_environment")

QUERY = {"field": "email", "operator": "$", "value": "@acme.test"}

run = run_cli


@pytest.fixture
def workspace_code(database_url: str) -> str:
    result = run(database_url, "workspace", "create", "--name", "Acme")
    assert result.exit_code == 0, result.output
    return result.output.split("Workspace: ")[1].split()[0]


def _segments(database_url: str) -> list[Segment]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(select(Segment).order_by(Segment.created_at, Segment.name)).all()
            )
    finally:
        engine.dispose()


def test_segment_create(database_url, workspace_code):
    result = run(
        database_url,
        "segment",
        "create",
        "--name",
        "Acme leads",
        "--person-type",
        "contact",
        "--query",
        json.dumps(QUERY),
        "--workspace",
        workspace_code,
    )
    assert result.exit_code == 0, result.output
    segment_id = result.output.strip()
    assert len(segment_id) == 24
    made = {row.name: row for row in _segments(database_url)}
    assert set(made) == {"Active", "All leads", "All users", "New", "Acme leads"}
    assert made["Acme leads"].id == segment_id
    assert made["Acme leads"].person_type == "contact"
    assert made["Acme leads"].query == QUERY


def test_segment_create_defaults_to_users_of_the_first_workspace(database_url, workspace_code):
    result = run(
        database_url, "segment", "create", "--name", "Recent", "--query",
        '{"field": "last_seen_at", "operator": ">", "value": {"days_ago": 3}}',
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made = {row.name: row for row in _segments(database_url)}
    assert made["Recent"].person_type == "user"
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            workspace_id = conn.execute(
                select(Workspace.id).where(Workspace.id_code == workspace_code)
            ).scalar_one()
    finally:
        engine.dispose()
    assert made["Recent"].workspace_id == workspace_id


def test_segment_create_invalid_query(database_url, workspace_code):
    query = json.dumps({"field": "shoe_size", "operator": "=", "value": 42})
    result = run(database_url, "segment", "create", "--name", "Feet", "--query", query)
    assert result.exit_code == 1
    assert "Error: shoe_size is not a valid search field" in result.output
    assert "Feet" not in {row.name for row in _segments(database_url)}


def test_segment_create_query_not_json(database_url, workspace_code):
    result = run(database_url, "segment", "create", "--name", "Bad", "--query", "role = user")
    assert result.exit_code == 2
    assert "Invalid value for --query: not valid JSON" in result.output


def test_segment_create_person_type_checked(database_url, workspace_code):
    args = ("segment", "create", "--name", "X", "--person-type", "lead", "--query", "{}")
    result = run(database_url, *args)
    assert result.exit_code == 2
    assert "Invalid value for '--person-type'" in result.output


def test_segment_create_unknown_workspace(database_url, workspace_code):
    query = json.dumps(QUERY)
    result = run(
        database_url, "segment", "create", "--name", "X", "--query", query, "--workspace", "nope"
    )
    assert result.exit_code == 1
    assert "Error: No workspace nope" in result.output
