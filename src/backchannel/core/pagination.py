"""One pagination module for every list.

Cursor lists (``starting_after``) are keyset-paged on ``(sort key..., id)``, never OFFSET, so
a page costs the same at any depth. The cursor is opaque to clients: URL-safe base64 of a
JSON array ``[next_page, fingerprint, total_count, *sort_values]``. The fingerprint ties a
cursor to the query that produced it; a cursor replayed with another filter is refused
(``client_error``). ``total_count`` is counted on the first page only and carried forward, so
later pages cost only their own rows (it is the count as of the first page).

Page-number lists (``page``/``per_page``, where the spec has them) use :func:`number_page`,
which answers past the last page with an empty ``data`` as Intercom does.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from backchannel.core.errors import InvalidCursor
from backchannel.core.scalars import INT64

__all__ = [
    "MAX_PER_PAGE",
    "CursorPage",
    "NumberPage",
    "SortKey",
    "clamp_per_page",
    "cursor_page",
    "decode_cursor",
    "encode_cursor",
    "fingerprint",
    "number_page",
]

MAX_PER_PAGE = 150
T = TypeVar("T")


def clamp_per_page(value: int | None, default: int, maximum: int = MAX_PER_PAGE) -> int:
    """``per_page`` bounded to 1..maximum; absent means ``default``."""
    if value is None:
        return default
    return max(1, min(maximum, value))


def fingerprint(*parts: Any) -> str:
    """A short stable digest of whatever defines a result set (filters, sort)."""
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2s(blob.encode(), digest_size=6).hexdigest()


def encode_cursor(page: int, print_: str, total: int, values: Sequence[Any]) -> str:
    blob = json.dumps([page, print_, total, *values], separators=(",", ":"))
    return base64.urlsafe_b64encode(blob.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, print_: str, arity: int) -> tuple[int, int, list[Any]]:
    """The page number, total count and sort values in ``cursor``; :class:`InvalidCursor` if
    it is not ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor(field="starting_after") from None
    if (
        not isinstance(data, list)
        or len(data) != arity + 3
        or not isinstance(data[0], int)
        or data[1] != print_
        or not isinstance(data[2], int)
        or isinstance(data[2], bool)
        or data[2] < 0
        or not all(isinstance(v, (int, str)) and not isinstance(v, bool) for v in data[3:])
    ):
        raise InvalidCursor(field="starting_after")
    return data[0], data[2], data[3:]


@dataclass(frozen=True, slots=True)
class SortKey:
    """One ordering column of a keyset; ``value`` reads it back from a loaded row."""

    expression: ColumnElement[Any]
    descending: bool
    value: Callable[[Any], Any]


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the order given by ``keys``."""
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j].expression == values[j] for j in range(i)]
        step = key.expression < values[i] if key.descending else key.expression > values[i]
        clauses.append(and_(*equal, step))
    return or_(*clauses)


INT64_MAX = INT64


def _check_cursor_value(key: SortKey, value: Any) -> None:
    """A cursor value must have its column's type, so an edited cursor is a 400, not a 500."""
    try:
        expected = key.expression.type.python_type
    except NotImplementedError:  # pragma: no cover - every keyset column has a Python type
        return
    if expected is bool:
        expected = int
    if not isinstance(value, expected) or (
        isinstance(value, int) and not -INT64_MAX - 1 <= value <= INT64_MAX
    ):
        raise InvalidCursor(field="starting_after")


