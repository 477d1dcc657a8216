"""Contact lookup indexes that also give the default search order.

``ix_contacts_ws_email``, ``ix_contacts_ws_name`` and ``ix_contacts_ws_phone`` become
``(workspace_id, lower(<column>), created_at, id)`` and ``ix_contacts_ws_external_id`` is new
in the same shape. Search compares strings on ``lower()``, so ``email = X`` (and the others) is
one index range already ordered newest first; before, ``phone`` and ``external_id`` had no
index search could use, and an SQLite file without ANALYZE statistics walked
``ix_contacts_ws_created`` through every contact to find one email.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:30:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_COLUMNS = ("email", "external_id", "name", "phone")
_BEFORE: dict[str, list[str | sa.ColumnElement[Any]]] = {
    "email": ["workspace_id", sa.literal_column("lower(email)")],
    "name": ["workspace_id", sa.literal_column("lower(name)")],
    "phone": ["workspace_id", "phone"],
}


def upgrade() -> None:
    for column in _BEFORE:
        op.drop_index(f"ix_contacts_ws_{column}", table_name="contacts")
    for column in _COLUMNS:
        op.create_index(
            f"ix_contacts_ws_{column}",
            "contacts",
            ["workspace_id", sa.literal_column(f"lower({column})"), "created_at", "id"],
            unique=False,
        )


def downgrade() -> None:
    for column in _COLUMNS:
        op.drop_index(f"ix_contacts_ws_{column}", table_name="contacts")
    for column, columns in _BEFORE.items():
        op.create_index(f"ix_contacts_ws_{column}", "contacts", columns, unique=False)
