"""Throwaway PostgreSQL schemas (``backchannel.db.scratch``), as the tests, the scripts and the
benchmark make them: made new, used through the URL, dropped afterwards whatever happens."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from backchannel.db.scratch import schema_name, scratch_schema, with_search_path
from backchannel.db.session import make_engine
from tests.conftest import POSTGRES_URL

needs_postgres = pytest.mark.skipif(
    not POSTGRES_URL, reason="BACKCHANNEL_TEST_POSTGRES_URL is not set"
)


def existing_schemas() -> set[str]:
    """The schemas on the test PostgreSQL server now."""
    assert POSTGRES_URL
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT nspname FROM pg_namespace")).scalars())
    finally:
        engine.dispose()


def test_schema_names_are_unique_and_need_no_quoting():
    first, second = schema_name("bc_x"), schema_name("bc_x")
    assert first != second
    assert first.startswith("bc_x_") and len(first) < 63
    assert first == first.lower() and first.replace("_", "").isalnum()
    for prefix in ("", "Bc", "bc-x", 'bc"x', "x" * 40):
        with pytest.raises(ValueError):
            schema_name(prefix)


def test_search_path_joins_the_options_the_url_already_has():
    assert with_search_path("postgresql://u@h/db", "s1") == (
        "postgresql+psycopg://u@h/db?options=-csearch_path%3Ds1"
    )
    url = with_search_path(
        "postgres://u:secret@h:5433/db?connect_timeout=3&options=-cstatement_timeout%3D5000",
        "s1",
    )
    assert url == (
        "postgresql+psycopg://u:secret@h:5433/db?connect_timeout=3"
        "&options=-cstatement_timeout%3D5000+-csearch_path%3Ds1"
    )


def test_search_path_is_for_postgresql_only():
    with pytest.raises(ValueError, match="not a PostgreSQL URL"):
        with_search_path("sqlite:///x.db", "s1")


@needs_postgres
def test_scratch_schema_is_where_the_url_works_and_is_dropped_afterwards():
    assert POSTGRES_URL
    schema = schema_name("bc_scratch")
    with scratch_schema(POSTGRES_URL, schema) as url:
        assert schema in existing_schemas()
        engine = make_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE things (id integer)"))
                where = conn.execute(
                    text(
                        "SELECT table_schema FROM information_schema.tables "
                        "WHERE table_name = 'things'"
                    )
                ).scalars()
                assert list(where) == [schema]
        finally:
            engine.dispose()
    assert schema not in existing_schemas()


@needs_postgres
def test_scratch_schema_is_dropped_when_its_user_fails():
    assert POSTGRES_URL
    schema = schema_name("bc_scratch")
    with pytest.raises(KeyboardInterrupt), scratch_schema(POSTGRES_URL, schema):
        raise KeyboardInterrupt
    assert schema not in existing_schemas()


@needs_postgres
def test_scratch_schema_never_adopts_an_existing_schema():
    assert POSTGRES_URL
    schema = schema_name("bc_scratch")
    with scratch_schema(POSTGRES_URL, schema):
        with pytest.raises(DBAPIError, match="already exists"):  # noqa: SIM117
            with scratch_schema(POSTGRES_URL, schema):
                pass  # pragma: no cover - creating the schema fails
        assert schema in existing_schemas()  # the failed attempt left the first one's schema alone
    assert schema not in existing_schemas()


def test_scratch_schema_takes_only_plain_names():
    """The name is written into CREATE and DROP SCHEMA, so nothing but a plain identifier
    gets that far (no server is contacted)."""
    for name in ('x"; DROP SCHEMA public; --', "Public", "a-b", "", "x" * 64):
        refused = pytest.raises(ValueError, match="not a schema name")
        with refused, scratch_schema("postgresql://nobody@127.0.0.1:1/none", name):
            pass  # pragma: no cover - refused before the body runs
