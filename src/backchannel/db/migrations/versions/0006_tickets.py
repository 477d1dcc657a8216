"""Tickets, ticket types and their attributes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 17:30:56.124890
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_types",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("icon", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("is_internal", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_ticket_types_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_types")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("ticket_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ticket_types_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "ticket_type_attributes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "ticket_type_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("name_key", sa.String(length=1024), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("data_type", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("required_to_create", sa.Boolean(), nullable=False),
        sa.Column("required_to_create_for_contacts", sa.Boolean(), nullable=False),
        sa.Column("visible_on_create", sa.Boolean(), nullable=False),
        sa.Column("visible_to_contacts", sa.Boolean(), nullable=False),
        sa.Column("multiline", sa.Boolean(), nullable=False),
        sa.Column("allow_multiple_values", sa.Boolean(), nullable=False),
        sa.Column(
            "list_items",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_type_id"],
            ["ticket_types.id"],
            name=op.f("fk_ticket_type_attributes_ticket_type_id_ticket_types"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_ticket_type_attributes_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_type_attributes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("ticket_type_attributes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_type_attributes_type_position",
            ["ticket_type_id", "position", "id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_ticket_type_attributes_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "uq_ticket_type_attributes_type_name_key", ["ticket_type_id", "name_key"], unique=True
        )

    op.create_table(
        "tickets",
        sa.Column(
            "conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "ticket_type_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column(
            "attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("is_shared", sa.Boolean(), nullable=False),
        sa.Column("company_id", sa.String(length=24), nullable=True),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_tickets_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_type_id"],
            ["ticket_types.id"],
            name=op.f("fk_tickets_ticket_type_id_ticket_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_tickets_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_tickets")),
    )
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_ticket_type", ["ticket_type_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tickets_workspace_id"), ["workspace_id"], unique=False)
        batch_op.create_index("uq_tickets_ws_number", ["workspace_id", "number"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("uq_tickets_ws_number")
        batch_op.drop_index(batch_op.f("ix_tickets_workspace_id"))
        batch_op.drop_index("ix_tickets_ticket_type")

    op.drop_table("tickets")
    with op.batch_alter_table("ticket_type_attributes", schema=None) as batch_op:
        batch_op.drop_index("uq_ticket_type_attributes_type_name_key")
        batch_op.drop_index(batch_op.f("ix_ticket_type_attributes_workspace_id"))
        batch_op.drop_index("ix_ticket_type_attributes_type_position")

    op.drop_table("ticket_type_attributes")
    with op.batch_alter_table("ticket_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_types_workspace_id"))

    op.drop_table("ticket_types")
