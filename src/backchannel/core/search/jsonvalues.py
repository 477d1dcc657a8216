"""Typed reads of one key of a JSON document column, safe on SQLite and PostgreSQL.

Each construct yields the value stored under ``key`` only when it has the wanted JSON type,
and NULL otherwise (key absent, JSON ``null``, or another type), so a comparison against it
can never raise a cast error: on PostgreSQL the cast sits inside ``CASE WHEN jsonb_typeof(...)``,
which is evaluated per row before the cast. :class:`JsonMissing` is true when the key is absent
or holds JSON ``null``.

The key is written into the SQL as a string literal (SQLite gets it as a JSON path ``$."key"``),
so an expression index on the same construct matches the query: SQLite never matches an
index expression against one holding a bound parameter. Only keys of :data:`SAFE_KEY`
(``[A-Za-z0-9_ $-]``, at most 190) are accepted; anything else raises :class:`ValueError`
before any SQL exists, unless the construct is made with ``any_key=True``: then any other
key (names people typed, ``Customer's plan``) is bound as a parameter and looked up exactly,
through ``json_each`` on SQLite (whose JSON paths cannot quote every key). Such lookups can
use no index.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Dialect, Numeric, String, bindparam, literal_column
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

__all__ = ["MAX_BOUND_KEY", "SAFE_KEY", "JsonBoolean", "JsonMissing", "JsonNumber", "JsonText"]

SAFE_KEY = re.compile(r"[A-Za-z0-9_ $-]{1,190}")
"""The keys that may be written into SQL: no quote, backslash or control character."""
MAX_BOUND_KEY = 1024
"""The longest key looked up as a bound parameter (``any_key=True``)."""


class ExactNumber(TypeDecorator[Any]):
    """A numeric bind that compares exactly with JSON numbers.

    PostgreSQL reads JSON numbers as ``NUMERIC``; a float is bound as the decimal of its
    shortest repr, so ``0.1`` equals a stored ``0.1``. SQLite compares doubles natively.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric())
        return dialect.type_descriptor(NullType())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if dialect.name == "postgresql" and isinstance(value, float) and math.isfinite(value):
            return Decimal(repr(value))
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return value


def _sql_string(text: str) -> str:
    """``text`` as an SQL string literal (quotes doubled, though safe keys hold none)."""
    return "'" + text.replace("'", "''") + "'"


class _JsonKey(FunctionElement[Any]):
    """Base: ``(document, key, sqlite_path)``; the path is the key as ``$."key"``.

    Key and path are literal columns, so they are part of the statement's cache key (a bound
    value would not be, and a cached statement would then reuse another key).
    """

    inherit_cache = True

    def __init__(
        self, document: SQLColumnExpression[Any], key: str, *, any_key: bool = False
    ) -> None:
        if SAFE_KEY.fullmatch(key):
            super().__init__(
                document,
                literal_column(_sql_string(key), String()),
                literal_column(_sql_string(f'$."{key}"'), String()),
            )
        elif any_key and key and len(key) <= MAX_BOUND_KEY and "\x00" not in key:
            # (document, key): the key as a bound parameter.
            super().__init__(document, bindparam(None, key, String()))
        else:
            raise ValueError(f"{key!r} cannot be used as a JSON key in SQL")


class JsonText(_JsonKey):
    """The string under ``key``; NULL unless it is a JSON string."""

    type = String()
    inherit_cache = True


class JsonNumber(_JsonKey):
    """The number under ``key``; NULL unless it is a JSON number."""

    type = ExactNumber()
    inherit_cache = True


class JsonBoolean(_JsonKey):
    """The boolean under ``key``; NULL unless it is a JSON boolean."""

    type = Boolean()
    inherit_cache = True


class JsonMissing(_JsonKey):
    """True when ``key`` is absent or holds JSON ``null``."""

    type = Boolean()
    inherit_cache = True


