"""``backchannel segment create`` through click's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select, text

from backchannel.cli import main
from backchannel.db.session import make_engine
from backchannel.db.tables import Segment, Workspace
from backchannel.settings import ENV_PREFIX, Settings, get_settings
from tests.conftest import DATABASES, POSTGRES_URL

QUERY = {"field": "email", "operator": "$", "value": "@acme.test"}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No BACKCHANNEL_* variable in, none leaked out (the CLI writes flags into os.environ)."""
    keys = {ENV_PREFIX + name.upper() for name in Settings.__struct_fields__}
    keys |= {key for key in os.environ if key.startswith(ENV_PREFIX)}
    for key in keys:
        monkeypatch.setenv(key, "")
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file, or a PostgreSQL schema made and dropped here."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    assert POSTGRES_URL
    schema = f"bc_seg_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def run(database_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--database-url", database_url])


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
