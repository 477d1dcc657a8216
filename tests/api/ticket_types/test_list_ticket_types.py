"""listTicketTypes: GET /ticket_types."""

from __future__ import annotations

from tests.api.ticket_types.conftest import default_attributes
from tests.conftest import START


def test_list_ticket_types_empty(api):
    response = api.get("/ticket_types")
    assert response.status_code == 200
    assert response.json() == {"type": "list", "data": []}


def test_list_ticket_types(api, ticket_type, make_attribute, clock):
    make_attribute("name")
    clock.advance(5)
    second = api.post("/ticket_types", json={"name": "Feature", "category": "Tracker"}).json()
    response = api.get("/ticket_types")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    assert [item["id"] for item in body["data"]] == [ticket_type["id"], second["id"]]
    first = body["data"][0]
    assert [a["name"] for a in first["ticket_type_attributes"]["data"]] == [
        "_default_title_",
        "_default_description_",
        "name",
    ]
    assert body["data"][1] == second


def test_list_ticket_types_matches_get(api, ticket_type, make_attribute):
    make_attribute("Priority", "list", list_items="Low,High")
    listed = api.get("/ticket_types").json()["data"]
    assert listed == [api.get(f"/ticket_types/{ticket_type['id']}").json()]


def test_list_ticket_types_includes_archived(api, ticket_type):
    api.put(f"/ticket_types/{ticket_type['id']}", json={"archived": True})
    listed = api.get("/ticket_types").json()["data"]
    assert [(item["id"], item["archived"]) for item in listed] == [(ticket_type["id"], True)]


def test_list_ticket_types_only_the_workspaces_own(api, ticket_type, other_headers, workspace):
    theirs = api.post("/ticket_types", json={"name": "Theirs"}, headers=other_headers).json()
    mine = api.get("/ticket_types").json()["data"]
    assert [item["id"] for item in mine] == [ticket_type["id"]]
    assert mine[0]["ticket_type_attributes"]["data"] == default_attributes(
        workspace, int(ticket_type["id"]), first_id=1, at=START
    )
    other = api.get("/ticket_types", headers=other_headers).json()["data"]
    assert [item["id"] for item in other] == [theirs["id"]]
    assert other[0]["workspace_id"] != mine[0]["workspace_id"]
