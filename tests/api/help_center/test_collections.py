"""Collections and sections: createCollection, retrieveCollection, updateCollection,
deleteCollection, listAllCollections."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import START, assert_error


def _expected(workspace, help_center, collection_id, name, *, order=1, at=START, **extra):
    code = workspace.workspace.id_code
    body = {
        "id": str(collection_id),
        "workspace_id": code,
        "name": name,
        "url": f"https://intercom.help/{code}/en/collections/{collection_id}-"
        + name.lower().replace(" ", "-"),
        "order": order,
        "created_at": at,
        "updated_at": at,
        "description": "",
        "icon": "book-bookmark",
        "parent_id": None,
        "help_center_id": int(help_center["id"]),
        "default_locale": "en",
        "translated_content": {
            "type": "group_translated_content",
            "en": {"type": "group_content", "name": name, "description": ""},
        },
    }
    body.update(extra)
    return body


# --- createCollection ---------------------------------------------------------------------


def test_create_collection(api, workspace, help_center):
    response = api.post("/help_center/collections", json={"name": "Thanks for everything"})
    assert response.status_code == 200
    body = response.json()
    assert body == _expected(workspace, help_center, body["id"], "Thanks for everything")


def test_create_collection_with_translations(api, workspace, help_center):
    body = api.post(
        "/help_center/collections",
        json={
            "name": "Billing",
            "description": "Invoices and plans",
            "translated_content": {
                "type": "group_translated_content",
                "fr": {"type": "group_content", "name": "Facturation", "description": "Factures"},
                "de": {"name": "Abrechnung"},
            },
        },
    ).json()
    assert body["description"] == "Invoices and plans"
    assert body["translated_content"] == {
        "type": "group_translated_content",
        "de": {"type": "group_content", "name": "Abrechnung", "description": ""},
        "en": {"type": "group_content", "name": "Billing", "description": "Invoices and plans"},
        "fr": {"type": "group_content", "name": "Facturation", "description": "Factures"},
    }


def test_create_collection_name_from_the_default_locale(api):
    body = api.post(
        "/help_center/collections",
        json={"translated_content": {"en": {"name": "From locale", "description": "d"}}},
    ).json()
    assert (body["name"], body["description"]) == ("From locale", "d")


def test_create_collection_orders_siblings(api, make_collection):
    first, second = make_collection("One"), make_collection("Two")
    assert (first["order"], second["order"]) == (1, 2)
    section = make_collection("Inside", parent_id=first["id"])
    assert section["order"] == 1


def test_create_section(api, workspace, help_center, make_collection):
    parent = make_collection("Parent")
    response = api.post(
        "/help_center/collections", json={"name": "Section one", "parent_id": parent["id"]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body == _expected(
        workspace,
        help_center,
        body["id"],
        "Section one",
        parent_id=parent["id"],
        help_center_id=None,
    )


def test_create_collection_in_another_help_center(api, second_help_center):
    body = api.post(
        "/help_center/collections", json={"name": "API", "help_center_id": second_help_center}
    ).json()
    assert body["help_center_id"] == second_help_center
    assert body["url"] == f"https://docs.acme.test/en/collections/{body['id']}-api"


@pytest.mark.parametrize(
    "payload",
    [{}, {"description": "Missing required parameter"}, {"name": None}, {"name": "  "}],
    ids=["empty", "description-only", "null", "blank"],
)
def test_create_collection_without_name(api, stored, payload):
    before = stored()
    assert_error(
        api.post("/help_center/collections", json=payload),
        400,
        "parameter_not_found",
        "Name is a required parameter.",
    )
    assert stored() == before


def test_create_collection_unknown_help_center(api, stored):
    before = stored()
    assert_error(
        api.post("/help_center/collections", json={"name": "x", "help_center_id": 999999}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert stored() == before


def test_create_collection_help_center_of_another_workspace(api, other_headers, stored):
    theirs = api.get("/help_center/help_centers", headers=other_headers).json()["data"][0]
    before = stored()
    assert_error(
        api.post("/help_center/collections", json={"name": "x", "help_center_id": theirs["id"]}),
        404,
        "not_found",
    )
    assert stored() == before


def test_create_collection_unknown_parent(api, stored):
    before = stored()
    body = assert_error(
        api.post("/help_center/collections", json={"name": "x", "parent_id": "999999"}),
        404,
        "not_found",
        "Collection not found",
    )
    assert body["errors"][0]["field"] == "parent_id"
    assert stored() == before


def test_create_collection_parent_of_another_workspace(api, other_headers, stored):
    theirs = api.post(
        "/help_center/collections", json={"name": "Theirs"}, headers=other_headers
    ).json()
    before = stored()
    assert_error(
        api.post("/help_center/collections", json={"name": "x", "parent_id": theirs["id"]}),
        404,
        "not_found",
    )
    assert stored() == before


def test_create_collection_parent_in_another_help_center(api, make_collection, second_help_center):
    parent = make_collection("Default's")
    assert_error(
        api.post(
            "/help_center/collections",
            json={"name": "x", "parent_id": parent["id"], "help_center_id": second_help_center},
        ),
        400,
        "parameter_invalid",
    )


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"name": "x", "translated_content": {"xx": {"name": "y"}}}, "parameter_invalid"),
        ({"name": "x", "translated_content": {"fr": {"description": "y"}}}, "parameter_not_found"),
        ({"name": "x", "translated_content": {"type": "wrong"}}, "parameter_invalid"),
        ({"name": "x", "translated_content": {"fr": "text"}}, "parameter_invalid"),
        ({"name": "x" * 256}, "parameter_invalid"),
        ({"name": "x", "icon": "folder"}, "bad_request"),
        ({"name": 5}, "parameter_invalid"),
    ],
    ids=["locale", "locale-name", "type", "not-object", "long", "unknown-key", "type-of-name"],
)
def test_create_collection_invalid(api, stored, payload, code):
    before = stored()
    assert_error(api.post("/help_center/collections", json=payload), 400, code)
    assert stored() == before


# --- retrieveCollection -------------------------------------------------------------------


def test_retrieve_collection(api, make_collection):
    made = make_collection("Read me", description="About reading")
    response = api.get(f"/help_center/collections/{made['id']}")
    assert response.status_code == 200
    assert response.json() == made


@pytest.mark.parametrize("collection_id", ["999999", "abc", "0"])
def test_retrieve_collection_not_found(api, collection_id):
    assert_error(
        api.get(f"/help_center/collections/{collection_id}"),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_retrieve_collection_of_another_workspace(api, other_headers):
    theirs = api.post("/help_center/collections", json={"name": "T"}, headers=other_headers)
    assert_error(
        api.get(f"/help_center/collections/{theirs.json()['id']}"),
        404,
        "not_found",
        "Resource Not Found",
    )


# --- updateCollection ---------------------------------------------------------------------


def test_update_collection(api, workspace, help_center, make_collection, clock):
    made = make_collection("Old name")
    clock.advance(30)
    response = api.put(
        f"/help_center/collections/{made['id']}", json={"name": "Update collection name"}
    )
    assert response.status_code == 200
    assert response.json() == _expected(
        workspace,
        help_center,
        made["id"],
        "Update collection name",
        updated_at=START + 30,
    )
    assert api.get(f"/help_center/collections/{made['id']}").json() == response.json()


def test_update_collection_translations(api, make_collection):
    made = make_collection(
        "Billing", translated_content={"fr": {"name": "Facturation"}, "de": {"name": "Abr"}}
    )
    body = api.put(
        f"/help_center/collections/{made['id']}",
        json={
            "description": "New",
            "translated_content": {
                "fr": {"description": "Nouveau"},
                "de": None,
                "es": {"name": "Facturación"},
                "en": {"name": "Invoices"},
            },
        },
    ).json()
    assert body["name"] == "Invoices"
    assert body["description"] == "New"
    assert body["translated_content"] == {
        "type": "group_translated_content",
        "en": {"type": "group_content", "name": "Invoices", "description": "New"},
        "es": {"type": "group_content", "name": "Facturación", "description": ""},
        "fr": {"type": "group_content", "name": "Facturation", "description": "Nouveau"},
    }


def test_update_collection_moves_it(api, make_collection):
    parent, child = make_collection("Parent"), make_collection("Child")
    moved = api.put(f"/help_center/collections/{child['id']}", json={"parent_id": parent["id"]})
    assert (moved.json()["parent_id"], moved.json()["help_center_id"]) == (parent["id"], None)
    back = api.put(f"/help_center/collections/{child['id']}", json={"parent_id": None}).json()
    assert back["parent_id"] is None
    assert back["help_center_id"] == parent["help_center_id"]


def test_update_collection_moves_sections_across_help_centers(
    api, make_collection, second_help_center
):
    top = make_collection("Top")
    section = make_collection("Section", parent_id=top["id"])
    target = make_collection("Target", help_center_id=second_help_center)
    api.put(f"/help_center/collections/{top['id']}", json={"parent_id": target["id"]})
    detached = api.put(f"/help_center/collections/{section['id']}", json={"parent_id": None})
    assert detached.json()["help_center_id"] == second_help_center


def test_update_collection_into_its_own_section(api, make_collection, stored):
    top = make_collection("Top")
    section = make_collection("Section", parent_id=top["id"])
    before = stored()
    for target in (top["id"], section["id"]):
        assert_error(
            api.put(f"/help_center/collections/{top['id']}", json={"parent_id": target}),
            400,
            "parameter_invalid",
            "A collection cannot be moved into itself or one of its sections",
        )
    assert stored() == before


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"name": " "}, 400, "parameter_not_found"),
        ({"translated_content": {"en": None}}, 400, "parameter_invalid"),
        ({"translated_content": {"zz": {"name": "x"}}}, 400, "parameter_invalid"),
        ({"translated_content": {"fr": {"description": "x"}}}, 400, "parameter_not_found"),
        ({"parent_id": "999999"}, 404, "not_found"),
        ({"help_center_id": 1}, 400, "bad_request"),
    ],
    ids=["blank-name", "drop-default", "locale", "new-locale-name", "parent", "unknown-key"],
)
def test_update_collection_invalid(api, make_collection, stored, payload, status, code):
    made = make_collection("Keep")
    before = stored()
    assert_error(api.put(f"/help_center/collections/{made['id']}", json=payload), status, code)
    assert stored() == before


def test_update_collection_not_found(api, other_headers):
    assert_error(
        api.put("/help_center/collections/999999", json={"name": "x"}),
        404,
        "not_found",
        "Resource Not Found",
    )
    theirs = api.post("/help_center/collections", json={"name": "T"}, headers=other_headers)
    assert_error(
        api.put(f"/help_center/collections/{theirs.json()['id']}", json={"name": "x"}),
        404,
        "not_found",
    )


# --- deleteCollection ---------------------------------------------------------------------


def test_delete_collection(api, make_collection):
    made = make_collection("Doomed")
    response = api.delete(f"/help_center/collections/{made['id']}")
    assert response.status_code == 200
    assert response.json() == {"id": made["id"], "object": "collection", "deleted": True}
    assert_error(api.get(f"/help_center/collections/{made['id']}"), 404, "not_found")
    assert_error(api.delete(f"/help_center/collections/{made['id']}"), 404, "not_found")


def test_delete_collection_deletes_its_sections_and_detaches_articles(
    api, make_collection, workspace
):
    top = make_collection("Top")
    section = make_collection("Section", parent_id=top["id"])
    deeper = make_collection("Deeper", parent_id=section["id"])
    kept = make_collection("Kept")
    author = workspace.admin.id
    in_top = api.post(
        "/articles", json={"title": "A", "author_id": author, "parent_id": int(top["id"])}
    ).json()
    in_deeper = api.post(
        "/articles", json={"title": "B", "author_id": author, "parent_id": int(deeper["id"])}
    ).json()
    in_kept = api.post(
        "/articles", json={"title": "C", "author_id": author, "parent_id": int(kept["id"])}
    ).json()

    api.delete(f"/help_center/collections/{top['id']}")

    for gone in (top, section, deeper):
        assert_error(api.get(f"/help_center/collections/{gone['id']}"), 404, "not_found")
    for article in (in_top, in_deeper):
        after = api.get(f"/articles/{article['id']}").json()
        assert (after["parent_id"], after["parent_type"]) == (None, None)
    assert api.get(f"/articles/{in_kept['id']}").json()["parent_id"] == int(kept["id"])
    listed = api.get("/help_center/collections").json()
    assert [c["id"] for c in listed["data"]] == [kept["id"]]


def test_delete_collection_not_found(api, other_headers, stored):
    theirs = api.post("/help_center/collections", json={"name": "T"}, headers=other_headers)
    before = stored()
    for collection_id in ("999999", "abc", theirs.json()["id"]):
        assert_error(
            api.delete(f"/help_center/collections/{collection_id}"),
            404,
            "not_found",
            "Resource Not Found",
        )
    assert stored() == before


# --- listAllCollections -------------------------------------------------------------------


def test_list_all_collections(api, make_collection, clock):
    made = []
    for name in ("First", "Second", "Third"):
        clock.advance(1)
        made.append(make_collection(name))
    clock.advance(1)
    made[0] = api.put(f"/help_center/collections/{made[0]['id']}", json={"name": "Again"}).json()
    response = api.get("/help_center/collections")
    assert response.status_code == 200
    assert response.json() == {
        "type": "list",
        "data": [made[0], made[2], made[1]],
        "total_count": 3,
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1, "next": None},
    }


def test_list_all_collections_empty(api):
    assert api.get("/help_center/collections").json() == {
        "type": "list",
        "data": [],
        "total_count": 0,
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 0, "next": None},
    }


def test_list_all_collections_pages(api, make_collection, clock):
    made = []
    for number in range(5):
        clock.advance(1)
        made.append(make_collection(f"C{number}"))
    made.reverse()
    first = api.get("/help_center/collections", params={"per_page": 2}).json()
    assert [c["id"] for c in first["data"]] == [c["id"] for c in made[:2]]
    assert (first["total_count"], first["pages"]["total_pages"]) == (5, 3)
    link = urlsplit(first["pages"]["next"])
    assert link.path == "/help_center/collections"
    assert parse_qs(link.query) == {"page": ["2"], "per_page": ["2"]}
    second = api.get(first["pages"]["next"]).json()
    assert [c["id"] for c in second["data"]] == [c["id"] for c in made[2:4]]
    third = api.get(second["pages"]["next"]).json()
    assert [c["id"] for c in third["data"]] == [made[4]["id"]]
    assert third["pages"]["next"] is None
    past = api.get("/help_center/collections", params={"page": 9, "per_page": 2}).json()
    assert (past["data"], past["total_count"]) == ([], 5)


def test_list_all_collections_bad_page(api):
    assert_error(
        api.get("/help_center/collections", params={"page": "two"}), 400, "parameter_invalid"
    )


def test_list_all_collections_only_the_workspaces(api, make_collection, other_headers):
    mine = make_collection("Mine")
    api.post("/help_center/collections", json={"name": "Theirs"}, headers=other_headers)
    listed = api.get("/help_center/collections").json()
    assert [c["id"] for c in listed["data"]] == [mine["id"]]


def test_collections_unauthorized(anonymous):
    for method, path in (
        ("GET", "/help_center/collections"),
        ("POST", "/help_center/collections"),
        ("GET", "/help_center/collections/1"),
        ("PUT", "/help_center/collections/1"),
        ("DELETE", "/help_center/collections/1"),
    ):
        assert_error(
            anonymous.request(method, path, json={"name": "x"}),
            401,
            "unauthorized",
            "Access Token Invalid",
        )
