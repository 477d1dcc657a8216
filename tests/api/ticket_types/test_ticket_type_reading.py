"""The reading API tickets build on: get_ticket_type, attributes_of, list_items_of."""

from __future__ import annotations

import pytest

from backchannel.resources.ticket_types import service


def test_get_ticket_type_row(api, runtime, workspace, ticket_type):
    with runtime.engine.connect() as connection:
        row = service.get_ticket_type(
            connection, workspace_id=workspace.workspace.id, ticket_type_id=ticket_type["id"]
        )
    assert (row.id, row.name, row.category, row.archived) == (
        int(ticket_type["id"]),
        "Bug Report",
        "Customer",
        False,
    )


def test_get_ticket_type_other_workspace(api, runtime, other_workspace, ticket_type):
    with runtime.sessions() as session, pytest.raises(service.TicketTypeNotFound):
        service.get_ticket_type(
            session, workspace_id=other_workspace.workspace.id, ticket_type_id=ticket_type["id"]
        )


def test_attributes_of(api, runtime, ticket_type, make_attribute):
    priority = make_attribute("Priority", "list", list_items="Low,High")
    archived = make_attribute("Old")
    path = f"/ticket_types/{ticket_type['id']}/attributes"
    api.put(f"{path}/{archived['id']}", json={"archived": True})
    api.put(f"{path}/{priority['id']}", json={"list_items": "High"})
    with runtime.sessions() as session:
        active = service.attributes_of(session, ticket_type_id=int(ticket_type["id"]))
        every = service.attributes_of(
            session, ticket_type_id=int(ticket_type["id"]), include_archived=True
        )
    assert [a.name for a in active] == ["_default_title_", "_default_description_", "Priority"]
    assert [a.name for a in every] == [a.name for a in active] + ["Old"]
    assert [item.label for item in service.list_items_of(active[2])] == ["High"]
    assert [
        (item.label, item.archived)
        for item in service.list_items_of(active[2], include_archived=True)
    ] == [("High", False), ("Low", True)]
    assert service.list_items_of(active[0]) == []
