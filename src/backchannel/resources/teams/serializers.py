"""Teams in their 2.10 response shapes: string ``id``, integer member ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from backchannel.resources.teams.service import TeamView

__all__ = ["team_list_to_api", "team_to_api"]


def team_to_api(view: TeamView) -> dict[str, Any]:
    """A ``team``: all members in ``admin_ids``, split by priority in ``admin_priority_level``."""
    return {
        "type": "team",
        "id": str(view.team.id),
        "name": view.team.name,
        "admin_ids": view.admin_ids,
        "admin_priority_level": {
            "primary_admin_ids": list(view.primary_admin_ids),
            "secondary_admin_ids": list(view.secondary_admin_ids),
        },
    }


def team_list_to_api(views: Iterable[TeamView]) -> dict[str, Any]:
    """``{type: "team.list", teams: [...]}``."""
    return {"type": "team.list", "teams": [team_to_api(view) for view in views]}
