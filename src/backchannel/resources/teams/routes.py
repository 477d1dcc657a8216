"""Team operations: ``GET /teams`` and ``GET /teams/{id}``."""

from __future__ import annotations

from typing import Any

from backchannel.core.http import Context, Operation
from backchannel.resources.teams import serializers, service

__all__ = ["OPERATIONS"]


def list_teams(ctx: Context) -> dict[str, Any]:
    """``GET /teams``: every team of the workspace (``team.list``)."""
    return serializers.team_list_to_api(service.list_teams(ctx.db, workspace_id=ctx.workspace_id))


def retrieve_team(ctx: Context, id: str) -> dict[str, Any]:
    """``GET /teams/{id}``: one team; 404 ``team_not_found`` otherwise."""
    view = service.get_team(ctx.db, workspace_id=ctx.workspace_id, team_id=id)
    return serializers.team_to_api(view)


OPERATIONS: list[Operation] = [
    Operation("GET", "/teams", list_teams, operation_id="listTeams"),
    Operation("GET", "/teams/{id}", retrieve_team, operation_id="retrieveTeam"),
]
