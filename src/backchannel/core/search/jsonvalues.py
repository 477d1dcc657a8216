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
before any SQL exists.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Dialect, Numeric, String, literal_column
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import SQLColumnExpression
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

__all__ = ["SAFE_KEY", "JsonBoolean", "JsonMissing", "JsonNumber", "JsonText"]

SAFE_KEY = re.compile(r"[A-Za-z0-9_ $-]{1,190}")
"""The keys that may be written into SQL: no quote, backslash or control character."""


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

    def __init__(self, document: SQLColumnExpression[Any], key: str) -> None:
        if not SAFE_KEY.fullmatch(key):
            raise ValueError(f"{key!r} cannot be used as a JSON key in SQL")
        super().__init__(
            document,
            literal_column(_sql_string(key), String()),
            literal_column(_sql_string(f'$."{key}"'), String()),
        )


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
    doc, _key, path = _parts(element, compiler, **kw)
    types = _SQLITE_TYPES[type(element)]
    return f"(CASE WHEN json_type({doc}, {path}) IN {types} THEN json_extract({doc}, {path}) END)"


@compiles(JsonMissing, "sqlite")
def _sqlite_missing(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    doc, _key, path = _parts(element, compiler, **kw)
    return f"(coalesce(json_type({doc}, {path}), 'null') = 'null')"


@compiles(JsonText, "postgresql")
@compiles(JsonNumber, "postgresql")
@compiles(JsonBoolean, "postgresql")
def _postgres_value(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    doc, key, _path = _parts(element, compiler, **kw)
    kind, read = _POSTGRES_TYPES[type(element)]
    value = read.format(doc=doc, key=key)
    return f"(CASE WHEN jsonb_typeof({doc} -> CAST({key} AS TEXT)) = '{kind}' THEN {value} END)"


@compiles(JsonMissing, "postgresql")
def _postgres_missing(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    doc, key, _path = _parts(element, compiler, **kw)
    return f"(coalesce(jsonb_typeof({doc} -> CAST({key} AS TEXT)), 'null') = 'null')"


@compiles(JsonText)
@compiles(JsonNumber)
@compiles(JsonBoolean)
@compiles(JsonMissing)
def _unsupported(element: _JsonKey, compiler: SQLCompiler, **kw: Any) -> str:
    raise CompileError(f"JSON key search is not supported on {compiler.dialect.name}")
