"""listTags: GET /tags."""

from __future__ import annotations

from tests.conftest import assert_error


def test_list_tags_empty(api):
    response = api.get("/tags")
    assert response.status_code == 200
    assert response.json() == {"type": "list", "data": []}


def test_list_tags_oldest_first(api):
    made = [api.post("/tags", json={"name": name}).json() for name in ("b", "A", "c")]
    assert api.get("/tags").json() == {"type": "list", "data": made}


def test_list_tags_has_no_applied_fields(api, make_contact):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "x", "users": [{"id": contact["id"]}]}).json()
    assert api.get("/tags").json()["data"] == [{"type": "tag", "id": tag["id"], "name": "x"}]


def test_list_tags_hides_other_workspaces(api, other_headers):
    mine = api.post("/tags", json={"name": "Mine"}).json()
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert api.get("/tags").json()["data"] == [mine]
    assert api.get("/tags", headers=other_headers).json()["data"] == [theirs]


def test_list_tags_unauthorized(anonymous):
    assert_error(anonymous.get("/tags"), 401, "unauthorized", "Access Token Invalid")
