"""The shared column types and partial indexes come out the same on SQLite and PostgreSQL,
although ``backchannel.db.base`` names no PostgreSQL type or option itself."""

from __future__ import annotations

from sqlalchemy import JSON, inspect, select, text

from backchannel.db.tables import Job

PARTIAL_INDEXES = [
    "uq_companies_ws_company_id",
    "uq_contacts_ws_user_email",
    "uq_help_centers_default",
    "uq_jobs_ws_exclusive_active",
]
INDEX_DEFINITION = {
    "sqlite": "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name",
    "postgresql": (
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = :name"
    ),
}


def test_partial_indexes_keep_their_condition_on_both_databases(engine):
    with engine.connect() as conn:
        for name in PARTIAL_INDEXES:
            definition = conn.execute(
                text(INDEX_DEFINITION[engine.dialect.name]), {"name": name}
            ).scalar_one()
            assert definition.startswith("CREATE UNIQUE INDEX"), definition
            assert " WHERE " in definition, definition


def test_json_documents_are_jsonb_on_postgresql_and_json_on_sqlite(engine):
    (column,) = [c for c in inspect(engine).get_columns("jobs") if c["name"] == "params"]
    expected = "JSONB" if engine.dialect.name == "postgresql" else "JSON"
    assert type(column["type"]).__name__ == expected
    assert isinstance(Job.__table__.c.params.type, JSON)


def test_json_documents_round_trip(engine, workspace):
    document = {"text": "é", "number": 1.5, "nested": {"list": [1, None, True]}, "null": None}
    values = {
        "identifier": "job-1",
        "workspace_id": workspace.workspace.id,
        "kind": "test",
        "status": "completed",
        "params": document,
        "summary": None,
        "attempts": 0,
        "created_at": 1,
        "updated_at": 1,
    }
    with engine.begin() as conn:
        conn.execute(Job.__table__.insert().values(**values))
        row = conn.execute(select(Job.params, Job.summary).where(Job.identifier == "job-1")).one()
    assert row.params == document
    assert row.summary is None
