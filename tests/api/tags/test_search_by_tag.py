"""SearchContacts on ``tag_id``: ``=`` and ``!=`` over the contacts' taggings."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def _search(api, query, **extra):
    response = api.post("/contacts/search", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    return {contact["id"] for contact in response.json()["data"]}


def _on(op, value):
    return {"field": "tag_id", "operator": op, "value": value}


@pytest.fixture
def tagged(api, make_contact):
    """Three contacts: ``both`` has tags A and B, ``only_a`` has A, ``none`` has no tag."""
    both = make_contact(email="both@x.test")["id"]
    only_a = make_contact(email="a@x.test")["id"]
    none = make_contact(email="none@x.test")["id"]
    a = api.post("/tags", json={"name": "A", "users": [{"id": both}, {"id": only_a}]}).json()
    b = api.post("/tags", json={"name": "B", "users": [{"id": both}]}).json()
    unused = api.post("/tags", json={"name": "Unused"}).json()
    return {
        "both": both,
        "only_a": only_a,
        "none": none,
        "a": a["id"],
        "b": b["id"],
        "unused": unused["id"],
    }


def test_search_by_tag_equals(api, tagged):
    assert _search(api, _on("=", tagged["a"])) == {tagged["both"], tagged["only_a"]}
    assert _search(api, _on("=", tagged["b"])) == {tagged["both"]}
    assert _search(api, _on("=", tagged["unused"])) == set()


def test_search_by_tag_integer_value(api, tagged):
    assert _search(api, _on("=", int(tagged["b"]))) == {tagged["both"]}
    assert _search(api, _on("!=", int(tagged["b"]))) == {tagged["only_a"], tagged["none"]}


def test_search_by_tag_not_equals(api, tagged):
    assert _search(api, _on("!=", tagged["a"])) == {tagged["none"]}
    assert _search(api, _on("!=", tagged["unused"])) == {
        tagged["both"],
        tagged["only_a"],
        tagged["none"],
    }


def test_search_by_tag_unknown_or_malformed_id(api, tagged):
    everyone = {tagged["both"], tagged["only_a"], tagged["none"]}
    for value in ("999999", "abc", "0"):
        assert _search(api, _on("=", value)) == set()
        assert _search(api, _on("!=", value)) == everyone


def test_search_by_tag_null(api, tagged):
    assert _search(api, _on("=", None)) == {tagged["none"]}
    assert _search(api, _on("!=", None)) == {tagged["both"], tagged["only_a"]}


def test_search_by_tag_combined(api, tagged):
    query = {"operator": "AND", "value": [_on("=", tagged["a"]), _on("!=", tagged["b"])]}
    assert _search(api, query) == {tagged["only_a"]}
    query = {
        "operator": "OR",
        "value": [
            _on("=", tagged["b"]),
            {"field": "email", "operator": "=", "value": "none@x.test"},
        ],
    }
    assert _search(api, query) == {tagged["both"], tagged["none"]}


def test_search_by_tag_counts_and_pages(api, tagged):
    first = api.post(
        "/contacts/search", json={"query": _on("=", tagged["a"]), "pagination": {"per_page": 1}}
    ).json()
    assert first["total_count"] == 2
    cursor = first["pages"]["next"]["starting_after"]
    second = api.post(
        "/contacts/search",
        json={
            "query": _on("=", tagged["a"]),
            "pagination": {"per_page": 1, "starting_after": cursor},
        },
    ).json()
    assert {first["data"][0]["id"], second["data"][0]["id"]} == {tagged["both"], tagged["only_a"]}


def test_search_by_tag_ignores_company_taggings(api, tagged, make_company):
    company = make_company("c-1")
    api.post("/tags", json={"name": "Unused", "companies": [{"id": company}]})
    assert _search(api, _on("=", tagged["unused"])) == set()


def test_search_by_tag_after_untagging(api, tagged):
    api.delete(f"/contacts/{tagged['only_a']}/tags/{tagged['a']}")
    assert _search(api, _on("=", tagged["a"])) == {tagged["both"]}


@pytest.mark.parametrize("op", ["IN", "NIN", "~", ">", "<"])
def test_search_by_tag_other_operators(api, tagged, op):
    value = [tagged["a"]] if op in ("IN", "NIN") else tagged["a"]
    assert_error(
        api.post("/contacts/search", json={"query": _on(op, value)}),
        400,
        "parameter_invalid",
        f"The operator '{op}' is not allowed for tag_id (string field)",
    )


def test_search_by_tag_not_sortable(api, tagged):
    body = assert_error(
        api.post(
            "/contacts/search",
            json={"query": _on("=", tagged["a"]), "sort": {"field": "tag_id"}},
        ),
        400,
        "parameter_invalid",
        "tag_id is not a sortable field",
    )
    assert body["errors"][0]["field"] == "sort.field"


def test_search_by_tag_of_another_workspace(api, tagged, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    their_tag = api.post(
        "/tags", json={"name": "T", "users": [{"id": theirs["id"]}]}, headers=other_headers
    ).json()
    assert _search(api, _on("=", their_tag["id"])) == set()
    response = api.post(
        "/contacts/search", json={"query": _on("=", tagged["a"])}, headers=other_headers
    )
    assert response.json()["data"] == []
