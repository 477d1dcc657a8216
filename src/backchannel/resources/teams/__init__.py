"""Teams resource: read-only groups of admins."""

from __future__ import annotations

from backchannel.resources.teams.service import TeamNotFound

__all__ = ["TeamNotFound"]