@dataclass(slots=True)
class CursorPage(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total_count: int
    next_cursor: str | None

    def pages(self) -> dict[str, Any]:
        """The ``pages`` object; ``next`` only while more rows follow."""
        pages: dict[str, Any] = {
            "type": "pages",
            "page": self.page,
            "per_page": self.per_page,
            "total_pages": math.ceil(self.total_count / self.per_page) if self.per_page else 0,
        }
        if self.next_cursor is not None:
            pages["next"] = {
                "page": self.page + 1,
                "per_page": self.per_page,
                "starting_after": self.next_cursor,
            }
        return pages


def count(db: Session | Connection, stmt: Select[Any]) -> int:
    subquery = stmt.order_by(None).subquery()
    return int(db.execute(select(func.count()).select_from(subquery)).scalar_one())


def cursor_page(
    db: Session | Connection,
    stmt: Select[Any],
    *,
    order: Sequence[SortKey],
    per_page: int,
    starting_after: str | None,
    query_print: str = "",
    rows: bool = False,
) -> CursorPage[Any]:
    """One keyset page of ``stmt`` in ``order``.

    Args:
        db: the request's session, or a plain connection for read-only requests.
        stmt: the filtered select; ordering and limits are added here. A select of one
            ORM entity yields entities; with ``rows=True`` a select of table columns yields
            read-only rows (much cheaper to load when the page is only serialized).
        order: the keyset, ending with a unique column.
        per_page: rows per page, already clamped.
        starting_after: the cursor from the previous page's ``pages.next``, if any.
        query_print: a :func:`fingerprint` of the filters, so cursors cannot cross queries.
    """
    page = 1
    paged = stmt
    if starting_after:
        # The total is counted once, on the first page, and travels in the cursor: counting
        # every match again costs more than the page itself on large results.
        page, total, values = decode_cursor(starting_after, query_print, len(order))
        for key, value in zip(order, values, strict=True):
            _check_cursor_value(key, value)
        paged = paged.where(_after(order, values))
    else:
        total = count(db, stmt)
    ordering = [key.expression.desc() if key.descending else key.expression.asc() for key in order]
    result = db.execute(paged.order_by(*ordering).limit(per_page + 1))
    items: list[Any] = list(result.all() if rows else result.scalars())
    next_cursor = None
    if len(items) > per_page:
        items = items[:per_page]
        last = items[-1]
        next_cursor = encode_cursor(
            page + 1, query_print, total, [key.value(last) for key in order]
        )
    return CursorPage(items, page, per_page, total, next_cursor)


@dataclass(slots=True)
class NumberPage(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total_count: int

    @property
    def total_pages(self) -> int:
        return math.ceil(self.total_count / self.per_page) if self.per_page else 0

    def pages(self, next_url: Callable[[int], str] | None = None) -> dict[str, Any]:
        """The ``pages`` object; ``next`` is a URL (``pages_link``) while pages remain."""
        has_next = self.page < self.total_pages
        return {
            "type": "pages",
            "page": self.page,
            "per_page": self.per_page,
            "total_pages": self.total_pages,
            "next": next_url(self.page + 1) if (has_next and next_url) else None,
        }


def number_page(
    db: Session | Connection,
    stmt: Select[Any],
    *,
    page: int,
    per_page: int,
    order: Sequence[Any],
    rows: bool = False,
    max_results: int | None = None,
) -> NumberPage[Any]:
    """Page ``page`` (1-based) of an ordered page-number list; empty past the end.

    As with :func:`cursor_page`, ``rows=True`` takes a select of table columns and yields
    read-only rows (which also works over a plain connection) instead of ORM entities.
    ``max_results`` caps how far the list reaches (``POST /companies/list`` serves at most
    10,000 results): ``total_count`` and the pages stop there.
    """
    page = max(1, page)
    total = count(db, stmt)
    offset = (page - 1) * per_page
    limit = per_page
    if max_results is not None:
        total = min(total, max_results)
        limit = max(0, min(per_page, max_results - offset))
    if limit == 0 or offset >= total:
        # Past the end, with no query: a huge page number would overflow OFFSET.
        return NumberPage([], page, per_page, total)
    result = db.execute(stmt.order_by(*order).limit(limit).offset(offset))
    items: list[Any] = list(result.all() if rows else result.scalars())
    return NumberPage(items, page, per_page, total)
