"""Expression indexes behind ``custom_attributes.<name>`` searches.

Declaring a contact attribute creates, in the same transaction, an index on
``(workspace_id, <typed value>, created_at, id, role, archived, merged_into_id)`` where the
typed value is exactly the expression the search compiler compares
(:func:`~backchannel.core.search.custom_index_expression`, JSON key written as a literal), so
``=``, ``IN`` and range filters on it read one index range instead of every contact of the
workspace. ``created_at, id`` keep an equality range in the default search order; the trailing
``role, archived, merged_into_id`` (what every search and the usual role filter also test) let
SQLite count the matches from the index alone, without reading each contact row. One index
serves every workspace that declares the same name with the same type; its name is a hash of
both. The indexes live outside the Alembic history (:mod:`backchannel.db.runtime_indexes`).

Only contacts are searched by custom attribute, so company attributes get no index.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import JSON, BigInteger, Boolean, Column, Connection, Index, MetaData, String, Table
from sqlalchemy.schema import CreateIndex

from backchannel.core.search import FieldType, custom_index_expression
from backchannel.core.search.jsonvalues import SAFE_KEY

__all__ = ["contact_index", "ensure_search_index", "index_name"]

# A stand-in for the contacts table, so these indexes never join the ORM metadata (which
# create_all and Alembic compare); it renders the same table and column names.
_CONTACTS = Table(
    "contacts",
    MetaData(),
    Column("workspace_id", BigInteger),
    Column("custom_attributes", JSON),
    Column("created_at", BigInteger),
    Column("id", String(24)),
    Column("role", String(8)),
    Column("archived", Boolean),
    Column("merged_into_id", String(24)),
)


def index_name(name: str, kind: FieldType) -> str:
    """``ix_contacts_ca_<hash>`` for attribute ``name`` searched as ``kind``."""
    digest = hashlib.sha256(f"{kind.value}:{name}".encode()).hexdigest()[:16]
    return f"ix_contacts_ca_{digest}"


def contact_index(name: str, kind: FieldType) -> Index | None:
    """The index serving searches on contact attribute ``name`` of ``kind``; ``None`` when the
    name cannot be searched (outside the search's key alphabet)."""
    if not SAFE_KEY.fullmatch(name):
        return None
    return Index(
        index_name(name, kind),
        _CONTACTS.c.workspace_id,
        custom_index_expression(_CONTACTS.c.custom_attributes, name, kind),
        _CONTACTS.c.created_at,
        _CONTACTS.c.id,
        _CONTACTS.c.role,
        _CONTACTS.c.archived,
        _CONTACTS.c.merged_into_id,
    )


def ensure_search_index(connection: Connection, *, model: str, name: str, kind: FieldType) -> None:
    """Create the index for a newly declared attribute unless it exists (any workspace may
    have declared the same name already)."""
    if model != "contact":
        return
    index = contact_index(name, kind)
    if index is not None:
        connection.execute(CreateIndex(index, if_not_exists=True))
