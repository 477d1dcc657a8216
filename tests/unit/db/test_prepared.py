"""Prepared reads return what SQLAlchemy would, on both databases, and kept-open readers see
every commit made elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import DateTime, Float, bindparam, literal, select

from backchannel.db.prepared import PreparedRead
from backchannel.db.tables import Contact
from tests.conftest import START

CONTACTS = Contact.__table__

_BY_ID = select(
    CONTACTS.c.id, CONTACTS.c.archived, CONTACTS.c.custom_attributes, CONTACTS.c.role
).where(
    CONTACTS.c.workspace_id == bindparam("workspace_id"),
    CONTACTS.c.id == bindparam("contact_id"),
    CONTACTS.c.role != "visitor",  # a literal value the statement carries itself
)


def _add(runtime, workspace_id: int, suffix: str, **fields) -> str:
    contact_id = f"{START:08x}{suffix:0>16}"
    with runtime.sessions.begin() as session:
        session.add(
            Contact(
                id=contact_id,
                workspace_id=workspace_id,
                role=fields.pop("role", "user"),
                created_at=START,
                updated_at=START,
                custom_attributes=fields.pop("custom_attributes", {}),
                social_profiles=[],
                **fields,
            )
        )
    return contact_id


def test_prepared_read_matches_sqlalchemy(runtime, workspace):
    ws = workspace.workspace.id
    contact_id = _add(runtime, ws, "1", custom_attributes={"plan": "pro", "seats": 3})
    prepared = PreparedRead(_BY_ID)
    params = {"workspace_id": ws, "contact_id": contact_id}
    with runtime.engine.connect() as conn:
        expected = conn.execute(_BY_ID, params).one()
        row = prepared.first(conn, params)
    assert tuple(row) == tuple(expected)
    assert row.custom_attributes == {"plan": "pro", "seats": 3}
    assert row.archived is False  # the Boolean type's conversion applied on SQLite too
    assert row.role == "user"


def test_prepared_read_of_every_contact_column_matches_sqlalchemy(runtime, workspace):
    """The row arrives packed in one JSON array; every kind of value survives."""
    ws = workspace.workspace.id
    tricky = 'quote " backslash \\ tab \t newline \n emoji \U0001f600 \u00e9 nul-free'
    first = _add(
        runtime,
        ws,
        "2",
        name=tricky,
        email="a@example.com",
        last_seen_at=2**62,
        has_hard_bounced=True,
        custom_attributes={"n": [1, 2.5, None, {"deep": tricky}], "big": 2**53 + 1},
    )
    second = _add(runtime, ws, "3", custom_attributes={})
    statement = select(CONTACTS).where(CONTACTS.c.workspace_id == bindparam("workspace_id"))
    prepared = PreparedRead(statement.order_by(CONTACTS.c.id))
    with runtime.engine.connect() as conn:
        expected = conn.execute(statement.order_by(CONTACTS.c.id), {"workspace_id": ws}).all()
        rows = prepared.all(conn, {"workspace_id": ws})
    assert [tuple(row) for row in rows] == [tuple(row) for row in expected]
    assert [row.id for row in rows] == [first, second]
    assert rows[0].name == tricky and rows[0].has_hard_bounced is True
    assert rows[0].custom_attributes["big"] == 2**53 + 1
    assert prepared._compiled[runtime.engine.dialect.name].packed


def test_prepared_read_of_a_float_column_is_not_packed(runtime, workspace):
    """SQLite's JSON keeps 15 digits of a REAL, so such a statement is read column by column."""
    if runtime.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite limit")
    statement = select(CONTACTS.c.id, literal(0.1 + 0.2, Float).label("sum")).where(
        CONTACTS.c.id == bindparam("contact_id")
    )
    contact_id = _add(runtime, workspace.workspace.id, "4")
    prepared = PreparedRead(statement)
    with runtime.engine.connect() as conn:
        row = prepared.first(conn, {"contact_id": contact_id})
    assert row.sum == 0.1 + 0.2
    assert not prepared._compiled[runtime.engine.dialect.name].packed


def test_prepared_read_of_a_date_column_gives_a_datetime(runtime, workspace):
    """SQLite stores dates as text and its type converts them after unpacking; PostgreSQL's
    driver converts them itself, so there such a statement is read column by column."""
    moment = dt.datetime(2026, 1, 2, 3, 4, 5)
    statement = select(CONTACTS.c.id, literal(moment, DateTime).label("at")).where(
        CONTACTS.c.id == bindparam("contact_id")
    )
    contact_id = _add(runtime, workspace.workspace.id, "6")
    prepared = PreparedRead(statement)
    with runtime.engine.connect() as conn:
        row = prepared.first(conn, {"contact_id": contact_id})
    assert row.at == moment
    dialect = runtime.engine.dialect.name
    assert prepared._compiled[dialect].packed is (dialect == "sqlite")


