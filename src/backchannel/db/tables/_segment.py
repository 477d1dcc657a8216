from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, TimestampMixin, WorkspaceMixin

__all__ = ["Segment"]


class Segment(WorkspaceMixin, TimestampMixin, Base):
    """A saved contact filter in the search query language; membership is always computed."""

    __tablename__ = "segments"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    person_type: Mapped[str] = mapped_column(String(16), nullable=False, default="user")
    query: Mapped[dict[str, Any]] = mapped_column(nullable=False)
