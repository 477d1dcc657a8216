"""Conversations: conversations, their parts and participants, assignment rules.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 16:53:13.322114
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("in_inbox", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("waiting_since", sa.BigInteger(), nullable=True),
        sa.Column("snoozed_until", sa.BigInteger(), nullable=True),
        sa.Column("admin_assignee_id", sa.BigInteger(), nullable=True),
        sa.Column("team_assignee_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "custom_attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("source_type", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("source_delivered_as", sa.String(length=32), nullable=False),
        sa.Column("source_subject", sa.Text(), nullable=False),
        sa.Column("source_body", sa.Text(), nullable=False),
        sa.Column("source_words", sa.Text(), nullable=False),
        sa.Column("source_author_type", sa.String(length=16), nullable=False),
        sa.Column("source_author_id", sa.String(length=32), nullable=False),
        sa.Column("source_author_name", sa.String(length=255), nullable=True),
        sa.Column("source_author_email", sa.String(length=255), nullable=True),
        sa.Column(
            "source_attachments",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("source_url", sa.String(length=2048), nullable=True),
        sa.Column("source_redacted", sa.Boolean(), nullable=False),
        sa.Column("message_type", sa.String(length=16), nullable=False),
        sa.Column("message_template", sa.String(length=16), nullable=True),
        sa.Column("time_to_assignment", sa.BigInteger(), nullable=True),
        sa.Column("time_to_admin_reply", sa.BigInteger(), nullable=True),
        sa.Column("time_to_first_close", sa.BigInteger(), nullable=True),
        sa.Column("time_to_last_close", sa.BigInteger(), nullable=True),
        sa.Column("median_time_to_reply", sa.BigInteger(), nullable=True),
        sa.Column("first_contact_reply_at", sa.BigInteger(), nullable=True),
        sa.Column("first_assignment_at", sa.BigInteger(), nullable=True),
        sa.Column("first_admin_reply_at", sa.BigInteger(), nullable=True),
        sa.Column("first_close_at", sa.BigInteger(), nullable=True),
        sa.Column("last_assignment_at", sa.BigInteger(), nullable=True),
        sa.Column("last_assignment_admin_reply_at", sa.BigInteger(), nullable=True),
        sa.Column("last_contact_reply_at", sa.BigInteger(), nullable=True),
        sa.Column("last_admin_reply_at", sa.BigInteger(), nullable=True),
        sa.Column("last_close_at", sa.BigInteger(), nullable=True),
        sa.Column("last_closed_by_id", sa.String(length=32), nullable=True),
        sa.Column("count_reopens", sa.Integer(), nullable=False),
        sa.Column("count_assignments", sa.Integer(), nullable=False),
        sa.Column("count_conversation_parts", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_conversations_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversations")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conversations_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_conversations_ws_created", ["workspace_id", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_conversations_ws_source_id", ["workspace_id", "source_id"], unique=False
        )
        batch_op.create_index(
            "ix_conversations_ws_state_snoozed",
            ["workspace_id", "state", "snoozed_until"],
            unique=False,
        )
        batch_op.create_index(
            "ix_conversations_ws_updated", ["workspace_id", "updated_at", "id"], unique=False
        )

    op.create_table(
        "assignment_rules",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "query",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("team_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("admin_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("round_robin", sa.Boolean(), nullable=False),
        sa.Column("last_admin_id", sa.BigInteger(), nullable=True),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["admin_id"],
            ["admins.id"],
            name=op.f("fk_assignment_rules_admin_id_admins"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_assignment_rules_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_assignment_rules_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_rules")),
    )
    with op.batch_alter_table("assignment_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_rules_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_assignment_rules_ws_position", ["workspace_id", "position"], unique=False
        )

    op.create_table(
        "conversation_contacts",
        sa.Column(
            "conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("contact_id", sa.String(length=24), nullable=False),
        sa.Column("added_at", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_conversation_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_contacts_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "conversation_id", "contact_id", name=op.f("pk_conversation_contacts")
        ),
    )
    with op.batch_alter_table("conversation_contacts", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_contacts_contact", ["contact_id"], unique=False)

    op.create_table(
        "conversation_parts",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "conversation_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("part_type", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.Column("notified_at", sa.BigInteger(), nullable=False),
        sa.Column("assigned_to_type", sa.String(length=16), nullable=True),
        sa.Column("assigned_to_id", sa.String(length=32), nullable=True),
        sa.Column("author_type", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("author_name", sa.String(length=255), nullable=True),
        sa.Column("author_email", sa.String(length=255), nullable=True),
        sa.Column(
            "attachments",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "reply_options",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("previous_ticket_state", sa.String(length=32), nullable=True),
        sa.Column("ticket_state", sa.String(length=32), nullable=True),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("redacted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_parts_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_parts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("conversation_parts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversation_parts_conversation", ["conversation_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("conversation_parts", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_parts_conversation")

    op.drop_table("conversation_parts")
    with op.batch_alter_table("conversation_contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_contacts_contact")

    op.drop_table("conversation_contacts")
    with op.batch_alter_table("assignment_rules", schema=None) as batch_op:
        batch_op.drop_index("ix_assignment_rules_ws_position")
        batch_op.drop_index(batch_op.f("ix_assignment_rules_workspace_id"))

    op.drop_table("assignment_rules")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_ws_updated")
        batch_op.drop_index("ix_conversations_ws_state_snoozed")
        batch_op.drop_index("ix_conversations_ws_source_id")
        batch_op.drop_index("ix_conversations_ws_created")
        batch_op.drop_index(batch_op.f("ix_conversations_workspace_id"))

    op.drop_table("conversations")
