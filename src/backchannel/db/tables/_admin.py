from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin

__all__ = ["Admin", "Team", "TeamMembership"]


class Admin(WorkspaceMixin, TimestampMixin, Base):
    """A teammate. 2.10 has no create operation: admins come from the CLI or seeding."""

    __tablename__ = "admins"
    __table_args__ = (UniqueConstraint("workspace_id", "email"),)

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    email: Mapped[str] = mapped_column(String(255), nullable=False)
    job_title: Mapped[str | None] = mapped_column(String(255))
    avatar_url: Mapped[str | None] = mapped_column(String(1024))
    away_mode_enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    away_mode_reassign: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    has_inbox_seat: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    email_verified: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    team_priority_level: Mapped[int | None] = mapped_column(Integer)


class Team(WorkspaceMixin, TimestampMixin, Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)


class TeamMembership(Base):
    """An admin in a team, as a primary or secondary member."""

    __tablename__ = "team_memberships"
    __table_args__ = (Index("ix_team_memberships_admin", "admin_id"),)

    team_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    admin_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("admins.id", ondelete="CASCADE"), primary_key=True
    )
    priority: Mapped[str] = mapped_column(String(16), nullable=False, default="primary")
