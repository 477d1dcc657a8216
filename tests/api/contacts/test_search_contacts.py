"""SearchContacts: POST /contacts/search through the HTTP API.

The query language itself is covered in tests/unit/core/search and tests/property; these tests
check the operation: visibility rules, paging, sort and the error answers.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.conftest import START, assert_error
from tests.factories import declare_attributes

DAY = 86_400


@pytest.fixture
def people(api, clock):
    """Five contacts created a day apart, with custom attributes."""
    declare_attributes(api, plan="string", seats="integer")
    made = {}
    rows = [
        ("ann@acme.test", "user", {"plan": "pro", "seats": 5}),
        ("bob@acme.test", "user", {"plan": "free", "seats": 1}),
        ("cat@other.test", "lead", {"plan": "pro", "seats": 12}),
        ("dan@other.test", "user", {}),
        ("eve@acme.test", "lead", {"plan": "PRO", "seats": 2}),
    ]
    for email, role, custom in rows:
        body = {"email": email, "role": role, "custom_attributes": custom}
        made[email.split("@")[0]] = api.post("/contacts", json=body).json()
        clock.advance(DAY)
    return made


def _search(api, query, **extra):
    response = api.post("/contacts/search", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def _names(body):
    return [c["email"].split("@")[0] for c in body["data"]]


def test_search_contacts_nested_query(api, people):
    query = {
        "operator": "AND",
        "value": [
            {"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
            {
                "operator": "OR",
                "value": [
                    {"field": "email", "operator": "$", "value": "@acme.test"},
                    {"field": "role", "operator": "=", "value": "lead"},
                ],
            },
        ],
    }
    body = _search(api, query)
    assert body["type"] == "list"
    assert body["total_count"] == 3
    assert _names(body) == ["eve", "cat", "ann"]  # newest first


def test_search_contacts_integer_custom_attribute(api, people):
    body = _search(api, {"field": "custom_attributes.seats", "operator": ">", "value": 4})
    assert sorted(_names(body)) == ["ann", "cat"]


def test_search_contacts_created_at_by_day(api, people):
    # ">" a day means from the start of the next day (BEHAVIOR.md §5.3).
    body = _search(api, {"field": "created_at", "operator": ">", "value": str(START + DAY)})
    assert sorted(_names(body)) == ["cat", "dan", "eve"]
    same_day = _search(api, {"field": "created_at", "operator": "=", "value": START + 3600})
    assert _names(same_day) == ["ann"]


def test_search_contacts_pages_and_sort(api, people):
    query = {"field": "email", "operator": "~", "value": "."}
    sort = {"field": "email", "order": "ascending"}
    first = _search(api, query, pagination={"per_page": 2}, sort=sort)
    assert _names(first) == ["ann", "bob"]
    assert first["pages"]["total_pages"] == 3
    cursor = first["pages"]["next"]["starting_after"]
    second = _search(api, query, pagination={"per_page": 2, "starting_after": cursor}, sort=sort)
    assert _names(second) == ["cat", "dan"]
    assert second["pages"]["page"] == 2
    third = _search(
        api,
        query,
        pagination={"per_page": 2, "starting_after": second["pages"]["next"]["starting_after"]},
        sort=sort,
    )
    assert _names(third) == ["eve"]
    assert "next" not in third["pages"]


def test_search_contacts_hides_archived_and_merged(api, people):
    api.post(f"/contacts/{people['ann']['id']}/archive")
    api.post("/contacts/merge", json={"from": people["cat"]["id"], "into": people["bob"]["id"]})
    body = _search(api, {"field": "role", "operator": "IN", "value": ["user", "lead"]})
    assert sorted(_names(body)) == ["bob", "dan", "eve"]


def test_search_contacts_cursor_from_another_query(api, people):
    first = _search(
        api, {"field": "role", "operator": "=", "value": "user"}, pagination={"per_page": 1}
    )
    cursor = first["pages"]["next"]["starting_after"]
    response = api.post(
        "/contacts/search",
        json={
            "query": {"field": "role", "operator": "=", "value": "lead"},
            "pagination": {"starting_after": cursor},
        },
    )
    assert_error(response, 400, "client_error")


def test_search_contacts_edited_cursor(api, people):
    first = _search(
        api, {"field": "role", "operator": "=", "value": "user"}, pagination={"per_page": 1}
    )
    cursor = first["pages"]["next"]["starting_after"]
    decoded = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    decoded[3] = "not a timestamp"  # [page, fingerprint, total, created_at, id]
    forged = base64.urlsafe_b64encode(json.dumps(decoded).encode()).decode()
    response = api.post(
        "/contacts/search",
        json={
            "query": {"field": "role", "operator": "=", "value": "user"},
            "pagination": {"starting_after": forged},
        },
    )
    assert_error(response, 400, "client_error")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 400, "parameter_not_found"),
        ({"query": {"field": "favourite", "operator": "=", "value": "x"}}, 400, "invalid_field"),
        (
            {"query": {"field": "created_at", "operator": "!=", "value": 1}},
            400,
            "parameter_invalid",
        ),
        (
            {"query": {"field": "created_at", "operator": ">", "value": "soon"}},
            400,
            "parameter_invalid",
        ),
        ({"query": {"field": "email", "operator": "LIKE", "value": "x"}}, 400, "parameter_invalid"),
        (
            {"query": {"field": "tag_id", "operator": "IN", "value": ["1"]}},
            400,
            "parameter_invalid",
        ),
        (
            {
                "query": {"field": "email", "operator": "=", "value": "x"},
                "sort": {"field": "email", "order": "desc"},
            },
            400,
            "invalid_sort_order",
        ),
        (
            {"query": {"field": "email", "operator": "=", "value": "x"}, "extra": 1},
            400,
            "bad_request",
        ),
    ],
    ids=[
        "no-query",
        "unknown-field",
        "date-not-equal",
        "date-word",
        "unknown-operator",
        "tag-only-equality",
        "bad-sort-order",
        "unknown-key",
    ],
)
def test_search_contacts_invalid(api, body, status, code):
    assert_error(api.post("/contacts/search", json=body), status, code)


def test_search_contacts_too_deep(api):
    leaf = {"field": "email", "operator": "=", "value": "x"}
    query = {
        "operator": "AND",
        "value": [{"operator": "OR", "value": [{"operator": "AND", "value": [leaf]}]}],
    }
    assert_error(api.post("/contacts/search", json={"query": query}), 400, "parameter_invalid")


def test_search_contacts_too_many_filters(api):
    leaf = {"field": "email", "operator": "=", "value": "x"}
    query = {"operator": "OR", "value": [leaf] * 16}
    assert_error(api.post("/contacts/search", json={"query": query}), 400, "parameter_invalid")
