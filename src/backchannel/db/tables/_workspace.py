from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK

__all__ = ["AccessToken", "Workspace"]


class Workspace(Base):
    """An Intercom app: the unit of tenancy."""

    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    id_code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="UTC")
    region: Mapped[str] = mapped_column(String(8), nullable=False, default="US")
    identity_verification: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)


class AccessToken(Base):
    """A bearer token: it belongs to exactly one workspace and acts as one admin."""

    __tablename__ = "access_tokens"

    token: Mapped[str] = mapped_column(String(255), primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False, index=True
    )
    admin_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("admins.id", ondelete="CASCADE"), nullable=False
    )
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