def test_prepared_read_of_a_missing_row_is_none(runtime, workspace):
    prepared = PreparedRead(_BY_ID)
    with runtime.engine.connect() as conn:
        assert prepared.first(conn, {"workspace_id": 1, "contact_id": "nope"}) is None
        assert prepared.all(conn, {"workspace_id": 1, "contact_id": "nope"}) == []


def test_prepared_read_inside_a_session_sees_its_uncommitted_writes(runtime, workspace):
    ws = workspace.workspace.id
    prepared = PreparedRead(_BY_ID)
    with runtime.sessions() as session:
        contact = Contact(
            id=f"{START:08x}{'2':0>16}",
            workspace_id=ws,
            role="lead",
            created_at=START,
            updated_at=START,
            custom_attributes={},
            social_profiles=[],
        )
        session.add(contact)
        session.flush()
        row = prepared.first(session, {"workspace_id": ws, "contact_id": contact.id})
        assert row.role == "lead"
        session.rollback()


def test_fetched_row_key_follows_the_row_content(runtime, workspace):
    """A fetched row's key is its packed text: equal for equal content, different once any
    column changes. The row converts as ``first`` does."""
    ws = workspace.workspace.id
    contact_id = _add(runtime, ws, "5", custom_attributes={"plan": "pro"})
    prepared = PreparedRead(_BY_ID)
    params = {"workspace_id": ws, "contact_id": contact_id}
    with runtime.engine.connect() as conn:
        first = prepared.fetch_first(conn, params)
        again = prepared.fetch_first(conn, params)
        assert first is not None and again is not None
        assert tuple(first.row) == tuple(prepared.first(conn, params))
        conn.rollback()
    with runtime.sessions.begin() as session:
        session.get(Contact, contact_id).custom_attributes = {"plan": "free"}
    with runtime.engine.connect() as conn:
        changed = prepared.fetch_first(conn, params)
        assert changed is not None
        assert changed.row.custom_attributes == {"plan": "free"}
        assert prepared.fetch_first(conn, {**params, "contact_id": "nope"}) is None
    assert first.key is not None and first.key == again.key
    assert changed.key != first.key


def test_prepared_read_refuses_expanding_parameters(runtime):
    statement = select(CONTACTS.c.id).where(CONTACTS.c.id.in_(bindparam("ids", expanding=True)))
    with runtime.engine.connect() as conn, pytest.raises(TypeError):
        PreparedRead(statement).all(conn, {"ids": ["a"]})


def test_kept_open_reader_sees_commits_made_after_its_last_request(runtime, workspace):
    ws = workspace.workspace.id
    prepared = PreparedRead(_BY_ID)
    reader = runtime.reader()
    contact_id = f"{START:08x}{'3':0>16}"
    params = {"workspace_id": ws, "contact_id": contact_id}
    assert prepared.first(reader, params) is None
    reader.execute(select(CONTACTS.c.id)).all()  # an SQLAlchemy read opens a transaction
    runtime.end_read(reader)

    _add(runtime, ws, "3")
    assert runtime.reader() is reader  # the same connection, request after request
    assert prepared.first(reader, params).id == contact_id
    runtime.end_read(reader)

    runtime.close_readers()
    assert reader.closed
    assert runtime.reader() is not reader
    runtime.close_readers()


def test_postgresql_reader_holds_no_transaction_between_statements(runtime, workspace):
    """On PostgreSQL the reader runs in autocommit: a read costs one round trip, with no
    BEGIN before it and no ROLLBACK after it, and never leaves a transaction open."""
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads on the reader begin deferred transactions, ended by end_read")
    from psycopg.pq import TransactionStatus

    ws = workspace.workspace.id
    contact_id = _add(runtime, ws, "5")
    reader = runtime.reader()
    driver = reader.connection.driver_connection
    row = PreparedRead(_BY_ID).first(reader, {"workspace_id": ws, "contact_id": contact_id})
    assert row.id == contact_id
    assert driver.info.transaction_status == TransactionStatus.IDLE
    assert reader.execute(select(CONTACTS.c.id)).all()
    assert driver.info.transaction_status == TransactionStatus.IDLE
    runtime.end_read(reader)
    runtime.close_readers()
