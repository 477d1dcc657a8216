"""Company scrolls, case-folded tag names, company_id unique among live companies.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:40:37
"""

from __future__ import annotations

import warnings

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted = false")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.create_table(
        "company_scrolls",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("last_company_id", sa.String(length=24), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("last_used_at", sa.BigInteger(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_company_scrolls_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_scrolls")),
        sa.UniqueConstraint("workspace_id", name=op.f("uq_company_scrolls_workspace_id")),
    )
    with op.batch_alter_table("company_scrolls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_company_scrolls_workspace_id"), ["workspace_id"], unique=False
        )

    # Tag names are unique per workspace by their case-folded form. Existing names are
    # folded with lower(); the application folds new ones with str.casefold().
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(length=1024), nullable=True))
    op.execute("UPDATE tags SET name_key = lower(name)")
    # On SQLite the tables are rebuilt with AUTOINCREMENT so deleted ids are never reused.
    with op.batch_alter_table(
        "tags",
        recreate="always" if _sqlite() else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch_op:
        batch_op.alter_column("name_key", existing_type=sa.String(length=1024), nullable=False)
        batch_op.drop_index(batch_op.f("ix_tags_ws_name"))
        batch_op.create_index("uq_tags_ws_name_key", ["workspace_id", "name_key"], unique=True)
    if _sqlite():
        # Rebuilding notes reflects the contacts table it refers to; SQLite cannot reflect
        # the expression indexes there, which do not matter for the copy.
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
            with op.batch_alter_table(
                "notes", recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass

    # A deleted company gives up its company_id.
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index("uq_companies_ws_company_id")
        batch_op.create_index(
            "uq_companies_ws_company_id",
            ["workspace_id", "company_id"],
            unique=True,
            sqlite_where=_LIVE,
            postgresql_where=_LIVE,
        )


def downgrade() -> None:
    with op.batch_alter_table("companies", schema=None) as batch_op:
        batch_op.drop_index("uq_companies_ws_company_id")
        batch_op.create_index(
            "uq_companies_ws_company_id", ["workspace_id", "company_id"], unique=True
        )
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.drop_index("uq_tags_ws_name_key")
        batch_op.create_index(batch_op.f("ix_tags_ws_name"), ["workspace_id", "name"], unique=False)
        batch_op.drop_column("name_key")
    with op.batch_alter_table("company_scrolls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_scrolls_workspace_id"))
    op.drop_table("company_scrolls")
