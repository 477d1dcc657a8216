"""searchArticles: GET /articles/search by phrase, state and help center, with highlights."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def _ids(response):
    assert response.status_code == 200, response.text
    return [article["id"] for article in response.json()["data"]["articles"]]


@pytest.fixture
def library(make_article, clock):
    """Three articles: a published guide, a draft, and a French-only match."""
    clock.advance(1)
    guide = make_article(
        "Getting started",
        description="Start here",
        body="<p>Install the app.</p><p>Then invite your team.</p>",
        state="published",
    )
    clock.advance(1)
    draft = make_article("Billing basics", body="Invoices are sent monthly.")
    clock.advance(1)
    french = make_article(
        "Exports",
        state="published",
        translated_content={"fr": {"title": "Exporter vos données", "body": "Fichier CSV"}},
    )
    return {"guide": guide, "draft": draft, "french": french}


def test_search_articles(api, library):
    response = api.get("/articles/search", params={"phrase": "getting started"})
    assert response.status_code == 200
    guide = {k: v for k, v in library["guide"].items() if k != "statistics"}
    assert response.json() == {
        "type": "list",
        "total_count": 1,
        "data": {"articles": [guide], "highlights": []},
        "pages": {"type": "pages", "page": 1, "per_page": 10, "total_pages": 1, "next": None},
    }


def test_search_articles_without_phrase_finds_all_newest_first(api, library):
    ids = _ids(api.get("/articles/search"))
    assert ids == [library["french"]["id"], library["draft"]["id"], library["guide"]["id"]]


def test_search_articles_whole_words_any_case(api, library):
    assert _ids(api.get("/articles/search", params={"phrase": "INVOICES"})) == [
        library["draft"]["id"]
    ]
    assert _ids(api.get("/articles/search", params={"phrase": "invoice"})) == []
    assert _ids(api.get("/articles/search", params={"phrase": "team install"})) == [
        library["guide"]["id"]
    ]
    assert _ids(api.get("/articles/search", params={"phrase": "team billing"})) == []


def test_search_articles_in_description_and_other_locales(api, library):
    assert _ids(api.get("/articles/search", params={"phrase": "here"})) == [library["guide"]["id"]]
    assert _ids(api.get("/articles/search", params={"phrase": "données"})) == [
        library["french"]["id"]
    ]


def test_search_articles_like_wildcards_are_literal(api, library):
    assert _ids(api.get("/articles/search", params={"phrase": "%"})) == _ids(
        api.get("/articles/search")
    )
    assert _ids(api.get("/articles/search", params={"phrase": "get_ting"})) == []


@pytest.mark.parametrize(
    ("state", "expected"),
    [("published", ["guide"]), ("draft", ["draft"]), ("all", ["draft", "guide"])],
)
def test_search_articles_by_state(api, library, state, expected):
    ids = _ids(api.get("/articles/search", params={"phrase": "start billing", "state": state}))
    assert ids == []
    found = set()
    for phrase in ("start", "billing"):
        found |= set(_ids(api.get("/articles/search", params={"phrase": phrase, "state": state})))
    assert found == {library[name]["id"] for name in expected}


def test_search_articles_state_of_the_matching_locale(api, library):
    """The French locale is a draft: its words are found only among drafts."""
    assert _ids(api.get("/articles/search", params={"phrase": "csv", "state": "published"})) == []
    assert _ids(api.get("/articles/search", params={"phrase": "csv", "state": "draft"})) == [
        library["french"]["id"]
    ]


def test_search_articles_bad_state(api):
    assert_error(
        api.get("/articles/search", params={"state": "archived"}),
        400,
        "parameter_invalid",
        "state must be one of published, draft, all",
    )


def test_search_articles_by_help_center(api, make_article, runtime, workspace, library, collection):
    from backchannel.resources.help_center.service import create_help_center

    with runtime.sessions.begin() as session:
        docs = create_help_center(
            session,
            workspace_id=workspace.workspace.id,
            identifier="docs",
            display_name="Docs",
            now=runtime.clock.now(),
        ).id
    docs_collection = api.post(
        "/help_center/collections", json={"name": "API", "help_center_id": docs}
    ).json()
    in_default = make_article("Start in default", parent_id=int(collection["id"]))
    in_docs = make_article("Start in docs", parent_id=int(docs_collection["id"]))
    assert _ids(
        api.get("/articles/search", params={"phrase": "start", "help_center_id": docs})
    ) == [in_docs["id"]]
    assert _ids(
        api.get(
            "/articles/search",
            params={"phrase": "start", "help_center_id": collection["help_center_id"]},
        )
    ) == [in_default["id"]]
    assert_error(
        api.get("/articles/search", params={"help_center_id": "docs"}), 400, "parameter_invalid"
    )


def test_search_articles_highlights(api, library):
    body = api.get("/articles/search", params={"phrase": "Team getting"}).json()
    assert len(body["data"]["articles"]) == 1
    assert body["data"]["highlights"] == []
    body = api.get("/articles/search", params={"phrase": "getting", "highlight": "true"}).json()
    assert body["data"]["highlights"] == [
        {
            "article_id": library["guide"]["id"],
            "highlighted_title": [
                {"type": "highlight", "text": "Getting"},
                {"type": "plain", "text": " started"},
            ],
            "highlighted_summary": [],
        }
    ]
    body = api.get("/articles/search", params={"phrase": "team start", "highlight": True}).json()
    assert body["data"]["highlights"] == [
        {
            "article_id": library["guide"]["id"],
            "highlighted_title": [{"type": "plain", "text": "Getting started"}],
            "highlighted_summary": [
                [{"type": "highlight", "text": "Start"}, {"type": "plain", "text": " here"}],
                [
                    {"type": "plain", "text": "Then invite your "},
                    {"type": "highlight", "text": "team"},
                    {"type": "plain", "text": "."},
                ],
            ],
        }
    ]


def test_search_articles_highlights_the_matching_locale(api, library):
    body = api.get("/articles/search", params={"phrase": "données", "highlight": "true"}).json()
    assert body["data"]["highlights"] == [
        {
            "article_id": library["french"]["id"],
            "highlighted_title": [
                {"type": "plain", "text": "Exporter vos "},
                {"type": "highlight", "text": "données"},
            ],
            "highlighted_summary": [],
        }
    ]


def test_search_articles_highlight_snippet_of_a_long_body(api, make_article):
    long_body = "word " * 100 + "needle " + "word " * 100
    made = make_article("Long", body=long_body.strip())
    body = api.get("/articles/search", params={"phrase": "needle", "highlight": "true"}).json()
    (highlight,) = body["data"]["highlights"]
    assert highlight["article_id"] == made["id"]
    (snippet,) = highlight["highlighted_summary"]
    assert snippet[0]["type"] == "plain" and snippet[0]["text"].startswith("…")
    assert snippet[1] == {"type": "highlight", "text": "needle"}
    assert snippet[2]["text"].endswith("…")
    assert sum(len(fragment["text"]) for fragment in snippet) <= 202


def test_search_articles_pages(api, make_article, clock):
    made = []
    for number in range(3):
        clock.advance(1)
        made.append(make_article(f"Common {number}"))
    first = api.get("/articles/search", params={"phrase": "common", "per_page": 2}).json()
    assert first["total_count"] == 3
    assert [a["id"] for a in first["data"]["articles"]] == [made[2]["id"], made[1]["id"]]
    second = api.get(first["pages"]["next"]).json()
    assert [a["id"] for a in second["data"]["articles"]] == [made[0]["id"]]
    assert second["pages"]["next"] is None


def test_search_articles_only_the_workspaces(api, library, other_headers, other_workspace):
    api.post(
        "/articles",
        json={"title": "Getting started elsewhere", "author_id": other_workspace.admin.id},
        headers=other_headers,
    )
    assert _ids(api.get("/articles/search", params={"phrase": "getting"})) == [
        library["guide"]["id"]
    ]


def test_search_articles_unauthorized(anonymous):
    assert_error(anonymous.get("/articles/search"), 401, "unauthorized", "Access Token Invalid")
