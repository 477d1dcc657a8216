"""Helpers for the segment tests: segments are made through the service (the API has no
create operation), contacts through the API."""

from __future__ import annotations

from typing import Any

import pytest

from backchannel.resources.segments.service import create_segment

DAY = 86_400
DEFAULT_NAMES = ["Active", "All leads", "All users", "New"]


@pytest.fixture
def make_segment(runtime, workspace):
    """``make_segment(name, query, person_type="user", workspace_id=...)`` -> the new id."""

    def make(
        name: str, query: dict[str, Any], person_type: str = "user", workspace_id: int | None = None
    ) -> str:
        with runtime.sessions.begin() as session:
            segment = create_segment(
                session,
                workspace_id=workspace_id or workspace.workspace.id,
                name=name,
                person_type=person_type,
                query=query,
                now=runtime.clock.now(),
                ids=runtime.ids,
            )
            return segment.id

    return make


@pytest.fixture
def default_ids(api) -> dict[str, str]:
    """The ids of the workspace's default segments, by name."""
    return {s["name"]: s["id"] for s in api.get("/segments").json()["segments"]}


def contact(api, **body: Any) -> dict[str, Any]:
    response = api.post("/contacts", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def names(segments: list[dict[str, Any]]) -> list[str]:
    return [segment["name"] for segment in segments]


def pred(field: str, op: str, value: Any) -> dict[str, Any]:
    return {"field": field, "operator": op, "value": value}
