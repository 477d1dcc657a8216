"""createArticle: POST /articles."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error

AUTHOR_MISSING = "author_id must be in the main body or default locale translated_content object"
STATISTICS = {
    "type": "article_statistics",
    "views": 0,
    "conversions": 0,
    "conversations": 0,
    "reactions": 0,
    "happy_reaction_percentage": 0,
    "neutral_reaction_percentage": 0,
    "sad_reaction_percentage": 0,
}


def test_create_article(api, workspace, collection, author_id):
    response = api.post(
        "/articles",
        json={
            "title": "Thanks for everything",
            "description": "Description of the Article",
            "body": "Body of the Article",
            "author_id": author_id,
            "state": "published",
            "parent_id": int(collection["id"]),
            "parent_type": "collection",
            "translated_content": {
                "fr": {
                    "title": "Merci pour tout",
                    "description": "Description de l'article",
                    "body": "Corps de l'article",
                    "author_id": author_id,
                    "state": "published",
                }
            },
        },
    )
    assert response.status_code == 200
    body = response.json()
    code = workspace.workspace.id_code
    base = f"https://intercom.help/{code}"
    english = {
        "type": "article_content",
        "title": "Thanks for everything",
        "description": "Description of the Article",
        "body": '<p class="no-margin">Body of the Article</p>',
        "author_id": author_id,
        "state": "published",
        "created_at": START,
        "updated_at": START,
        "url": f"{base}/en/articles/{body['id']}-thanks-for-everything",
    }
    assert body == {
        "id": body["id"],
        "type": "article",
        "workspace_id": code,
        "parent_id": int(collection["id"]),
        "parent_type": "collection",
        "parent_ids": [],
        "statistics": STATISTICS,
        **{key: value for key, value in english.items() if key != "type"},
        "default_locale": "en",
        "translated_content": {
            "type": "article_translated_content",
            "en": english,
            "fr": {
                "type": "article_content",
                "title": "Merci pour tout",
                "description": "Description de l'article",
                "body": '<p class="no-margin">Corps de l\'article</p>',
                "author_id": author_id,
                "state": "published",
                "created_at": START,
                "updated_at": START,
                "url": f"{base}/fr/articles/{body['id']}-merci-pour-tout",
            },
        },
    }
    assert api.get(f"/articles/{body['id']}").json() == body


def test_create_article_defaults(api, author_id):
    body = api.post("/articles", json={"title": "Minimal", "author_id": author_id}).json()
    assert body["state"] == "draft"
    assert (body["description"], body["body"], body["url"]) == ("", "", None)
    assert (body["parent_id"], body["parent_type"], body["parent_ids"]) == (None, None, [])
    assert list(body["translated_content"]) == ["type", "en"]


def test_create_article_in_a_section(api, section, author_id):
    body = api.post(
        "/articles",
        json={"title": "Deep", "author_id": author_id, "parent_id": section["id"]},
    ).json()
    assert (body["parent_id"], body["parent_type"]) == (int(section["id"]), "section")


def test_create_article_author_in_the_default_locale(api, author_id):
    body = api.post(
        "/articles",
        json={"title": "T", "translated_content": {"en": {"author_id": author_id}}},
    ).json()
    assert body["author_id"] == author_id


def test_create_article_title_in_the_default_locale(api, author_id):
    body = api.post(
        "/articles",
        json={"translated_content": {"en": {"title": "Localized", "author_id": author_id}}},
    ).json()
    assert body["title"] == "Localized"


def test_create_article_top_level_wins_over_the_default_locale(api, author_id, bob_id):
    body = api.post(
        "/articles",
        json={
            "title": "Top",
            "author_id": bob_id,
            "translated_content": {"en": {"title": "Inner", "author_id": author_id}},
        },
    ).json()
    assert (body["title"], body["author_id"]) == ("Top", bob_id)


def test_create_article_other_locale_defaults(api, author_id):
    body = api.post(
        "/articles",
        json={
            "title": "T",
            "author_id": author_id,
            "state": "published",
            "translated_content": {"de": {"title": "Deutsch"}},
        },
    ).json()
    german = body["translated_content"]["de"]
    assert (german["author_id"], german["state"], german["url"]) == (author_id, "draft", None)


def test_create_article_html_body_normalised(api, author_id):
    body = api.post(
        "/articles",
        json={"title": "T", "author_id": author_id, "body": "<html><body><b>Hi</b></body></html>"},
    ).json()
    assert body["body"] == '<p class="no-margin"><b>Hi</b></p>'


def test_create_article_without_author(api, stored):
    before = stored()
    body = assert_error(
        api.post(
            "/articles",
            json={
                "title": "Thanks for everything",
                "description": "Description of the Article",
                "body": "Body of the Article",
                "state": "published",
            },
        ),
        400,
        "parameter_not_found",
        AUTHOR_MISSING,
    )
    assert body["errors"][0]["field"] == "author_id"
    assert stored() == before


def test_create_article_author_only_in_another_locale(api, author_id, stored):
    before = stored()
    assert_error(
        api.post(
            "/articles",
            json={"title": "T", "translated_content": {"fr": {"title": "F", "author_id": 1}}},
        ),
        400,
        "parameter_not_found",
        AUTHOR_MISSING,
    )
    assert stored() == before


@pytest.mark.parametrize("title", [None, "", "   "], ids=["null", "empty", "blank"])
def test_create_article_without_title(api, author_id, stored, title):
    before = stored()
    payload = (
        {"author_id": author_id} if title is None else {"title": title, "author_id": author_id}
    )
    assert_error(api.post("/articles", json=payload), 400, "parameter_not_found")
    assert stored() == before


def test_create_article_unknown_author(api, stored, other_workspace):
    before = stored()
    for author in (999999, other_workspace.admin.id, "abc"):
        assert_error(
            api.post("/articles", json={"title": "T", "author_id": author}),
            404,
            "admin_not_found",
            "Admin not found",
        )
    assert stored() == before


@pytest.mark.parametrize(
    ("extra", "status", "code"),
    [
        ({"state": "live"}, 400, "parameter_invalid"),
        ({"parent_id": 999999}, 404, "not_found"),
        ({"parent_id": 1, "parent_type": "folder"}, 400, "parameter_invalid"),
        ({"parent_type": "collection"}, 400, "parameter_not_found"),
        ({"translated_content": {"xx": {"title": "x"}}}, 400, "parameter_invalid"),
        ({"translated_content": {"fr": {"body": "x"}}}, 400, "parameter_not_found"),
        ({"translated_content": {"fr": {"title": "x", "state": "gone"}}}, 400, "parameter_invalid"),
        (
            {"translated_content": {"fr": {"title": "x", "author_id": 999999}}},
            404,
            "admin_not_found",
        ),
        ({"translated_content": {"type": "nope"}}, 400, "parameter_invalid"),
        ({"translated_content": {"fr": {"title": "x", "type": "nope"}}}, 400, "parameter_invalid"),
        ({"title": "x" * 256}, 400, "parameter_invalid"),
        ({"colour": "red"}, 400, "bad_request"),
    ],
    ids=[
        "state",
        "parent",
        "parent-type",
        "parent-type-alone",
        "locale",
        "locale-title",
        "locale-state",
        "locale-author",
        "content-type",
        "locale-type",
        "long-title",
        "unknown-key",
    ],
)
def test_create_article_invalid(api, author_id, stored, extra, status, code):
    before = stored()
    payload = {"title": "T", "author_id": author_id, **extra}
    assert_error(api.post("/articles", json=payload), status, code)
    assert stored() == before


def test_create_article_parent_of_another_workspace(api, author_id, other_headers, stored):
    theirs = api.post(
        "/help_center/collections", json={"name": "Theirs"}, headers=other_headers
    ).json()
    before = stored()
    assert_error(
        api.post(
            "/articles", json={"title": "T", "author_id": author_id, "parent_id": theirs["id"]}
        ),
        404,
        "not_found",
        "Collection not found",
    )
    assert stored() == before


def test_create_article_unauthorized(anonymous):
    assert_error(
        anonymous.post("/articles", json={"title": "T", "author_id": 1}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
