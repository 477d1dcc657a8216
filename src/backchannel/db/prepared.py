"""Hot reads run straight on the driver's cursor.

SQLAlchemy's execution machinery (execution context, events, result objects) costs about ten
times what a primary-key read of SQLite takes. For the few reads that every client makes
constantly (a contact by id), :class:`PreparedRead` compiles its statement with SQLAlchemy
once per dialect, then runs the compiled SQL on the DBAPI connection under the request's
connection or session, applying the column types' result processors itself. The statement
is still built with SQLAlchemy expressions and bound parameters; no SQL text is made from
input.

Only scalar bound parameters are supported (no expanding ``IN`` lists), which is checked
when the statement is compiled.

:meth:`PreparedRead.fetch_first` also gives the row as it came from the driver, before any
conversion, as a hashable key (:attr:`Fetched.key`): the packed JSON text. Two reads with
equal keys read equal rows, so whatever is computed from a row alone can be kept under its
key and reused without ever going stale (see ``core/rendered.py``).

Each row comes back packed into one JSON array (SQLite's ``json_array(...)``, PostgreSQL's
``json_build_array(...)`` as text) that msgspec decodes: Python's ``sqlite3`` module spends
more on every column of a wide row (it rebuilds the cursor's description per statement)
than SQLite spends finding the row, and the text is the row's key. JSON columns are embedded
as JSON (on SQLite with ``json(...)``), so they arrive already decoded. A statement with a
column JSON cannot carry exactly (floating-point and binary columns) is read column by
column instead, and has no key.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, cast

import msgspec
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Dialect,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    Select,
    String,
    Text,
    func,
)
from sqlalchemy import cast as sa_cast
from sqlalchemy.orm import Session

__all__ = ["Fetched", "PreparedRead"]


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    # Values of the parameters the statement carries itself (literals in its expressions).
    fixed: dict[str, Any]
    # Per parameter name, the type's conversion to the driver's value, where there is one.
    binders: dict[str, Callable[[Any], Any]]
    # Per result column position, the type's conversion from the driver's value.
    processors: tuple[tuple[int, Callable[[Any], Any]], ...]
    # Whether each row arrives as one JSON array (SQLite) rather than column by column.
    packed: bool = False

    # Picks the parameters' values in the order the SQL takes them, as a tuple; None when
    # the driver takes them by name.
    pick: Callable[[Mapping[str, Any]], tuple[Any, ...]] | None = None

    def arguments(self, params: Mapping[str, Any]) -> Any:
        values = {**self.fixed, **params}
        if self.binders:
            for name, bind in self.binders.items():
                values[name] = bind(values[name])
        if self.pick is None:
            return values
        return self.pick(values)


class PreparedRead:
    """A SELECT compiled once per dialect; :meth:`first` and :meth:`all` return rows whose
    fields are named like the statement's columns."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        fields = list(statement.selected_columns.keys())
        row_type: Any = namedtuple("PreparedRow", fields, rename=True)  # type: ignore[misc]
        self._make_row: Callable[[Any], Any] = row_type._make
        self._compiled: dict[str, _Compiled] = {}

    def _compile(self, dialect: Dialect) -> _Compiled:
        columns = list(self.statement.selected_columns)
        packed = _packable(columns, dialect)
        statement = self.statement
        if packed and dialect.name == "sqlite":
            statement = statement.with_only_columns(
                func.json_array(*(func.json(c) if _is_json(c) else c for c in columns))
            )
        elif packed:
            # As text: the driver would otherwise decode the JSON itself, and the text is
            # the row's key.
            statement = statement.with_only_columns(sa_cast(func.json_build_array(*columns), Text))
        compiled = statement.compile(dialect=dialect)
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise TypeError("PreparedRead takes scalar bound parameters only")
        processors = []
        for position, column in enumerate(columns):
            if packed and _is_json(column):
                continue  # embedded as JSON: decoded along with the row
            process = column.type.dialect_impl(dialect).result_processor(dialect, None)
            if process is not None:
                processors.append((position, process))
        fixed: dict[str, Any] = {}
        binders: dict[str, Callable[[Any], Any]] = {}
        for bind, name in compiled.bind_names.items():
            if not bind.required:
                fixed[name] = bind.effective_value
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                binders[name] = process
        positional = tuple(compiled.positiontup or ()) if compiled.positional else None
        return _Compiled(
            compiled.string,
            fixed,
            binders,
            tuple(processors),
            packed=packed,
            pick=_picker(positional) if positional is not None else None,
        )

    def _fetch(self, db: Session | Connection, params: Mapping[str, Any]) -> tuple[_Compiled, Any]:
        connection = db.connection() if isinstance(db, Session) else db
        dialect = connection.dialect
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = self._compile(dialect)
        # The pool's own attribute for the driver's connection: for the synchronous drivers
        # Backchannel uses, the same object as ``driver_connection``, a few lookups sooner.
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, compiled.arguments(params))
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        return compiled, fetched

    def _row(self, compiled: _Compiled, raw: Any) -> Any:
        values = _decode(raw[0]) if compiled.packed else raw
        if compiled.processors:
            if not compiled.packed:
                values = list(values)
            for position, process in compiled.processors:
                values[position] = process(values[position])
        return self._make_row(values)

    def all(self, db: Session | Connection, params: Mapping[str, Any]) -> list[Any]:
        compiled, fetched = self._fetch(db, params)
        return [self._row(compiled, raw) for raw in fetched]

    def first(self, db: Session | Connection, params: Mapping[str, Any]) -> Any:
        rows = self.all(db, params)
        return rows[0] if rows else None

    def fetch_first(self, db: Session | Connection, params: Mapping[str, Any]) -> Fetched | None:
        """The first row, not yet converted, with its content key; None if there is none."""
        compiled, fetched = self._fetch(db, params)
        if not fetched:
            return None
        return Fetched(self, compiled, fetched[0])


