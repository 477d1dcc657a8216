"""Every ORM table, in one place and one metadata (Alembic reads ``Base.metadata``)."""

from __future__ import annotations

from backchannel.db.base import Base
from backchannel.db.tables._activity_log import ActivityLog
from backchannel.db.tables._admin import Admin, Team, TeamMembership
from backchannel.db.tables._contact import Contact
from backchannel.db.tables._workspace import AccessToken, Workspace

__all__ = [
    "AccessToken",
    "ActivityLog",
    "Admin",
    "Base",
    "Contact",
    "Team",
    "TeamMembership",
    "Workspace",
]