def _parts(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> tuple[str, str, str]:
    document, key, path = list(element.clauses)
    return (
        compiler.process(document, **kw),
        compiler.process(key, **kw),
        compiler.process(path, **kw),
    )


def _bound(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> tuple[str, str] | None:
    """``(document, key)`` rendered, for a construct whose key is a bound parameter."""
    clauses = list(element.clauses)
    if len(clauses) != 2:
        return None
    return compiler.process(clauses[0], **kw), compiler.process(clauses[1], **kw)


_SQLITE_TYPES = {
    JsonText: "('text')",
    JsonNumber: "('integer', 'real')",
    JsonBoolean: "('true', 'false')",
}
_POSTGRES_TYPES = {
    JsonText: ("string", "{doc} ->> CAST({key} AS TEXT)"),
    JsonNumber: ("number", "CAST({doc} ->> CAST({key} AS TEXT) AS NUMERIC)"),
    JsonBoolean: ("boolean", "CAST({doc} ->> CAST({key} AS TEXT) AS BOOLEAN)"),
}


@compiles(JsonText, "sqlite")
@compiles(JsonNumber, "sqlite")
@compiles(JsonBoolean, "sqlite")
def _sqlite_value(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    types = _SQLITE_TYPES[type(element)]
    bound = _bound(element, compiler, **kw)
    if bound is not None:
        doc, key = bound
        return (
            f"(SELECT CASE WHEN bc_json.type IN {types} THEN bc_json.value END "
            f"FROM json_each({doc}) AS bc_json WHERE bc_json.key = {key})"
        )
    doc, _key, path = _parts(element, compiler, **kw)
    return f"(CASE WHEN json_type({doc}, {path}) IN {types} THEN json_extract({doc}, {path}) END)"


@compiles(JsonMissing, "sqlite")
def _sqlite_missing(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    bound = _bound(element, compiler, **kw)
    if bound is not None:
        doc, key = bound
        return (
            f"(NOT EXISTS (SELECT 1 FROM json_each({doc}) AS bc_json "
            f"WHERE bc_json.key = {key} AND bc_json.type != 'null'))"
        )
    doc, _key, path = _parts(element, compiler, **kw)
    return f"(coalesce(json_type({doc}, {path}), 'null') = 'null')"


@compiles(JsonText, "postgresql")
@compiles(JsonNumber, "postgresql")
@compiles(JsonBoolean, "postgresql")
def _postgres_value(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    kind, read = _POSTGRES_TYPES[type(element)]
    bound = _bound(element, compiler, **kw)
    if bound is not None:
        # The bound key appears once: the value is read in a one-row subquery.
        doc, key = bound
        value = read.format(doc="bc_json.doc", key="bc_json.key")
        return (
            f"(SELECT CASE WHEN jsonb_typeof(bc_json.doc -> bc_json.key) = '{kind}' "
            f"THEN {value} END FROM (SELECT {doc} AS doc, CAST({key} AS TEXT) AS key) AS bc_json)"
        )
    doc, key, _path = _parts(element, compiler, **kw)
    value = read.format(doc=doc, key=key)
    return f"(CASE WHEN jsonb_typeof({doc} -> CAST({key} AS TEXT)) = '{kind}' THEN {value} END)"


@compiles(JsonMissing, "postgresql")
def _postgres_missing(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    bound = _bound(element, compiler, **kw)
    if bound is not None:
        doc, key = bound
        return f"(coalesce(jsonb_typeof({doc} -> CAST({key} AS TEXT)), 'null') = 'null')"
    doc, key, _path = _parts(element, compiler, **kw)
    return f"(coalesce(jsonb_typeof({doc} -> CAST({key} AS TEXT)), 'null') = 'null')"


@compiles(JsonText)
@compiles(JsonNumber)
@compiles(JsonBoolean)
@compiles(JsonMissing)
def _unsupported(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"JSON key search is not supported on {compiler.dialect.name}")
