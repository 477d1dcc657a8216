"""Throwaway PostgreSQL schemas: one per test process, live-server test or benchmark run.

:func:`scratch_schema` creates a uniquely named schema on a PostgreSQL server, yields a
database URL whose connections work in it (``search_path`` set through libpq's ``options``,
which :func:`~backchannel.db.session.make_engine`, ``backchannel serve`` and Alembic all
honour), and drops the schema with everything in it afterwards, also when the body raised or
was interrupted. Many runs can therefore share one server (and one database) without seeing
each other's rows.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from backchannel.db.session import make_engine, normalize_url

__all__ = ["schema_name", "scratch_schema", "with_search_path"]

# A schema name needs no quoting when it is made of these (and a prefix must leave room for
# the unique suffix within PostgreSQL's 63-byte identifiers).
_PREFIX = re.compile(r"[a-z_][a-z0-9_]{0,30}")
# What :func:`schema_name` makes; the only names written into CREATE and DROP SCHEMA.
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def schema_name(prefix: str) -> str:
    """``<prefix>_<pid>_<random>``: unique across processes and runs on one server."""
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"schema prefix must match {_PREFIX.pattern}: {prefix!r}")
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


def with_search_path(url: str, schema: str) -> str:
    """``url`` (a PostgreSQL URL) with every connection's ``search_path`` set to ``schema``.

    Other query parameters of ``url`` are kept, and so are libpq ``options`` it already
    carries (the search path is added after them).
    """
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"not a PostgreSQL URL: {parsed.render_as_string()}")
    before = parsed.query.get("options", "")
    if not isinstance(before, str):  # given twice: libpq would take the last one
        before = before[-1]
    options = f"{before} -csearch_path={schema}".strip()
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


@contextmanager
def scratch_schema(url: str, schema: str) -> Iterator[str]:
    """Schema ``schema``, made new on the PostgreSQL server of ``url``, dropped on the way out.

    Args:
        url: a PostgreSQL URL; its user must be allowed to create schemas.
        schema: a name from :func:`schema_name` (creating it fails if it exists, so a run
            never adopts, or later drops, a schema it did not make).

    Yields:
        ``url`` working in the new schema (:func:`with_search_path`).
    """
    if not _NAME.fullmatch(schema):
        raise ValueError(f"not a schema name from schema_name(): {schema!r}")
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield with_search_path(url, schema)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
