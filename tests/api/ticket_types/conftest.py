"""Setup shared by the ticket type tests: a ticket type made through the API, the expected
default attributes, and a snapshot of the stored rows (to show a refused request changed
nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from backchannel.db.tables import TicketType, TicketTypeAttribute
from backchannel.provisioning import NewWorkspace
from backchannel.runtime import Runtime
from tests.conftest import START

ICON = "\U0001f39f\ufe0f"


def default_attributes(
    workspace: NewWorkspace, ticket_type_id: int, *, first_id: int, at: int = START
) -> list[dict[str, Any]]:
    """The two attributes every new ticket type has, as the recorded examples show them."""
    common = {
        "type": "ticket_type_attribute",
        "workspace_id": workspace.workspace.id_code,
        "description": "",
        "data_type": "string",
        "required_to_create": False,
        "required_to_create_for_contacts": False,
        "visible_on_create": True,
        "visible_to_contacts": True,
        "default": True,
        "ticket_type_id": ticket_type_id,
        "archived": False,
        "created_at": at,
        "updated_at": at,
    }
    return [
        {
            **common,
            "id": str(first_id),
            "name": "_default_title_",
            "input_options": {"multiline": False},
            "order": 0,
        },
        {
            **common,
            "id": str(first_id + 1),
            "name": "_default_description_",
            "input_options": {"multiline": True},
            "order": 1,
        },
    ]


@pytest.fixture
def ticket_type(api: TestClient) -> dict[str, Any]:
    """A Customer ticket type, "Bug Report", made through the API."""
    response = api.post(
        "/ticket_types", json={"name": "Bug Report", "description": "Bug Report Template"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def make_attribute(api: TestClient, ticket_type: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    """Add an attribute to ``ticket_type`` through the API; returns it."""

    def make(name: str, data_type: str = "string", **fields: Any) -> dict[str, Any]:
        payload = {"name": name, "description": f"{name} description", "data_type": data_type}
        response = api.post(
            f"/ticket_types/{ticket_type['id']}/attributes", json={**payload, **fields}
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return make


@pytest.fixture
def stored(runtime: Runtime) -> Callable[[], tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Every stored ticket type and attribute, as tuples of their columns."""

    def read() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        with runtime.sessions() as session:
            types = session.execute(select(TicketType.__table__).order_by(TicketType.id))
            attributes = session.execute(
                select(TicketTypeAttribute.__table__).order_by(TicketTypeAttribute.id)
            )
            return [tuple(row) for row in types], [tuple(row) for row in attributes]

    return read


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
