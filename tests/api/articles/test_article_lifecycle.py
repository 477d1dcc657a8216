"""retrieveArticle, updateArticle and deleteArticle."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error

# --- retrieveArticle ----------------------------------------------------------------------


def test_retrieve_article(api, make_article):
    made = make_article(state="published")
    response = api.get(f"/articles/{made['id']}")
    assert response.status_code == 200
    assert response.json() == made
    assert response.json()["statistics"]["views"] == 0


@pytest.mark.parametrize("article_id", ["999999", "abc", "0"])
def test_retrieve_article_not_found(api, article_id):
    assert_error(api.get(f"/articles/{article_id}"), 404, "not_found", "Resource Not Found")


def test_retrieve_article_of_another_workspace(api, other_headers, other_workspace):
    theirs = api.post(
        "/articles",
        json={"title": "Theirs", "author_id": other_workspace.admin.id},
        headers=other_headers,
    ).json()
    assert_error(api.get(f"/articles/{theirs['id']}"), 404, "not_found", "Resource Not Found")


# --- updateArticle ------------------------------------------------------------------------


def test_update_article(api, workspace, make_article, clock):
    made = make_article("Old", state="published")
    clock.advance(10)
    response = api.put(
        f"/articles/{made['id']}",
        json={
            "title": "Christmas is here!",
            "body": "<p>New gifts in store for the jolly season</p>",
        },
    )
    assert response.status_code == 200
    body = response.json()
    url = (
        f"https://intercom.help/{workspace.workspace.id_code}/en/articles/"
        f"{made['id']}-christmas-is-here"
    )
    english = {
        **made["translated_content"]["en"],
        "title": "Christmas is here!",
        "body": '<p class="no-margin">New gifts in store for the jolly season</p>',
        "updated_at": START + 10,
        "url": url,
    }
    assert body == {
        **made,
        "title": "Christmas is here!",
        "body": '<p class="no-margin">New gifts in store for the jolly season</p>',
        "updated_at": START + 10,
        "url": url,
        "translated_content": {"type": "article_translated_content", "en": english},
    }
    assert body["state"] == "published"
    assert api.get(f"/articles/{made['id']}").json() == body


def test_update_article_keeps_a_draft_a_draft(api, make_article):
    made = make_article()
    body = api.put(f"/articles/{made['id']}", json={"title": "Still draft"}).json()
    assert (body["state"], body["url"]) == ("draft", None)


def test_update_article_publishes(api, make_article):
    made = make_article()
    body = api.put(f"/articles/{made['id']}", json={"state": "published"}).json()
    assert body["state"] == "published"
    assert body["url"].endswith(f"/en/articles/{made['id']}-this-is-the-article-title")


def test_update_article_author_and_parent(api, make_article, bob_id, collection, section):
    made = make_article(parent_id=int(collection["id"]))
    body = api.put(
        f"/articles/{made['id']}", json={"author_id": bob_id, "parent_id": section["id"]}
    ).json()
    assert (body["author_id"], body["parent_id"], body["parent_type"]) == (
        bob_id,
        int(section["id"]),
        "section",
    )
    standalone = api.put(f"/articles/{made['id']}", json={"parent_id": None}).json()
    assert (standalone["parent_id"], standalone["parent_type"]) == (None, None)


def test_update_article_translations(api, make_article, clock, bob_id, author_id):
    made = make_article(
        "Hello",
        translated_content={"fr": {"title": "Bonjour"}, "de": {"title": "Hallo"}},
    )
    clock.advance(5)
    body = api.put(
        f"/articles/{made['id']}",
        json={
            "translated_content": {
                "fr": {"body": "Corps", "state": "published", "author_id": bob_id},
                "de": None,
                "es": {"title": "Hola"},
            }
        },
    ).json()
    content = body["translated_content"]
    assert list(content) == ["type", "en", "es", "fr"]
    assert content["fr"]["title"] == "Bonjour"
    assert content["fr"]["body"] == '<p class="no-margin">Corps</p>'
    assert (content["fr"]["state"], content["fr"]["author_id"]) == ("published", bob_id)
    assert content["fr"]["created_at"] == START
    assert content["fr"]["updated_at"] == START + 5
    assert content["fr"]["url"].endswith(f"/fr/articles/{made['id']}-bonjour")
    assert content["es"] == {
        "type": "article_content",
        "title": "Hola",
        "description": "",
        "body": "",
        "author_id": author_id,
        "state": "draft",
        "created_at": START + 5,
        "updated_at": START + 5,
        "url": None,
    }
    assert body["updated_at"] == START + 5


def test_update_article_default_locale_in_translated_content(api, make_article):
    made = make_article("Hello")
    body = api.put(
        f"/articles/{made['id']}", json={"translated_content": {"en": {"title": "Hi"}}}
    ).json()
    assert body["title"] == "Hi"


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"title": " "}, 400, "parameter_not_found"),
        ({"state": "archived"}, 400, "parameter_invalid"),
        ({"author_id": 999999}, 404, "admin_not_found"),
        ({"parent_id": "999999"}, 404, "not_found"),
        ({"parent_type": "folder"}, 400, "parameter_invalid"),
        ({"translated_content": {"en": None}}, 400, "parameter_invalid"),
        ({"translated_content": {"qq": {"title": "x"}}}, 400, "parameter_invalid"),
        ({"translated_content": {"fr": {"body": "x"}}}, 400, "parameter_not_found"),
        ({"id": "1"}, 400, "bad_request"),
    ],
    ids=[
        "blank-title",
        "state",
        "author",
        "parent",
        "parent-type",
        "drop-default",
        "locale",
        "new-locale-title",
        "unknown-key",
    ],
)
def test_update_article_invalid(api, make_article, stored, payload, status, code):
    made = make_article(translated_content={"de": {"title": "Hallo"}})
    before = stored()
    assert_error(api.put(f"/articles/{made['id']}", json=payload), status, code)
    assert stored() == before


def test_update_article_not_found(api, other_headers, other_workspace):
    assert_error(
        api.put("/articles/999999", json={"title": "x"}), 404, "not_found", "Resource Not Found"
    )
    theirs = api.post(
        "/articles",
        json={"title": "Theirs", "author_id": other_workspace.admin.id},
        headers=other_headers,
    ).json()
    assert_error(api.put(f"/articles/{theirs['id']}", json={"title": "x"}), 404, "not_found")


# --- deleteArticle ------------------------------------------------------------------------


def test_delete_article(api, make_article, stored):
    made = make_article(translated_content={"fr": {"title": "Bonjour"}})
    response = api.delete(f"/articles/{made['id']}")
    assert response.status_code == 200
    assert response.json() == {"id": made["id"], "object": "article", "deleted": True}
    assert stored() == [[], []]
    assert_error(api.get(f"/articles/{made['id']}"), 404, "not_found")


def test_delete_article_not_found(api, make_article, stored, other_headers, other_workspace):
    make_article()
    theirs = api.post(
        "/articles",
        json={"title": "Theirs", "author_id": other_workspace.admin.id},
        headers=other_headers,
    ).json()
    before = stored()
    for article_id in ("999999", "abc", theirs["id"]):
        assert_error(api.delete(f"/articles/{article_id}"), 404, "not_found", "Resource Not Found")
    assert stored() == before


def test_article_operations_unauthorized(anonymous):
    for method in ("GET", "PUT", "DELETE"):
        assert_error(
            anonymous.request(method, "/articles/1", json={}),
            401,
            "unauthorized",
            "Access Token Invalid",
        )
