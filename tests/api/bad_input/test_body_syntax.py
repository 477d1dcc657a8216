"""Bodies that are not a JSON object: malformed JSON, the wrong media type, non-object JSON,
bytes that are not UTF-8, absurd nesting and oversized bodies. Every one is an ``error.list``
(never a 500) and leaves every stored row as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.testclient import TestClient

from tests.conftest import assert_error

JSON = {"Content-Type": "application/json"}

# One write of each kind of body: typed structs, the overloaded tag body, the untyped search
# body, and a contact update (whose read-only keys are dropped before validation).
WRITES = [
    ("POST", "/contacts"),
    ("PUT", "/contacts/{user}"),
    ("POST", "/tags"),
    ("POST", "/contacts/search"),
    ("POST", "/conversations/{conversation}/reply"),
    ("PUT", "/tickets/{ticket}"),
    ("PUT", "/articles/{article}"),
    ("PUT", "/data_attributes/{data_attribute}"),
]


def _targets(world: dict[str, str]) -> list[tuple[str, str]]:
    return [(method, path.format(**world)) for method, path in WRITES]


CASES_WRITE_MALFORMED_JSON = [
    (b"{", "Input data was truncated"),
    (b'{"name": }', "JSON is malformed: invalid character"),
    (b'{"name": "x"} trailing', "JSON is malformed: trailing characters"),
    (b"{'name': 'x'}", "JSON is malformed: object keys must be strings"),
    (b'{"name": NaN}', "JSON is malformed: invalid character"),
    (b'{"name": Infinity}', "JSON is malformed: invalid character"),
    (b'{"name": "a\x01b"}', "JSON is malformed: invalid character"),
    (b'\xef\xbb\xbf{"name": "x"}', "JSON is malformed: invalid character"),
    (b'{"name": "\\ud800"}', "Input data was truncated"),
    (b'{"name": "\\udc00"}', "JSON is malformed: invalid utf-16 surrogate pair"),
]


def test_write_malformed_json(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for raw, detail in CASES_WRITE_MALFORMED_JSON:
        for method, path in _targets(world):
            body = refused(method, path, 400, "parameter_invalid", content=raw, headers=JSON)
            message = body["errors"][0]["message"]
            assert message.startswith(f"Request body is not valid JSON: {detail}"), (path, message)


CASES_WRITE_BODY_NOT_UTF8 = [b'{"name": "\xff"}', b'{"name": "\xed\xa0\x80"}', b'{"name": "\xc3"}']


def test_write_body_not_utf8(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for raw in CASES_WRITE_BODY_NOT_UTF8:
        for method, path in _targets(world):
            refused(
                method,
                path,
                400,
                "parameter_invalid",
                "Request body is not valid JSON: it is not UTF-8",
                content=raw,
                headers=JSON,
            )


CASES_WRITE_WRONG_CONTENT_TYPE = [
    ({"Content-Type": "text/plain"}, "text/plain"),
    (
        {"Content-Type": "application/x-www-form-urlencoded"},
        "application/x-www-form-urlencoded",
    ),
    ({"Content-Type": "multipart/form-data; boundary=x"}, "multipart/form-data"),
    ({"Content-Type": "application/xml"}, "application/xml"),
    ({"Content-Type": ""}, ""),
]


def test_write_wrong_content_type(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for headers, media in CASES_WRITE_WRONG_CONTENT_TYPE:
        for method, path in _targets(world):
            refused(
                method,
                path,
                415,
                "unsupported_media_type",
                f"Unsupported Content-Type '{media}': send application/json",
                content=b'{"name": "x"}',
                headers=headers,
            )


def test_create_contact_form_data_is_refused(refused: Callable[..., Any]) -> None:
    refused(
        "POST",
        "/contacts",
        415,
        "unsupported_media_type",
        "Unsupported Content-Type 'application/x-www-form-urlencoded': send application/json",
        data={"email": "form@x.test"},
    )


def test_create_contact_json_without_content_type_is_read_as_json(api: TestClient) -> None:
    """Clients that send JSON without naming it are served (Content-Type is optional)."""
    response = api.post("/contacts", content=b'{"email": "bare@x.test"}')
    assert response.status_code == 200, response.text
    assert response.json()["email"] == "bare@x.test"


CASES_WRITE_BODY_NOT_AN_OBJECT = [
    (b"[]", "array"),
    (b'"x"', "str"),
    (b"1", "int"),
    (b"1.5", "float"),
    (b"true", "bool"),
    (b"null", "null"),
    (b'[{"email": "a@x.test"}]', "array"),
]


def test_write_body_not_an_object(refused: Callable[..., Any], world: dict[str, str]) -> None:
    for raw, kind in CASES_WRITE_BODY_NOT_AN_OBJECT:
        for method, path in _targets(world):
            # POST /tags takes either a tag or a tagging request; it answers with Intercom's
            # own message for anything it cannot read.
            message = (
                "invalid tag parameters" if path == "/tags" else f"Expected object, got {kind}"
            )
            refused(method, path, 400, "parameter_invalid", message, content=raw, headers=JSON)


DEPTH = 10_000


CASES_WRITE_DEEPLY_NESTED_JSON = [
    b"[" * DEPTH + b"]" * DEPTH,
    b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    b'{"name": ' + b"[" * DEPTH + b"]" * DEPTH + b"}",
    b'{"custom_attributes": ' + b'{"a":' * DEPTH + b"1" + b"}" * DEPTH + b"}",
]


def test_write_deeply_nested_json(
    api: TestClient, refused: Callable[..., Any], world: dict[str, str]
) -> None:
    """10,000 levels of nesting: a 400 whichever way the decoder meets it, never a crash."""
    for raw in CASES_WRITE_DEEPLY_NESTED_JSON:
        for method, path in _targets(world):
            refused(
                method,
                path,
                400,
                "parameter_invalid",
                "Request body nests too deeply",
                content=raw,
                headers=JSON,
            )
        assert api.get(f"/contacts/{world['user']}").json()["id"] == world["user"]


LIMIT = 1_048_576


def test_write_body_over_the_limit_is_413(
    refused: Callable[..., Any], world: dict[str, str]
) -> None:
    raw = b'{"name": "' + b"x" * LIMIT + b'"}'
    for method, path in _targets(world):
        refused(
            method,
            path,
            413,
            "request_entity_too_large",
            f"Request body exceeds the limit of {LIMIT} bytes",
            content=raw,
            headers=JSON,
        )


def test_write_streamed_body_over_the_limit_is_413(refused: Callable[..., Any]) -> None:
    """A chunked body with no Content-Length is cut off at the limit as it arrives."""

    def chunks() -> Any:
        yield b'{"email": "big@x.test", "name": "'
        for _ in range(20):
            yield b"x" * 65_536
        yield b'"}'

    refused(
        "POST",
        "/contacts",
        413,
        "request_entity_too_large",
        f"Request body exceeds the limit of {LIMIT} bytes",
        content=chunks(),
        headers=JSON,
    )


CASES_WRITE_MEGABYTE_STRING_IN_A_FIELD = [
    ("POST", "/contacts", {"email": "a@x.test"}, "name", "name: Expected str of length <= 255"),
    ("PUT", "/contacts/{user}", {}, "email", "email: Expected str of length <= 255"),
    (
        "POST",
        "/companies",
        {"company_id": "big"},
        "name",
        "name: Expected str of length <= 255",
    ),
    (
        "POST",
        "/contacts/{user}/notes",
        {"admin_id": 1},
        "body",
        "body: Expected str of length <= 65536",
    ),
    ("POST", "/ticket_types", {}, "name", "name is too long (maximum is 255 characters)"),
]


def test_write_megabyte_string_in_a_field(
    refused: Callable[..., Any], world: dict[str, str]
) -> None:
    """A 1,000,000-character string fits in a request but not in the field."""
    for method, path, body, field, message in CASES_WRITE_MEGABYTE_STRING_IN_A_FIELD:
        refused(
            method,
            path.format(**world),
            400,
            "parameter_invalid",
            message,
            json={**body, field: "é" * 1_000 + "x" * 999_000},
        )


def test_search_megabyte_string_value(refused: Callable[..., Any]) -> None:
    body = {"query": {"field": "name", "operator": "=", "value": "x" * 1_000_000}}
    response = refused("POST", "/contacts/search", 400, "parameter_invalid", json=body)
    assert "5000" in response["errors"][0]["message"]


def test_request_with_malformed_body_still_counts_as_one_call(api: TestClient) -> None:
    """A refused body is an ordinary error response: headers and request id included."""
    response = api.post("/contacts", content=b"{", headers=JSON)
    body = assert_error(response, 400, "parameter_invalid")
    assert response.headers["X-Request-Id"] == body["request_id"]
    assert "X-RateLimit-Remaining" in response.headers
