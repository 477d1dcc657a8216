"""What other resources hang off a contact: summaries on the contact object, merge and delete.

Tags, notes, companies and subscriptions each belong to their own resource package. Each of
those registers a :class:`ContactRelation` here (in ``backchannel.resources``), and the
contact service and serializer go through this registry instead of importing them, so no
resource imports another's internals and there are no import cycles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Session

from backchannel.db.prepared import PreparedRead
from backchannel.db.tables import Contact

__all__ = [
    "SUMMARY_KEYS",
    "ContactRelation",
    "empty_summary",
    "first_items",
    "load_summaries",
    "move_links",
    "nothing_attached",
    "on_contact_deleted",
    "on_contact_merged",
    "register",
    "registered",
    "summaries_from_rows",
    "summary",
    "with_presence",
]

# The relationship summaries a contact object carries, and the sub-path each one links to.
SUMMARY_KEYS: dict[str, str] = {
    "tags": "tags",
    "notes": "notes",
    "companies": "companies",
    "opted_out_subscription_types": "subscriptions",
    "opted_in_subscription_types": "subscriptions",
}
SUMMARY_LIMIT = 10

Summaries = dict[str, dict[str, Any]]


class ContactRelation(Protocol):
    """One resource's link to contacts.

    ``presence`` maps a contact id column to a correlated EXISTS that is true when the
    contact has anything for this relation to summarise (it may use the bound
    ``workspace_id``), or is None when the relation has no summaries. Reading these flags
    with the contacts themselves lets a contact read skip the relations it has nothing in.
    """

    @property
    def presence(self) -> Callable[[Any], Any] | None: ...

    def summaries(
        self, db: Session | Connection, *, workspace_id: int, contact_ids: Sequence[str]
    ) -> dict[str, Summaries]:
        """For each contact id, the summary objects this resource fills, by summary key."""
        ...

    def on_merge(self, db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
        """Move what belonged to the merged-away lead ``from_id`` to the user ``into_id``."""
        ...

    def on_delete(self, db: Session, *, workspace_id: int, contact_id: str) -> None:
        """Remove what hangs off a contact that is deleted for good."""
        ...


_REGISTRY: list[ContactRelation] = []
# Statements (and lists) built from the registered relations, by name (see _cached).
_PRESENCE_STATEMENTS: dict[str, Any] = {}


def register(relation: ContactRelation) -> None:
    if relation not in _REGISTRY:
        _REGISTRY.append(relation)
        _PRESENCE_STATEMENTS.clear()  # they are built from the registered relations


def registered() -> tuple[ContactRelation, ...]:
    return tuple(_REGISTRY)


def summary(contact_id: str, key: str, items: list[dict[str, Any]], total: int) -> dict[str, Any]:
    """A relationship summary: at most 10 ``{type, id, url}`` entries and the full count."""
    return {
        "type": "list",
        "data": items[:SUMMARY_LIMIT],
        "url": f"/contacts/{contact_id}/{SUMMARY_KEYS[key]}",
        "total_count": total,
        "has_more": total > SUMMARY_LIMIT,
    }


def empty_summary(contact_id: str, key: str) -> dict[str, Any]:
    """:func:`summary` of nothing (most contacts' summaries: built without slicing)."""
    url = f"/contacts/{contact_id}/{SUMMARY_KEYS[key]}"
    return {"type": "list", "data": [], "url": url, "total_count": 0, "has_more": False}


def first_items(
    *, contact_id: Any, item_id: Any, order_by: Sequence[Any], where: Sequence[Any]
) -> Select[Any]:
    """Rows ``(contact_id, item_id, total)``: each contact's first :data:`SUMMARY_LIMIT`
    items in ``order_by`` and how many it has in all, for contacts matching ``where``.

    Build it once at import with bound parameters (``workspace_id``, ``contact_ids``) in
    ``where``, so a request pays only for executing it.
    """
    ranked = (
        select(
            contact_id.label("contact_id"),
            item_id.label("item_id"),
            func.row_number().over(partition_by=contact_id, order_by=order_by).label("position"),
            func.count().over(partition_by=contact_id).label("total"),
        )
        .where(*where)
        .subquery()
    )
    return (
        select(ranked.c.contact_id, ranked.c.item_id, ranked.c.total)
        .where(ranked.c.position <= SUMMARY_LIMIT)
        .order_by(ranked.c.contact_id, ranked.c.position)
    )


def summaries_from_rows(
    rows: Any, *, key: str, item_type: str, url_prefix: str
) -> dict[str, Summaries]:
    """The ``key`` summary of each contact from :func:`first_items` rows, whose entries are
    ``{type: item_type, id, url: url_prefix + id}``."""
    items: dict[str, list[dict[str, Any]]] = {}
    totals: dict[str, int] = {}
    for contact_id, item_id, total in rows:
        items.setdefault(contact_id, []).append(
            {"type": item_type, "id": str(item_id), "url": f"{url_prefix}{item_id}"}
        )
        totals[contact_id] = int(total)
    return {
        contact_id: {key: summary(contact_id, key, found, totals[contact_id])}
        for contact_id, found in items.items()
    }


_PRESENT = "present_"
_CONTACTS = Contact.__table__


def _present() -> tuple[ContactRelation, ...]:
    return tuple(relation for relation in _REGISTRY if relation.presence is not None)


def _flags() -> tuple[tuple[int, str], ...]:
    """Each relation with a presence flag: its position and the flag's column name."""
    return tuple((position, f"{_PRESENT}{position}") for position in range(len(_present())))


def _cached(key: str, build: Callable[[], Any]) -> Any:
    """A statement or list built once (again after a relation is registered)."""
    statement = _PRESENCE_STATEMENTS.get(key)
    if statement is None:
        statement = _PRESENCE_STATEMENTS[key] = build()
    return statement


def _flag_columns() -> list[Any]:
    return [
        relation.presence(_CONTACTS.c.id).label(f"{_PRESENT}{position}")  # type: ignore[misc]
        for position, relation in enumerate(_present())
    ]


def with_presence(key: str, statement: Select[Any]) -> PreparedRead:
    """``statement`` (a select of contact rows) with one more boolean column per relation,
    saying whether the contact has anything in it; prepared once per ``key``.

    Pass the rows it returns to :func:`load_summaries` as ``flagged`` to skip the separate
    presence query.
    """
    return cast(
        PreparedRead,
        _cached(key, lambda: PreparedRead(statement.add_columns(*_flag_columns()))),
    )


def nothing_attached(row: Any) -> bool:
    """Whether a row read by a :func:`with_presence` statement shows that the contact has
    nothing in any relation that puts a summary on it: all its summaries are then empty, and
    its contact object depends on the row alone. (A relation without a presence flag puts
    no summary on the contact; see :class:`ContactRelation`.)"""
    return not any(getattr(row, flag) for _, flag in _cached("flags", _flags))


def _presence_query() -> Any:
    # By id alone: the ids are contacts the caller has read in its workspace. A workspace
    # condition here leads SQLite (which has no statistics unless ANALYZE ran) to walk the
    # workspace's whole contact index instead of looking up each id.
    return select(_CONTACTS.c.id, *_flag_columns()).where(
        _CONTACTS.c.id.in_(bindparam("contact_ids", expanding=True))
    )


def load_summaries(
    db: Session | Connection,
    *,
    workspace_id: int,
    contact_ids: Sequence[str] = (),
    flagged: Sequence[Any] = (),
) -> dict[str, Summaries]:
    """Every registered relation's summaries for ``contact_ids``, merged per contact.

    Which relations have anything for which contacts comes from the rows in ``flagged``
    (read by a :func:`with_presence` statement) or else from one presence query; only those
    relations then load their summaries, for only those contacts.
    """
    if flagged:
        contact_ids = [row.id for row in flagged]
    merged: dict[str, Summaries] = {contact_id: {} for contact_id in contact_ids}
    if not contact_ids:
        return merged
    present = _cached("present", _present)
    if present and not flagged:
        params = {"workspace_id": workspace_id, "contact_ids": list(contact_ids)}
        flagged = list(db.execute(_cached("presence", _presence_query), params))
    flags = _cached("flags", _flags)
    wanted: dict[int, list[str]] = {}
    for row in flagged:
        for position, flag in flags:
            if getattr(row, flag):
                wanted.setdefault(position, []).append(row.id)
    if not wanted and len(present) == len(_REGISTRY):
        return merged  # the usual contact: nothing in any relation
    asked = [(relation, list(contact_ids)) for relation in _REGISTRY if relation.presence is None]
    asked += [(present[position], ids) for position, ids in sorted(wanted.items())]
    for relation, ids in asked:
        found = relation.summaries(db, workspace_id=workspace_id, contact_ids=ids)
        for contact_id, by_key in found.items():
            merged.setdefault(contact_id, {}).update(by_key)
    return merged


def on_contact_merged(db: Session, *, workspace_id: int, from_id: str, into_id: str) -> None:
    for relation in _REGISTRY:
        relation.on_merge(db, workspace_id=workspace_id, from_id=from_id, into_id=into_id)


def on_contact_deleted(db: Session, *, workspace_id: int, contact_id: str) -> None:
    for relation in _REGISTRY:
        relation.on_delete(db, workspace_id=workspace_id, contact_id=contact_id)


def move_links(
    db: Session,
    *,
    owner: Any,
    key: Any,
    from_id: str,
    into_id: str,
    where: ColumnElement[bool] | None = None,
) -> None:
    """Re-point a link table's rows from contact ``from_id`` to ``into_id`` on merge.

    ``owner`` is the column holding the contact id and ``key`` the column naming what is
    linked (a tag, a company, a subscription type); ``where`` narrows the rows (for example
    to taggings of contacts). A link the user already has is dropped rather than doubled,
    so the user's own link (and its details) wins.
    """
    table = owner.table
    scope = [where] if where is not None else []
    of_lead = and_(owner == from_id, *scope)
    already = select(key).where(owner == into_id, *scope).scalar_subquery()
    db.execute(delete(table).where(of_lead, key.in_(already)))
    db.execute(update(table).where(of_lead).values({owner.name: into_id}))
