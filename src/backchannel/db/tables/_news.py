from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["NewsItem", "Newsfeed", "NewsfeedAssignment"]


class Newsfeed(WorkspaceMixin, TimestampMixin, Base):
    """A newsfeed: where news items are shown, to one audience (BEHAVIOR.md §6.12).

    The API only reads newsfeeds; they are made by provisioning (the workspace's defaults)
    and by ``backchannel newsfeed create``. Names need not be unique. ``default_key`` names
    the default feed a row is (``web``), and is ``NULL`` for feeds made by hand: it is unique
    per workspace, so two requests that both find a workspace without its defaults cannot
    both add them. Ids are never reused, on SQLite either (AUTOINCREMENT).
    """

    __tablename__ = "newsfeeds"
    __table_args__ = (
        Index("uq_newsfeeds_workspace_default_key", "workspace_id", "default_key", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    default_key: Mapped[str | None] = mapped_column(String(32))


class NewsItem(WorkspaceMixin, TimestampMixin, Base):
    """A news item: an announcement an admin (``sender_id``) publishes to newsfeeds.

    ``state`` is ``draft`` or ``live``; only live items show in a feed. ``body`` is HTML,
    normalised on write. ``labels`` is the sorted list of label names, ``reactions`` the
    ordered list of emoji (empty: reactions disabled), both JSON arrays. ``cover_image_url``
    is a ``.jpg``/``.png`` URL or ``NULL``. Ids are never reused (AUTOINCREMENT): a deleted
    item keeps answering 404.
    """

    __tablename__ = "news_items"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False, default="")
    sender_id: Mapped[int] = mapped_column(IntPK, ForeignKey("admins.id"), nullable=False)
    state: Mapped[str] = mapped_column(String(8), nullable=False)
    labels: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    cover_image_url: Mapped[str | None] = mapped_column(Text)
    reactions: Mapped[list[Any]] = mapped_column(nullable=False, default=list)
    deliver_silently: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class NewsfeedAssignment(WorkspaceMixin, Base):
    """A news item placed on a newsfeed.

    ``published_at`` is when the item appeared (or, back-dated, is said to have appeared) on
    the feed: set while the item is live, ``NULL`` while it is a draft. ``position`` keeps the
    order the assignments were given in. The index serves a feed's live items, newest first.
    """

    __tablename__ = "newsfeed_assignments"
    __table_args__ = (
        Index(
            "ix_newsfeed_assignments_feed_published",
            "newsfeed_id",
            "published_at",
            "news_item_id",
        ),
    )

    news_item_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("news_items.id", ondelete="CASCADE"), primary_key=True
    )
    newsfeed_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("newsfeeds.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    published_at: Mapped[int | None] = mapped_column(BigInteger)
