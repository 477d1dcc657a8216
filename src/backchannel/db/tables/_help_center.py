from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin, partial_index

__all__ = ["Article", "ArticleTranslation", "HelpCenter", "HelpCenterCollection"]


class HelpCenter(WorkspaceMixin, TimestampMixin, Base):
    """A Help Center: read-only through the API, made by provisioning or the CLI.

    Every workspace has exactly one default help center (``is_default``, enforced by a
    partial unique index): collections created without a ``help_center_id`` go there, and
    standalone articles take their URL from it.
    """

    __tablename__ = "help_centers"
    __table_args__ = (
        UniqueConstraint("workspace_id", "identifier"),
        partial_index("uq_help_centers_default", "workspace_id", unique=True, where="is_default"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    identifier: Mapped[str] = mapped_column(String(255), nullable=False)
    display_name: Mapped[str] = mapped_column(String(255), nullable=False)
    website_turned_on: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    custom_domain: Mapped[str | None] = mapped_column(String(255))
    default_locale: Mapped[str] = mapped_column(String(8), nullable=False, default="en")
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class HelpCenterCollection(WorkspaceMixin, TimestampMixin, Base):
    """A collection, or a section when ``parent_id`` names the collection it sits in.

    ``name``/``description`` are the default locale's; ``translations`` holds the other
    locales as ``{locale: {"name": ..., "description": ...}}``. ``help_center_id`` is stored
    for sections too (their root collection's help center), although the API shows it as
    null for them. ``position`` is the API's ``order``.
    """

    __tablename__ = "help_center_collections"
    __table_args__ = (
        Index("ix_help_center_collections_updated", "workspace_id", "updated_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    help_center_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("help_centers.id", ondelete="CASCADE"), nullable=False, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        IntPK, ForeignKey("help_center_collections.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    icon: Mapped[str] = mapped_column(String(64), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    default_locale: Mapped[str] = mapped_column(String(8), nullable=False)
    translations: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)


class Article(WorkspaceMixin, TimestampMixin, Base):
    """An article. Its content lives in :class:`ArticleTranslation`, one row per locale;
    the default locale's row is the article's top-level title, body, author and state, and
    ``created_at``/``updated_at`` here mirror that row (they order ``GET /articles``).

    The statistics are real counters that start at 0. No 2.10 operation records a view, a
    conversation started from an article or a reaction, so through the API they stay 0.
    """

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_updated", "workspace_id", "updated_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    parent_id: Mapped[int | None] = mapped_column(
        IntPK, ForeignKey("help_center_collections.id", ondelete="SET NULL"), index=True
    )
    default_locale: Mapped[str] = mapped_column(String(8), nullable=False)
    views: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    conversions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    happy_reactions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    neutral_reactions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    sad_reactions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ArticleTranslation(Base):
    """An article's content in one locale, with its own author, state and timestamps.

    ``search_words`` holds the distinct lowercase words of title, description and body
    (:func:`backchannel.core.html.words`), so a word is found with ``LIKE '% word %'``.
    """

    __tablename__ = "article_translations"

    article_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    locale: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    author_id: Mapped[int] = mapped_column(IntPK, ForeignKey("admins.id"), nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False)
    search_words: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    updated_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
