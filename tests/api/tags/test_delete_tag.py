"""deleteTag: DELETE /tags/{id}."""

from __future__ import annotations

from tests.conftest import assert_error


def _query_on(tag_id, operator="="):
    return {"field": "tag_id", "operator": operator, "value": tag_id}


def test_delete_tag_answers_an_empty_body(api):
    tag = api.post("/tags", json={"name": "Gone"}).json()
    response = api.delete(f"/tags/{tag['id']}")
    assert response.status_code == 200
    assert response.content == b""
    assert_error(api.get(f"/tags/{tag['id']}"), 404, "not_found", "Resource Not Found")
    assert api.get("/tags").json()["data"] == []


def test_delete_tag_removes_its_taggings(api, make_contact, make_company, taggings):
    contact = make_contact(email="a@x.test")
    company = make_company("c-1")
    tag = api.post("/tags", json={"name": "Gone", "users": [{"id": contact["id"]}]}).json()
    api.post("/tags", json={"name": "Gone", "companies": [{"id": company}]})
    kept = api.post("/tags", json={"name": "Kept", "users": [{"id": contact["id"]}]}).json()
    assert api.delete(f"/tags/{tag['id']}").status_code == 200
    assert taggings("company") == set()
    assert taggings("contact") == {(int(kept["id"]), contact["id"])}
    assert [t["id"] for t in api.get(f"/contacts/{contact['id']}/tags").json()["data"]] == [
        kept["id"]
    ]
    summary = api.get(f"/contacts/{contact['id']}").json()["tags"]
    assert summary["total_count"] == 1


def test_delete_tag_then_create_the_name_again(api):
    tag = api.post("/tags", json={"name": "Again"}).json()
    api.delete(f"/tags/{tag['id']}")
    again = api.post("/tags", json={"name": "again"}).json()
    assert again["id"] != tag["id"]
    assert again["name"] == "again"


def test_delete_tag_used_by_a_segment(api, make_segment):
    tag = api.post("/tags", json={"name": "Segmented"}).json()
    make_segment("Seg 1", _query_on(tag["id"]))
    assert_error(
        api.delete(f"/tags/{tag['id']}"),
        400,
        "tag_has_dependent_objects",
        "Unable to delete Tag with dependent objects. Segments: Seg 1.",
    )
    assert api.get(f"/tags/{tag['id']}").status_code == 200


def test_delete_tag_names_every_blocking_segment(api, make_segment):
    tag = api.post("/tags", json={"name": "Segmented"}).json()
    other = api.post("/tags", json={"name": "Other"}).json()
    make_segment("VIPs", _query_on(int(tag["id"]), "!="))
    make_segment("Unrelated", _query_on(other["id"]))
    nested = {
        "operator": "AND",
        "value": [
            {"field": "role", "operator": "=", "value": "user"},
            {"operator": "OR", "value": [_query_on(tag["id"])]},
        ],
    }
    make_segment("Nested users", nested)
    assert_error(
        api.delete(f"/tags/{tag['id']}"),
        400,
        "tag_has_dependent_objects",
        "Unable to delete Tag with dependent objects. Segments: VIPs, Nested users.",
    )
    assert api.delete(f"/tags/{other['id']}").status_code == 400


def test_delete_tag_segment_keeps_taggings(api, make_contact, make_segment, taggings):
    contact = make_contact(email="a@x.test")
    tag = api.post("/tags", json={"name": "Seg", "users": [{"id": contact["id"]}]}).json()
    make_segment("Seg 1", _query_on(tag["id"]))
    api.delete(f"/tags/{tag['id']}")
    assert taggings("contact") == {(int(tag["id"]), contact["id"])}


def test_delete_tag_segment_of_another_workspace_does_not_block(api, make_segment, other_workspace):
    tag = api.post("/tags", json={"name": "Mine"}).json()
    make_segment("Theirs", _query_on(tag["id"]), target=other_workspace)
    response = api.delete(f"/tags/{tag['id']}")
    assert response.status_code == 200 and response.content == b""
    assert_error(api.get(f"/tags/{tag['id']}"), 404, "not_found", "Resource Not Found")


def test_delete_tag_not_found(api):
    assert_error(api.delete("/tags/999999"), 404, "not_found", "Resource Not Found")
    assert_error(api.delete("/tags/abc"), 404, "not_found", "Resource Not Found")


def test_delete_tag_of_another_workspace(api, other_headers):
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert_error(api.delete(f"/tags/{theirs['id']}"), 404, "not_found", "Resource Not Found")
    assert api.get(f"/tags/{theirs['id']}", headers=other_headers).status_code == 200


def test_delete_tag_unauthorized(anonymous):
    assert_error(anonymous.delete("/tags/1"), 401, "unauthorized", "Access Token Invalid")
