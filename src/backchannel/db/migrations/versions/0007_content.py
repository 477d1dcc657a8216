"""Help centers, collections, articles, news, background jobs and phone call redirects.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 18:21:49.227045
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "help_centers",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("identifier", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("website_turned_on", sa.Boolean(), nullable=False),
        sa.Column("custom_domain", sa.String(length=255), nullable=True),
        sa.Column("default_locale", sa.String(length=8), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_help_centers_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_centers")),
        sa.UniqueConstraint(
            "workspace_id", "identifier", name=op.f("uq_help_centers_workspace_id")
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("help_centers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_help_centers_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "uq_help_centers_default",
            ["workspace_id"],
            unique=True,
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )

    op.create_table(
        "jobs",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("identifier", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("exclusive_key", sa.String(length=64), nullable=True),
        sa.Column(
            "params",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "summary",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claim_token", sa.String(length=36), nullable=True),
        sa.Column("lease_expires_at", sa.BigInteger(), nullable=True),
        sa.Column("started_at", sa.BigInteger(), nullable=True),
        sa.Column("finished_at", sa.BigInteger(), nullable=True),
        sa.Column("output_expires_at", sa.BigInteger(), nullable=True),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_jobs_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_status_kind", ["status", "kind", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_jobs_workspace_id"), ["workspace_id"], unique=False)
        batch_op.create_index("uq_jobs_identifier", ["identifier"], unique=True)
        batch_op.create_index(
            "uq_jobs_ws_exclusive_active",
            ["workspace_id", "exclusive_key"],
            unique=True,
            sqlite_where=sa.text("status IN ('pending', 'in_progress')"),
            postgresql_where=sa.text("status IN ('pending', 'in_progress')"),
        )

    op.create_table(
        "newsfeeds",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("default_key", sa.String(length=32), nullable=True),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_newsfeeds_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newsfeeds")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("newsfeeds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_newsfeeds_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "uq_newsfeeds_workspace_default_key", ["workspace_id", "default_key"], unique=True
        )

    op.create_table(
        "help_center_collections",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "help_center_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("icon", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("default_locale", sa.String(length=8), nullable=False),
        sa.Column(
            "translations",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["help_center_id"],
            ["help_centers.id"],
            name=op.f("fk_help_center_collections_help_center_id_help_centers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["help_center_collections.id"],
            name=op.f("fk_help_center_collections_parent_id_help_center_collections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_help_center_collections_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_center_collections")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("help_center_collections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_help_center_collections_help_center_id"),
            ["help_center_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_help_center_collections_parent_id"), ["parent_id"], unique=False
        )
        batch_op.create_index(
            "ix_help_center_collections_updated", ["workspace_id", "updated_at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_help_center_collections_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "job_outputs",
        sa.Column("job_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_job_outputs_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_outputs")),
    )
    op.create_table(
        "news_items",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "sender_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column(
            "labels",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("cover_image_url", sa.Text(), nullable=True),
        sa.Column(
            "reactions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("deliver_silently", sa.Boolean(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["admins.id"], name=op.f("fk_news_items_sender_id_admins")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_news_items_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_items")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("news_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_news_items_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "phone_call_redirects",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("contact_id", sa.String(length=24), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column(
            "custom_attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_phone_call_redirects_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_phone_call_redirects_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phone_call_redirects")),
        sa.UniqueConstraint("token", name=op.f("uq_phone_call_redirects_token")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("phone_call_redirects", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_phone_call_redirects_workspace_id"), ["workspace_id"], unique=False
        )
        batch_op.create_index(
            "ix_phone_call_redirects_ws_phone",
            ["workspace_id", "phone", "created_at"],
            unique=False,
        )

    op.create_table(
        "articles",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("parent_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("default_locale", sa.String(length=8), nullable=False),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("conversions", sa.Integer(), nullable=False),
        sa.Column("happy_reactions", sa.Integer(), nullable=False),
        sa.Column("neutral_reactions", sa.Integer(), nullable=False),
        sa.Column("sad_reactions", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["help_center_collections.id"],
            name=op.f("fk_articles_parent_id_help_center_collections"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_articles_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(
            "ix_articles_updated", ["workspace_id", "updated_at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_articles_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "newsfeed_assignments",
        sa.Column(
            "news_item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "newsfeed_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.BigInteger(), nullable=True),
        sa.Column(
            "workspace_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["news_item_id"],
            ["news_items.id"],
            name=op.f("fk_newsfeed_assignments_news_item_id_news_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["newsfeed_id"],
            ["newsfeeds.id"],
            name=op.f("fk_newsfeed_assignments_newsfeed_id_newsfeeds"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_newsfeed_assignments_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "news_item_id", "newsfeed_id", name=op.f("pk_newsfeed_assignments")
        ),
    )
    with op.batch_alter_table("newsfeed_assignments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_newsfeed_assignments_feed_published",
            ["newsfeed_id", "published_at", "news_item_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_newsfeed_assignments_workspace_id"), ["workspace_id"], unique=False
        )

    op.create_table(
        "article_translations",
        sa.Column(
            "article_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "author_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("search_words", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_translations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["admins.id"], name=op.f("fk_article_translations_author_id_admins")
        ),
        sa.PrimaryKeyConstraint("article_id", "locale", name=op.f("pk_article_translations")),
    )


def downgrade() -> None:
    op.drop_table("article_translations")
    with op.batch_alter_table("newsfeed_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_newsfeed_assignments_workspace_id"))
        batch_op.drop_index("ix_newsfeed_assignments_feed_published")

    op.drop_table("newsfeed_assignments")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_workspace_id"))
        batch_op.drop_index("ix_articles_updated")
        batch_op.drop_index(batch_op.f("ix_articles_parent_id"))

    op.drop_table("articles")
    with op.batch_alter_table("phone_call_redirects", schema=None) as batch_op:
        batch_op.drop_index("ix_phone_call_redirects_ws_phone")
        batch_op.drop_index(batch_op.f("ix_phone_call_redirects_workspace_id"))

    op.drop_table("phone_call_redirects")
    with op.batch_alter_table("news_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_news_items_workspace_id"))

    op.drop_table("news_items")
    op.drop_table("job_outputs")
    with op.batch_alter_table("help_center_collections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_center_collections_workspace_id"))
        batch_op.drop_index("ix_help_center_collections_updated")
        batch_op.drop_index(batch_op.f("ix_help_center_collections_parent_id"))
        batch_op.drop_index(batch_op.f("ix_help_center_collections_help_center_id"))

    op.drop_table("help_center_collections")
    with op.batch_alter_table("newsfeeds", schema=None) as batch_op:
        batch_op.drop_index("uq_newsfeeds_workspace_default_key")
        batch_op.drop_index(batch_op.f("ix_newsfeeds_workspace_id"))

    op.drop_table("newsfeeds")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_jobs_ws_exclusive_active",
            sqlite_where=sa.text("status IN ('pending', 'in_progress')"),
            postgresql_where=sa.text("status IN ('pending', 'in_progress')"),
        )
        batch_op.drop_index("uq_jobs_identifier")
        batch_op.drop_index(batch_op.f("ix_jobs_workspace_id"))
        batch_op.drop_index("ix_jobs_status_kind")

    op.drop_table("jobs")
    with op.batch_alter_table("help_centers", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_help_centers_default",
            sqlite_where=sa.text("is_default"),
            postgresql_where=sa.text("is_default"),
        )
        batch_op.drop_index(batch_op.f("ix_help_centers_workspace_id"))

    op.drop_table("help_centers")
