"""The ``tags`` summary on contacts, and taggings through contact merge and delete."""

from __future__ import annotations

from tests.conftest import assert_error


def _tag(api, name, contact):
    return api.post("/tags", json={"name": name, "users": [{"id": contact["id"]}]}).json()


def test_contact_tags_summary(api, make_contact, clock):
    contact = make_contact(email="a@x.test")
    first = _tag(api, "First", contact)
    clock.advance(1)
    second = _tag(api, "Second", contact)
    summary = api.get(f"/contacts/{contact['id']}").json()["tags"]
    assert summary == {
        "type": "list",
        "data": [
            {"type": "tag", "id": first["id"], "url": f"/tags/{first['id']}"},
            {"type": "tag", "id": second["id"], "url": f"/tags/{second['id']}"},
        ],
        "url": f"/contacts/{contact['id']}/tags",
        "total_count": 2,
        "has_more": False,
    }


def test_contact_tags_summary_shows_ten(api, make_contact, clock):
    contact = make_contact(email="a@x.test")
    made = []
    for number in range(12):
        clock.advance(1)
        made.append(_tag(api, f"T{number}", contact)["id"])
    summary = api.get(f"/contacts/{contact['id']}").json()["tags"]
    assert [item["id"] for item in summary["data"]] == made[:10]
    assert summary["total_count"] == 12
    assert summary["has_more"] is True
    assert len(api.get(f"/contacts/{contact['id']}/tags").json()["data"]) == 12


def test_contact_tags_summary_in_lists_and_search(api, make_contact):
    tagged = make_contact(email="a@x.test")
    plain = make_contact(email="b@x.test")
    tag = _tag(api, "Listed", tagged)
    by_id = {c["id"]: c for c in api.get("/contacts").json()["data"]}
    assert [t["id"] for t in by_id[tagged["id"]]["tags"]["data"]] == [tag["id"]]
    assert by_id[plain["id"]]["tags"]["total_count"] == 0
    found = api.post(
        "/contacts/search", json={"query": {"field": "email", "operator": "=", "value": "a@x.test"}}
    ).json()
    assert found["data"][0]["tags"]["total_count"] == 1


def test_contact_tags_summary_empty(api, make_contact):
    contact = make_contact(email="a@x.test")
    assert api.get(f"/contacts/{contact['id']}").json()["tags"] == {
        "type": "list",
        "data": [],
        "url": f"/contacts/{contact['id']}/tags",
        "total_count": 0,
        "has_more": False,
    }


def test_merge_contact_moves_tags_without_duplicates(api, make_contact, taggings):
    lead = make_contact(role="lead")
    user = make_contact(email="u@x.test")
    shared = _tag(api, "Shared", lead)
    _tag(api, "Shared", user)
    only_lead = _tag(api, "Lead only", lead)
    only_user = _tag(api, "User only", user)
    merged = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}).json()
    assert merged["tags"]["total_count"] == 3
    listed = api.get(f"/contacts/{user['id']}/tags").json()["data"]
    assert sorted(t["id"] for t in listed) == sorted(
        [shared["id"], only_lead["id"], only_user["id"]]
    )
    assert {target for _, target in taggings("contact")} == {user["id"]}
    assert len(taggings("contact")) == 3


def test_merge_contact_keeps_when_the_lead_tag_was_applied(api, make_contact, clock):
    lead = make_contact(role="lead")
    user = make_contact(email="u@x.test")
    tag = _tag(api, "Moved", lead)
    applied_at = clock.now()
    clock.advance(100)
    api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    listed = api.get(f"/contacts/{user['id']}/tags").json()["data"]
    assert [(t["id"], t["applied_at"]) for t in listed] == [(tag["id"], applied_at)]


def test_merge_contact_moved_tags_are_searchable(api, make_contact):
    lead = make_contact(role="lead")
    user = make_contact(email="u@x.test")
    tag = _tag(api, "Moved", lead)
    api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    found = api.post(
        "/contacts/search", json={"query": {"field": "tag_id", "operator": "=", "value": tag["id"]}}
    ).json()
    assert [c["id"] for c in found["data"]] == [user["id"]]


def test_delete_contact_drops_its_taggings(api, make_contact, taggings):
    gone = make_contact(email="gone@x.test")
    kept = make_contact(email="kept@x.test")
    tag = api.post(
        "/tags", json={"name": "Both", "users": [{"id": gone["id"]}, {"id": kept["id"]}]}
    ).json()
    assert api.delete(f"/contacts/{gone['id']}").status_code == 200
    assert taggings("contact") == {(int(tag["id"]), kept["id"])}
    assert_error(api.get(f"/contacts/{gone['id']}/tags"), 404, "not_found", "User Not Found")
    assert api.get(f"/contacts/{kept['id']}").json()["tags"]["total_count"] == 1


def test_delete_archived_contact_drops_its_taggings(api, make_contact, taggings):
    contact = make_contact(email="a@x.test")
    _tag(api, "Archived", contact)
    api.post(f"/contacts/{contact['id']}/archive")
    assert api.delete(f"/contacts/{contact['id']}").status_code == 200
    assert taggings("contact") == set()
