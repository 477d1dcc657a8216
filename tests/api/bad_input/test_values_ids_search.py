"""Values at the edges: unicode read back exactly, NUL refused on every store, numbers
beyond 64 bits, malformed ids in paths, invalid search queries and pagination cursors.
Each refused request is an ``error.list`` (never a 500) that changes no stored row."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import assert_error

NUL = "Strings must not contain NUL (\\u0000) characters"
TEXTS = [
    "😀 👩‍👩‍👧 🇫🇷",  # astral plane, a ZWJ sequence, a flag
    "שלום עולם مرحبا",  # right-to-left scripts
    "e\u0301 a\u0308\u0323",  # combining marks
    "\u202eevil\u202c \ufeff \u200b",  # bidi override, BOM, zero-width space
    "\\u0000 is text",  # a backslash, not a NUL escape
]


def test_unicode_is_stored_and_read_back_exactly(api: TestClient, world: dict[str, str]) -> None:
    for text in TEXTS:
        contact = api.put(f"/contacts/{world['user']}", json={"name": text}).json()
        assert contact["name"] == text
        assert api.get(f"/contacts/{world['user']}").json()["name"] == text
        company = api.post("/companies", json={"company_id": "acme", "name": text}).json()
        assert api.get(f"/companies/{company['id']}").json()["name"] == text
        tag = api.post("/tags", json={"name": text}).json()
        assert api.get(f"/tags/{tag['id']}").json()["name"] == text
        found = api.post(
            "/contacts/search", json={"query": {"field": "name", "operator": "=", "value": text}}
        ).json()
        assert [c["id"] for c in found["data"]] == [world["user"]]


CASES_WRITE_NUL_CHARACTER_IS_REFUSED = [
    ("POST", "/contacts", {"email": "nul@x.test", "name": "a\u0000b"}),
    ("PUT", "/contacts/{user}", {"custom_attributes": {"plan": "\u0000"}}),
    ("POST", "/tags", {"name": "\u0000"}),
    ("POST", "/events", {"event_name": "e\u0000", "user_id": "u", "created_at": 1}),
    (
        "POST",
        "/contacts/search",
        {"query": {"field": "name", "operator": "=", "value": "\u0000"}},
    ),
    ("PUT", "/tickets/{ticket}", {"ticket_attributes": {"_default_title_": "\u0000"}}),
]


def test_write_nul_character_is_refused(refused: Callable[..., Any], world: dict[str, str]) -> None:
    """PostgreSQL cannot store NUL in text: both stores refuse it the same way."""
    for method, path, body in CASES_WRITE_NUL_CHARACTER_IS_REFUSED:
        refused(method, path.format(**world), 400, "parameter_invalid", NUL, json=body)


CASES_QUERY_NUL_CHARACTER_IS_REFUSED = [
    "/companies?company_id=a%00",
    "/visitors?user_id=%00",
    "/events?type=user&user_id=%00",
]


def test_query_nul_character_is_refused(api: TestClient) -> None:
    for path in CASES_QUERY_NUL_CHARACTER_IS_REFUSED:
        assert_error(api.get(path), 400, "parameter_invalid", NUL)


CASES_WRITE_TIMESTAMP_OUT_OF_RANGE = [2**63, 2**64, -(2**63) - 1, -1, 1e308, 1.5]


def test_write_timestamp_out_of_range(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for value in CASES_WRITE_TIMESTAMP_OUT_OF_RANGE:
        for body in ({"signed_up_at": value}, {"last_seen_at": value}):
            refused("PUT", f"/contacts/{world['user']}", 400, "parameter_invalid", json=body)
        refused(
            "POST",
            "/events",
            400,
            "parameter_invalid",
            json={"event_name": "e", "user_id": "u", "created_at": value},
        )


CASES_WRITE_NON_FINITE_NUMBER_LITERAL = [b"NaN", b"Infinity", b"-Infinity", b"1e400"]


def test_write_non_finite_number_literal(refused: Callable[..., Any]) -> None:
    for raw in CASES_WRITE_NON_FINITE_NUMBER_LITERAL:
        refused(
            "POST",
            "/contacts",
            400,
            "parameter_invalid",
            content=b'{"role": "lead", "signed_up_at": ' + raw + b"}",
            headers={"Content-Type": "application/json"},
        )


# (list, whether it takes ``page``): cursor lists other than contacts ignore it.
PAGED = [
    ("/contacts", True),
    ("/conversations", False),
    ("/news/news_items", False),
    ("/articles", True),
    ("/help_center/collections", True),
    ("/contacts/{user}/notes", True),
    ("/contacts/{user}/companies", True),
]


def test_list_page_parameters_out_of_range(api: TestClient, world: dict[str, str]) -> None:
    for path, paged in PAGED:
        url = path.format(**world)
        names = ("per_page", "page") if paged else ("per_page",)
        for value in (str(2**63), str(2**64), "-" + str(2**64)):
            for name in names:
                response = api.get(url, params={name: value})
                assert_error(response, 400, "parameter_invalid", f"{name} is out of range")
        for value in ("abc", "1.5", "NaN", ""):
            assert_error(api.get(url, params={"per_page": value}), 400, "parameter_invalid")
        for value, clamped in (("-1", 1), ("0", 1), (str(2**63 - 1), 150)):
            page = api.get(url, params={"per_page": value})
            assert page.status_code == 200, page.text
            assert page.json()["pages"]["per_page"] == clamped, (url, value)
        far = api.get(url, params={"page": str(2**63 - 1)})
        assert far.status_code == 200, far.text
        if paged and path != "/contacts":  # page-number lists: past the end, nothing
            assert far.json()["data"] == [], url


BAD_IDS = ["abc", "x" * 3000, "%C3%A9", "%F0%9F%98%80", "%00", "a%00b", "-1", "0",
           str(2**63), str(2**64), "1.5", "6657574005b6e6e307d4bedZ"]  # fmt: skip
NOT_FOUND = [
    ("GET", "/contacts/{}", None, "not_found", "User Not Found"),
    ("DELETE", "/contacts/{}", None, "not_found", "User Not Found"),
    ("POST", "/contacts/{}/archive", None, "not_found", "User Not Found"),
    ("PUT", "/contacts/{}", {"name": "x"}, "not_found", "User Not Found"),
    ("POST", "/contacts/{}/notes", {"body": "n", "admin_id": 1}, "not_found", "User Not Found"),
    ("GET", "/companies/{}", None, "company_not_found", "Company Not Found"),
    ("DELETE", "/companies/{}", None, "company_not_found", "Company Not Found"),
    ("GET", "/segments/{}", None, "not_found", "Resource Not Found"),
    ("GET", "/conversations/{}", None, "not_found", "Resource Not Found"),
    ("PUT", "/conversations/{}", {"read": True}, "not_found", "Resource Not Found"),
    ("GET", "/tickets/{}", None, "ticket_not_found", "Ticket not found"),
    ("GET", "/admins/{}", None, "admin_not_found", "Admin not found"),
    ("GET", "/teams/{}", None, "team_not_found", "Team not found"),
    ("GET", "/notes/{}", None, "not_found", "Resource Not Found"),
    ("GET", "/tags/{}", None, "not_found", "Resource Not Found"),
    ("DELETE", "/articles/{}", None, "not_found", "Resource Not Found"),
    ("GET", "/news/news_items/{}", None, "not_found", "Resource Not Found"),
    ("GET", "/ticket_types/{}", None, "not_found", "Resource Not Found"),
    ("GET", "/export/content/data/{}", None, "not_found", "Job Not Found"),
]  # fmt: skip


@pytest.mark.parametrize("part", [0, 1, 2])
def test_malformed_path_id_is_the_resource_404(
    refused: Callable[..., Any], world: dict[str, str], part: int
) -> None:
    for method, path, body, code, message in NOT_FOUND[part::3]:
        for bad in BAD_IDS:
            kwargs = {"json": body} if body is not None else {}
            refused(method, path.format(bad), 404, code, message, **kwargs)


GROUP = {"operator": "AND", "value": [{"field": "id", "operator": "!=", "value": None}]}
SEARCHES = [
    ({"query": {"operator": "AND", "value": [{"operator": "OR", "value": [GROUP]}]}},
     "parameter_invalid"),
    ({"query": {"operator": "OR", "value": [{"field": "id", "operator": "=", "value": "x"}] * 16}},
     "parameter_invalid"),
    ({"query": {"operator": "OR", "value": []}}, "parameter_invalid"),
    ({"query": {"field": "nope", "operator": "=", "value": "x"}}, "invalid_field"),
    ({"query": {"field": "created_at", "operator": "~", "value": 1}}, "parameter_invalid"),
    ({"query": {"field": "created_at", "operator": ">", "value": "soon"}}, "parameter_invalid"),
    ({"query": {"field": "created_at", "operator": ">", "value": 2**64}}, "parameter_invalid"),
    ({"query": {"field": "id", "operator": "IN", "value": "x"}}, "parameter_invalid"),
    ({"query": {"field": "id", "operator": "=", "value": {"a": 1}}}, "parameter_invalid"),
    ({"query": {"field": "id", "operator": "LIKE", "value": "x"}}, "parameter_invalid"),
    ({"query": {"field": "id", "value": "x"}}, "parameter_not_found"),
    ({"query": {"field": "id", "operator": "="}}, "parameter_not_found"),
    ({"query": {"operator": "=", "value": "x"}}, "parameter_not_found"),
    ({}, "parameter_not_found"),
    ({"query": []}, "parameter_invalid"),
    ({"query": GROUP, "pagination": {"per_page": "many"}}, "parameter_invalid"),
    ({"query": GROUP, "pagination": {"starting_after": 5}}, "parameter_invalid"),
    ({"query": GROUP, "pagination": {"starting_after": "garbage!"}}, "client_error"),
    ({"query": GROUP, "pagination": []}, "parameter_invalid"),
    ({"query": GROUP, "sort": {"field": "created_at", "order": "up"}}, "invalid_sort_order"),
    ({"query": GROUP, "sort": {"field": "nope"}}, "invalid_field"),
    ({"query": GROUP, "extra": 1}, "bad_request"),
]  # fmt: skip


@pytest.mark.parametrize("url", ["/contacts/search", "/conversations/search", "/tickets/search"])
def test_search_invalid_query(api: TestClient, world: dict[str, str], url: str) -> None:
    for body, code in SEARCHES:
        assert_error(api.post(url, json=body), 400, code)


def _cursor(api: TestClient, url: str, body: dict[str, Any] | None = None) -> str:
    if body is None:
        page = api.get(url, params={"per_page": 1}).json()
    else:
        page = api.post(url, json={**body, "pagination": {"per_page": 1}}).json()
    cursor: str = page["pages"]["next"]["starting_after"]
    return cursor


def _tamper(cursor: str, change: Callable[[list[Any]], list[Any]]) -> str:
    data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    blob = json.dumps(change(data)).encode()
    return base64.urlsafe_b64encode(blob).decode().rstrip("=")


def test_list_contacts_invalid_cursors(api: TestClient, world: dict[str, str]) -> None:
    search = {"query": {"field": "id", "operator": "!=", "value": None}}
    cursor = _cursor(api, "/contacts")
    other_list = _cursor(api, "/contacts/search", search)
    api.post("/conversations", json={"from": {"type": "user", "id": world["user"]}, "body": "2"})
    conversations = _cursor(api, "/conversations")
    wrong = [
        "garbage!", "%%%", "W10", "x" * 5000, "😀", other_list, conversations,
        _tamper(cursor, lambda d: [*d[:3], "not-a-number", *d[4:]]),
        _tamper(cursor, lambda d: [*d[:3], 2**70, *d[4:]]),
        _tamper(cursor, lambda d: [d[0], "0" * 12, *d[2:]]),
        _tamper(cursor, lambda d: d[:-1]),
        _tamper(cursor, lambda d: {"page": 2}),  # type: ignore[arg-type,return-value]
    ]  # fmt: skip
    for bad in wrong:
        assert_error(
            api.get("/contacts", params={"starting_after": bad}),
            400,
            "client_error",
            "Invalid starting_after param. Please try again using a starting_after value "
            "from a paginated response",
        )
    assert_error(api.get("/conversations", params={"starting_after": cursor}), 400, "client_error")
    changed = {"query": {"field": "role", "operator": "=", "value": "user"}}
    assert_error(
        api.post(
            "/contacts/search", json={**changed, "pagination": {"starting_after": other_list}}
        ),
        400,
        "client_error",
    )
    # The untouched cursor still pages on: the second contact, not the first again.
    first = api.get("/contacts", params={"per_page": 1}).json()["data"]
    after = api.get("/contacts", params={"per_page": 1, "starting_after": cursor})
    assert after.status_code == 200, after.text
    assert [c["id"] for c in after.json()["data"]] != [c["id"] for c in first]
    assert len(after.json()["data"]) == 1
