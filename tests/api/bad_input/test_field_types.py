"""A value of the wrong type in each class of field, across resources: every one is a 400
``parameter_invalid`` naming the field, and no stored row changes. Unknown keys are
``bad_request`` (``bad 'x' parameter``, as Intercom answers ``createOrUpdateCompany``) and
missing required keys ``parameter_not_found``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

STRING_FIELDS = [
    ("POST", "/contacts", {"role": "lead"}, "name"),
    ("PUT", "/contacts/{user}", {}, "email"),
    ("POST", "/companies", {"company_id": "c2"}, "name"),
    ("POST", "/events", {"created_at": 1717000000, "user_id": "u"}, "event_name"),
    ("POST", "/ticket_types", {}, "name"),
    ("POST", "/articles", {"author_id": 1}, "title"),
    ("POST", "/news/news_items", {"sender_id": 1}, "title"),
    ("POST", "/help_center/collections", {}, "name"),
    ("POST", "/contacts/{user}/notes", {"admin_id": 1}, "body"),
]
# Admin ids arrive as numbers or digit strings (BEHAVIOR.md §11.13); timestamps only as numbers.
ID_FIELDS = [
    ("POST", "/articles", {"title": "t"}, "author_id"),
    ("POST", "/news/news_items", {"title": "t"}, "sender_id"),
]
INTEGER_FIELDS = [
    ("POST", "/events", {"event_name": "e", "user_id": "u"}, "created_at"),
    ("POST", "/contacts", {"role": "lead"}, "signed_up_at"),
    ("PUT", "/contacts/{user}", {}, "last_seen_at"),
]
BOOLEAN_FIELDS = [
    ("PUT", "/admins/{admin}/away", {"away_mode_reassign": False}, "away_mode_enabled"),
    ("PUT", "/contacts/{user}", {}, "unsubscribed_from_emails"),
    ("PUT", "/ticket_types/{ticket_type}", {}, "is_internal"),
    ("PUT", "/data_attributes/{data_attribute}", {}, "archived"),
]
OBJECT_FIELDS = [
    ("POST", "/contacts", {"role": "lead"}, "custom_attributes"),
    ("POST", "/conversations", {"body": "hi"}, "from"),
    ("POST", "/tickets", {"ticket_type_id": "1", "contacts": [{"id": "x"}]}, "ticket_attributes"),
]
LIST_FIELDS = [
    ("POST", "/tickets", {"ticket_type_id": "1"}, "contacts"),
    ("POST", "/news/news_items", {"title": "t", "sender_id": 1}, "newsfeed_assignments"),
]
ENUM_FIELDS = [
    ("POST", "/contacts", {}, "role", "admin"),
    ("POST", "/data_attributes", {"name": "x", "model": "contact"}, "data_type", "money"),
    ("POST", "/articles", {"title": "t", "author_id": 1}, "state", "live"),
    ("POST", "/conversations/{conversation}/parts", {"admin_id": 1}, "message_type", "explode"),
    ("PUT", "/tickets/{ticket}", {}, "state", "melted"),
    ("POST", "/ticket_types", {"name": "x"}, "category", "Chore"),
]


WRONG_VALUES: dict[str, tuple[list[Any], list[Any]]] = {
    "string": (STRING_FIELDS, [12345, {"a": 1}, ["a"], True]),
    "id": (ID_FIELDS, [1.5, {}, [1]]),
    "integer": (INTEGER_FIELDS, ["soon", 1.5, True, [1]]),
    "boolean": (BOOLEAN_FIELDS, ["yes", 2]),
    "object": (OBJECT_FIELDS, [[{"a": 1}], "x"]),
    "list": (LIST_FIELDS, [{"a": 1}, "x"]),
}


@pytest.mark.parametrize("kind", [*WRONG_VALUES, "enum"])
def test_write_field_of_the_wrong_type(
    refused: Callable[..., Any], world: dict[str, str], kind: str
) -> None:
    if kind == "enum":
        cases = [(m, p, base, field, value) for m, p, base, field, value in ENUM_FIELDS]
    else:
        fields, values = WRONG_VALUES[kind]
        cases = [(m, p, base, field, value) for m, p, base, field in fields for value in values]
    for method, path, base, field, value in cases:
        body = refused(
            method, path.format(**world), 400, "parameter_invalid", json={**base, field: value}
        )
        error = body["errors"][0]
        named = error.get("field", "").split(".")[0] == field or field in error["message"]
        assert named, (path, field, value, error)


MISSING = [
    ("POST", "/events", {"user_id": "u"}, "event_name", "event_name is a required parameter."),
    ("POST", "/ticket_types", {}, "name", "name is a required parameter."),
    ("POST", "/articles", {"author_id": 1}, "title", "title is a required parameter."),
    ("POST", "/articles", {"title": "t"}, "author_id", None),
    ("POST", "/news/news_items", {"sender_id": 1}, "title", "title is a required parameter."),
    ("POST", "/help_center/collections", {}, "name", "Name is a required parameter."),
    ("POST", "/conversations", {"body": "hi"}, "from", "from is a required parameter."),
    ("POST", "/tickets", {"ticket_type_id": "1"}, "contacts", "contacts is a required parameter."),
    ("PUT", "/admins/{admin}/away", {"away_mode_enabled": True}, "away_mode_reassign",
     "away_mode_reassign is a required parameter."),
    ("POST", "/contacts/{user}/companies", {}, "id", None),
    ("POST", "/contacts/{user}/tags", {}, "id", "id is a required parameter."),
    ("POST", "/conversations/{conversation}/tags", {"admin_id": "1"}, "id",
     "id is a required parameter."),
    ("POST", "/contacts/merge", {"into": "x"}, "from", "from is a required parameter."),
    ("POST", "/contacts", {"name": "n"}, "email",
     "Please provide at least one of email, external_id or role"),
]  # fmt: skip


def test_write_missing_required_field(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for method, path, body, field, message in MISSING:
        found = refused(
            method, path.format(**world), 400, "parameter_not_found", message, json=body
        )
        error = found["errors"][0]
        assert field in error["message"] or error.get("field") == field, (path, error)


UNKNOWN = [
    ("POST", "/contacts", {"email": "new@x.test"}),
    ("POST", "/companies", {"company_id": "c9"}),
    ("POST", "/events", {"event_name": "e", "user_id": "u", "created_at": 1717000000}),
    ("POST", "/ticket_types", {"name": "Chore"}),
    ("PUT", "/articles/{article}", {"title": "t"}),
    ("POST", "/contacts/search", {"query": {"field": "name", "operator": "=", "value": "x"}}),
    ("PUT", "/tickets/{ticket}", {"open": True}),
]


def test_write_unknown_field_is_bad_request(
    refused: Callable[..., Any], world: dict[str, str]
) -> None:
    """Intercom refuses keys an operation does not know: ``400 bad_request "bad 'test'
    parameter"`` (BEHAVIOR.md §1.7, createOrUpdateCompany)."""
    for method, path, body in UNKNOWN:
        refused(
            method,
            path.format(**world),
            400,
            "bad_request",
            "bad 'test' parameter",
            json={**body, "test": 1},
        )


def test_update_contact_ignores_read_only_keys(api: TestClient, world: dict[str, str]) -> None:
    """Clients PUT back whole contacts: keys of the contact object that cannot be written
    (``type``, ``id``, ``created_at``, ``tags``...) are ignored rather than refused."""
    contact = api.get(f"/contacts/{world['user']}").json()
    response = api.put(f"/contacts/{world['user']}", json={**contact, "name": "Renamed"})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Renamed"
    assert updated["id"] == contact["id"]
    assert updated["created_at"] == contact["created_at"]


def test_write_unknown_empty_key_is_bad_request(
    refused: Callable[..., Any], world: dict[str, str]
) -> None:
    """An empty key is unknown like any other: ``bad '' parameter``."""
    refused("POST", "/contacts", 400, "bad_request", "bad '' parameter", json={"": 1})