class Fetched:
    """One row of a :class:`PreparedRead` as the driver returned it.

    :attr:`key` is that raw row where it identifies the row's content exactly (the packed
    JSON text), else None; :attr:`row` converts it on first use.
    """

    __slots__ = ("_compiled", "_raw", "_read", "_row", "key")

    def __init__(self, read: PreparedRead, compiled: _Compiled, raw: Any) -> None:
        self._read = read
        self._compiled = compiled
        self._raw = raw
        self._row: Any = None
        self.key: str | None = raw[0] if compiled.packed else None

    @property
    def row(self) -> Any:
        if self._row is None:
            self._row = self._read._row(self._compiled, self._raw)
        return self._row


_decode = msgspec.json.Decoder().decode
# SQLite writes REAL values into JSON with 15 significant digits, and cannot put a BLOB there.
_UNPACKABLE = (Float, Numeric, LargeBinary)
# PostgreSQL's driver converts most other types itself (dates and times to datetime, ...),
# which JSON would turn into strings: there only these types are packed.
_PACKABLE_ON_POSTGRESQL = (String, Integer, Boolean, JSON)
# Below SQLite's smallest limit on a function's arguments (PostgreSQL's is 100).
_MAX_PACKED = 100


def _picker(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    if len(names) == 1:
        (name,) = names
        return lambda values: (values[name],)
    if not names:
        return lambda values: ()
    return cast(Callable[[Mapping[str, Any]], tuple[Any, ...]], itemgetter(*names))


def _is_json(column: Any) -> bool:
    return isinstance(column.type, JSON)


def _packable(columns: list[Any], dialect: Dialect) -> bool:
    if len(columns) > _MAX_PACKED:
        return False
    if dialect.name == "sqlite":
        return not any(isinstance(column.type, _UNPACKABLE) for column in columns)
    if dialect.name == "postgresql":
        return all(isinstance(column.type, _PACKABLE_ON_POSTGRESQL) for column in columns)
    return False
