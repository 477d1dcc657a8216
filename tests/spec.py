"""The contract: ``../shared/spec/intercom-api-2.10.yaml``, loaded once, used to check responses.

Set ``BACKCHANNEL_SPEC_PATH`` to check against another copy of the spec.

:func:`check_response` finds the operation a request hit (method + path template), takes the
schema the spec gives for the response status (or the ``error`` schema for an error status the
operation does not list) and validates the body with an OpenAPI 3.0 validator. Where the real
API differs from the spec (BEHAVIOR.md §9), :data:`SCHEMA_OVERRIDES` names the schema used
instead, with the reason.
"""

from __future__ import annotations

import copy
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "spec" / "intercom-api-2.10.yaml"

# operationId -> (status, replacement schema, reason). Each entry is a documented spec defect.
SCHEMA_OVERRIDES: dict[tuple[str, int], tuple[dict[str, Any], str]] = {
    ("listNotes", 200): (
        {
            "type": "object",
            "required": ["type", "data", "total_count", "pages"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/note"}},
                "total_count": {"type": "integer"},
                "pages": {"$ref": "#/components/schemas/pages_link"},
            },
        },
        "a contact's notes are a page-number list (BEHAVIOR.md §4.2): like every page-number "
        "list, pages.next is the next page's URL or null (pages_link), not the cursor object "
        "note_list's cursor_pages declares; the recorded example shows next: null",
    ),
    ("listConversations", 200): (
        {"$ref": "#/components/schemas/conversation_list"},
        "the spec declares paginated_response (a news list); the recorded example and every "
        "client use conversation.list with a conversations array (BEHAVIOR.md §9.1)",
    ),
    **{
        (operation, 200): (
            {
                "type": "object",
                "required": ["customers"],
                "additionalProperties": False,
                "properties": {
                    "customers": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["type", "id"],
                            "properties": {
                                "type": {"type": "string", "enum": ["user", "lead"]},
                                "id": {"type": "string"},
                            },
                        },
                    }
                },
            },
            "the schema says a conversation, but the recorded responses are the participants, "
            "{customers: [{type, id}]} (BEHAVIOR.md §9.11)",
        )
        for operation in ("attachContactToConversation", "detachContactFromConversation")
    },
    ("retrieveCompany", 200): (
        {
            "anyOf": [
                {"$ref": "#/components/schemas/company"},
                {
                    "type": "object",
                    "required": ["type", "data", "total_count", "pages"],
                    "properties": {
                        "type": {"type": "string", "enum": ["list"]},
                        "data": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/company"},
                        },
                        "total_count": {"type": "integer"},
                        "pages": {"$ref": "#/components/schemas/pages_link"},
                    },
                },
            ]
        },
        "with company_id or name the answer is one company (type company), as the SDKs expect "
        "(BEHAVIOR.md §9.21, §11.11); the lists are page-number lists whose pages.next is the "
        "next page's URL or null (pages_link), as the SDKs model them (OffsetPages), not "
        "company_list's cursor object",
    ),
    ("listAllCompanies", 200): (
        {
            "type": "object",
            "required": ["type", "data", "total_count", "pages"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/company"}},
                "total_count": {"type": "integer"},
                "pages": {"$ref": "#/components/schemas/pages_link"},
            },
        },
        "a page-number list (BEHAVIOR.md §4.2): pages.next is the next page's URL or null "
        "(pages_link, the SDKs' OffsetPages), not company_list's cursor object; the recorded "
        "example shows next: null",
    ),
    ("ListAttachedContacts", 200): (
        {
            "type": "object",
            "required": ["type", "data", "total_count", "pages"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/contact"}},
                "total_count": {"type": "integer"},
                "pages": {"$ref": "#/components/schemas/pages_link"},
            },
        },
        "a page-number list like the company lists: pages.next is a URL or null (pages_link), "
        "not company_attached_contacts' cursor object",
    ),
    ("listCompaniesForAContact", 200): (
        {
            "type": "object",
            "required": ["type", "data", "companies", "total_count", "pages"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/company"}},
                "companies": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/company"},
                },
                "total_count": {"type": "integer"},
                "pages": {"$ref": "#/components/schemas/pages_link"},
            },
        },
        "the recorded example keys the array data (BEHAVIOR.md §9.9), which type list implies "
        "and the Ruby SDK reads; the schema, the Python and the Node SDK read companies, so "
        "the same array is sent under both keys",
    ),
    ("lisDataEvents", 200): (
        {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["type", "events", "pages"],
                    "properties": {
                        "type": {"type": "string", "enum": ["event.list"]},
                        "events": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": [
                                    "type",
                                    "event_name",
                                    "created_at",
                                    "user_id",
                                    "id",
                                    "intercom_user_id",
                                    "email",
                                    "metadata",
                                ],
                                "properties": {
                                    "type": {"type": "string", "enum": ["event"]},
                                    "event_name": {"type": "string"},
                                    "created_at": {"type": "integer"},
                                    "user_id": {"type": "string", "nullable": True},
                                    "id": {"type": "string"},
                                    "intercom_user_id": {"type": "string"},
                                    "email": {"type": "string", "nullable": True},
                                    "metadata": {"type": "object"},
                                },
                            },
                        },
                        "pages": {
                            "type": "object",
                            "required": ["next", "since"],
                            "properties": {
                                "next": {"type": "string", "nullable": True},
                                "since": {"type": "string"},
                            },
                        },
                        "email": {"type": "string", "nullable": True},
                        "intercom_user_id": {"type": "string"},
                        "user_id": {"type": "string", "nullable": True},
                    },
                },
                {
                    "type": "object",
                    "required": ["type", "email", "intercom_user_id", "user_id", "events"],
                    "properties": {
                        "type": {"type": "string", "enum": ["event.summary"]},
                        "email": {"type": "string", "nullable": True},
                        "intercom_user_id": {"type": "string"},
                        "user_id": {"type": "string", "nullable": True},
                        "events": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["name", "first", "last", "count", "description"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "first": {"type": "string", "nullable": True},
                                    "last": {"type": "string", "nullable": True},
                                    "count": {"type": "integer"},
                                    "description": {"type": "string", "nullable": True},
                                },
                            },
                        },
                    },
                },
            ]
        },
        "the operation declares data_event_summary for both answers (BEHAVIOR.md §9.14): the "
        "plain listing is data_event_list (type event.list, events, pages.next/since URLs) and "
        "only summary=true answers event.summary with ISO-8601 first/last (§6.9). Metadata "
        "holds numbers, booleans, rich links and amounts, not only strings; leads have no "
        "user_id or email (null); pages.next is null on the last page; summaries carry no "
        "description (null)",
    ),
    ("retrieveVisitorWithUserId", 200): (
        {
            "allOf": [
                {"$ref": "#/components/schemas/visitor"},
                {
                    "required": ["last_request_at"],
                    "properties": {"last_request_at": {"type": "integer", "nullable": True}},
                },
            ]
        },
        "the recorded examples spell the field last_request_at; the schema misspells it "
        "las_request_at (BEHAVIOR.md §9.16). The example spelling is sent, never the schema's",
    ),
    ("updateVisitor", 200): (
        {
            "allOf": [
                {"$ref": "#/components/schemas/visitor"},
                {
                    "required": ["last_request_at"],
                    "properties": {"last_request_at": {"type": "integer", "nullable": True}},
                },
            ]
        },
        "as retrieveVisitorWithUserId: last_request_at as recorded, not las_request_at "
        "(BEHAVIOR.md §9.16)",
    ),
    ("listTicketTypes", 200): (
        {
            "type": "object",
            "required": ["type", "data"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {"type": "array", "items": {"$ref": "#/components/schemas/ticket_type"}},
            },
        },
        "the schema says ticket_type.list with a ticket_types array; the recorded example "
        "is {type: list, data: [...]} (BEHAVIOR.md §9.10), which the list-key rule implies",
    ),
    **{
        ("createPhoneSwitch", status): (
            {
                "anyOf": [
                    {
                        "type": "object",
                        "required": ["error_key", "message"],
                        "additionalProperties": False,
                        "properties": {
                            "error_key": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                    {"$ref": "#/components/schemas/error"},
                ]
            },
            "the operation answers its errors as {error_key, message}, not error.list, as its "
            "400 and 422 examples show (BEHAVIOR.md §6.16); a body that is not JSON at all is "
            "still refused by the shared pipeline with error.list",
        )
        for status in (400, 422)
    },
}

# (operationId, status) -> (media type, reason): responses that are not JSON.
MEDIA_OVERRIDES: dict[tuple[str, int], tuple[str, str]] = {
    ("downloadDataExport", 200): (
        "application/octet-stream",
        "the export file is a gzipped CSV that clients fetch with Accept: "
        "application/octet-stream; the operation declares no content (BEHAVIOR.md §6.10)",
    ),
}


# (component schema, property, patch, reason): where the recorded real API differs from a
# component schema, the schema is patched before validation. Each entry says why.
def _nullable_ref(name: str) -> dict[str, Any]:
    """A ``$ref`` property made nullable: OpenAPI 3.0 ignores ``nullable`` beside ``$ref``."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    return {"$ref": None, "anyOf": [ref, {"enum": [None]}], "nullable": True}


SCHEMA_PATCHES: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "conversation_part_author",
        "email",
        {"nullable": True},
        "a lead without an email (a visitor who started a conversation) writes parts too; like "
        "the contact's own email it is then null (BEHAVIOR.md §3.3)",
    ),
    (
        "data_attribute",
        "model",
        {"enum": ["contact", "company", "conversation"]},
        "listDataAttributes filters by model=conversation, so its items can be conversation "
        "attributes, which the model enum forgets (BEHAVIOR.md §6.4)",
    ),
    (
        "conversation_part",
        "assigned_to",
        _nullable_ref("reference"),
        "declared nullable beside its $ref, which OpenAPI 3.0 ignores; every recorded part "
        "that assigns nobody has assigned_to: null (BEHAVIOR.md §6.6)",
    ),
    (
        "contact",
        "email",
        {"nullable": True},
        "leads and users identified only by external_id have no email; like every other "
        "absent contact field it is returned as null (BEHAVIOR.md §3.3)",
    ),
    (
        "contact",
        "email_domain",
        {"nullable": True},
        "derived from email, so null whenever email is null",
    ),
    (
        "admin",
        "job_title",
        {"nullable": True},
        "admins without a job title return null, as the SDKs model it (Optional[str])",
    ),
    (
        "admin_with_app",
        "job_title",
        {"nullable": True},
        "admins without a job title return null, as the SDKs model it (Optional[str])",
    ),
    (
        "admin",
        "avatar",
        {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": ["avatar"]},
                "image_url": {"type": "string", "nullable": True},
            },
        },
        "display_avatar=true returns the avatar object the operation describes and the SDKs "
        "parse, not the schema's URL string; null otherwise (BEHAVIOR.md §9.19)",
    ),
    *[
        (
            "company",
            prop,
            {"nullable": True},
            "unset company fields are returned as null, like every absent field (BEHAVIOR.md "
            "§3.3); the examples omit them, the SDKs model them as optional",
        )
        for prop in (
            "name",
            "company_id",
            "remote_created_at",
            "last_request_at",
            "size",
            "website",
            "industry",
        )
    ],
    (
        "company",
        "custom_attributes",
        {"additionalProperties": {}},
        "custom attribute values are strings, numbers or booleans, as the schema's own example "
        "shows ({paid_subscriber: true, monthly_spend: 155.5}); only strings are declared",
    ),
    (
        "tag",
        "applied_by",
        {"allOf": [{"anyOf": [{"$ref": "#/components/schemas/reference"}, {"enum": [None]}]}]},
        "applied_by is declared nullable, but its allOf reference makes an OpenAPI 3.0 "
        "validator refuse null; a tag detached from a contact it was not applied to has "
        "applied_at and applied_by null",
    ),
    (
        "data_attribute",
        "description",
        {"nullable": True},
        "a custom attribute declared without a description has none; it is returned as null "
        "(the SDKs model it Optional[str]) rather than left out",
    ),
    (
        "data_attribute",
        "options",
        {"nullable": True},
        "only list attributes have options; for the others it is null (Optional in the SDKs)",
    ),
    (
        "data_attribute",
        "admin_id",
        {"nullable": True},
        "custom attributes declared by bulk seeding, not by a teammate, have no admin (null)",
    ),
    (
        "visitor",
        "custom_attributes",
        {"additionalProperties": {}},
        "custom attribute values are strings, numbers and booleans, typed by their data "
        "attribute, not only strings (BEHAVIOR.md §6.4; the update example sends numbers)",
    ),
    (
        "ticket_type",
        "ticket_type_attributes",
        {
            "$ref": None,
            "type": "object",
            "required": ["type", "data"],
            "properties": {
                "type": {"type": "string", "enum": ["list"]},
                "data": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/ticket_type_attribute"},
                },
            },
        },
        "ticket_type_attribute_list declares ticket_type_attributes.list with a "
        "ticket_type_attributes array; every recorded ticket type nests {type: list, data} "
        "(BEHAVIOR.md §9.10)",
    ),
    (
        "ticket_type_attribute",
        "input_options",
        {"nullable": True},
        "attributes without input options (numbers, booleans, dates) have input_options null, "
        "as the recorded ticket type examples show for an attribute without options",
    ),
    (
        "article",
        "statistics",
        {
            "$ref": None,
            "type": "object",
            "required": [
                "type",
                "views",
                "conversions",
                "conversations",
                "reactions",
                "happy_reaction_percentage",
                "neutral_reaction_percentage",
                "sad_reaction_percentage",
            ],
            "properties": {
                "type": {"type": "string", "enum": ["article_statistics"]},
                "views": {"type": "integer"},
                "conversions": {"type": "integer"},
                "conversations": {"type": "integer"},
                "reactions": {"type": "integer"},
                "happy_reaction_percentage": {"type": "number"},
                "neutral_reaction_percentage": {"type": "number"},
                "sad_reaction_percentage": {"type": "number"},
            },
        },
        "the schema names the count conversions, the recorded examples conversations "
        "(BEHAVIOR.md §9.15): single articles carry both keys, with the same value",
    ),
    (
        "article_content",
        "url",
        {"nullable": True},
        "a locale still in draft has no public URL; like the article's own url (nullable, null "
        "for the recorded draft in searchArticles) it is null",
    ),
    *[
        (
            name,
            "pages",
            {"$ref": "#/components/schemas/pages_link"},
            "a page-number list (BEHAVIOR.md §4.2): pages.next is the next page's URL or null "
            "(pages_link), as for every page-number list, not cursor_pages' object; the "
            "recorded examples show no next on their only page",
        )
        for name in ("article_list", "collection_list", "article_search_response")
    ],
    *[
        (
            name,
            "url",
            {"format": "uri-reference"},
            "declared format uri, but every example (and the real API) gives a path relative "
            "to the API root such as /contacts/5ba682d23d7cf92bef87bfd4/notes, a URI reference "
            "that a format-checking validator (schemathesis) refuses as a uri",
        )
        for name in (
            "addressable_list",
            "contact_companies",
            "company_data",
            "contact_notes",
            "contact_subscription_types",
            "contact_tags",
        )
    ],
    (
        "addressable_list",
        "type",
        {"format": None},
        "the object's type name (example note, and tag, company), declared with format uri by "
        "a copy-paste slip; a format-checking validator (schemathesis) refuses every value",
    ),
]


def spec_path() -> Path:
    return Path(os.environ.get("BACKCHANNEL_SPEC_PATH", DEFAULT_SPEC))


@cache
def load_spec() -> dict[str, Any]:
    with spec_path().open("rb") as handle:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document: dict[str, Any] = yaml.load(handle, Loader=loader)
    schemas = document["components"]["schemas"]
    for name, prop, patch, _reason in SCHEMA_PATCHES:
        target = schemas[name]["properties"][prop]
        for key, value in patch.items():
            if value is None:
                target.pop(key, None)  # a patch removes a key by setting it to None
            else:
                target[key] = value
    return document


def patched_spec() -> dict[str, Any]:
    """The spec with every entry of the allow-list applied, for tools that read the document
    itself (schemathesis): :data:`SCHEMA_PATCHES` (already in :func:`load_spec`),
    :data:`SCHEMA_OVERRIDES` as the operation's response schema and :data:`MEDIA_OVERRIDES` as
    its response media type. A fresh copy on every call."""
    document = copy.deepcopy(load_spec())
    by_id = {
        op["operationId"]: op
        for item in document["paths"].values()
        for method, op in item.items()
        if method in ("get", "post", "put", "delete", "patch")
    }
    for (operation_id, status), (schema, reason) in SCHEMA_OVERRIDES.items():
        response = by_id[operation_id]["responses"].setdefault(str(status), {"description": reason})
        response["content"] = {"application/json": {"schema": copy.deepcopy(schema)}}
    for (operation_id, status), (media, reason) in MEDIA_OVERRIDES.items():
        response = by_id[operation_id]["responses"].setdefault(str(status), {"description": reason})
        response["content"] = {media: {"schema": {"type": "string", "format": "binary"}}}
    return document


@dataclass(frozen=True)
class SpecOperation:
    operation_id: str
    method: str
    path: str
    pattern: re.Pattern[str]
    responses: dict[str, Any]


@cache
def operations() -> list[SpecOperation]:
    found = []
    for path, item in load_spec()["paths"].items():
        regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        for method, op in item.items():
            if method not in ("get", "post", "put", "delete", "patch"):
                continue
            found.append(
                SpecOperation(
                    op["operationId"], method.upper(), path, re.compile(regex), op["responses"]
                )
            )
    # Literal segments beat templated ones (/contacts/search before /contacts/{id}).
    found.sort(key=lambda o: (o.path.count("{"), -len(o.path)))
    return found


def find_operation(method: str, path: str) -> SpecOperation | None:
    for op in operations():
        if op.method == method and op.pattern.match(path):
            return op
    return None


@cache
def _registry() -> Registry:
    resource = Resource.from_contents(load_spec(), default_specification=DRAFT4)
    return Registry().with_resource("spec.yaml", resource)


def validator_for(schema: dict[str, Any]) -> OAS30Validator:
    return OAS30Validator(_rebase(schema), registry=_registry())


def _rebase(node: Any) -> Any:
    """Point local ``#/components/...`` refs at the registered spec document."""
    if isinstance(node, dict):
        return {
            k: (
                "spec.yaml" + v
                if k == "$ref" and isinstance(v, str) and v.startswith("#")
                else _rebase(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v) for v in node]
    return node


def component(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def response_schema(op: SpecOperation, status: int) -> dict[str, Any] | None:
    override = SCHEMA_OVERRIDES.get((op.operation_id, status))
    if override is not None:
        return override[0]
    declared = op.responses.get(str(status))
    if declared is None:
        return component("error") if status >= 400 else None
    content = declared.get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    if media is None or "schema" not in media:
        return component("error") if status >= 400 else None
    return media["schema"]


class ContractViolation(AssertionError):
    pass


def check_body(schema: dict[str, Any], body: Any, where: str) -> None:
    errors = sorted(validator_for(schema).iter_errors(body), key=lambda e: list(e.path))
    if errors:
        lines = [f"{where}: response does not match the spec:"]
        for error in errors[:10]:
            lines.append(
                f"  at {'/'.join(map(str, error.path)) or '<root>'}: {error.message[:300]}"
            )
        raise ContractViolation("\n".join(lines))


def check_response(
    method: str, path: str, status: int, raw: bytes, content_type: str
) -> str | None:
    """Validate one response; returns the operationId it matched (None for non-spec paths)."""
    op = find_operation(method, path)
    if op is None:
        return None
    where = f"{op.operation_id} {method} {path} -> {status}"
    if status >= 400 and (op.operation_id, status) not in SCHEMA_OVERRIDES:
        body = json.loads(raw)
        check_body(component("error"), body, where)
        assert body["type"] == "error.list", where
        assert body["errors"] and body["errors"][0]["code"], where
        return op.operation_id
    schema = response_schema(op, status)
    if not raw:
        return op.operation_id
    media = MEDIA_OVERRIDES.get((op.operation_id, status))
    if media is not None:
        assert content_type.startswith(media[0]), f"{where}: content-type {content_type}"
        return op.operation_id
    assert content_type.startswith("application/json"), f"{where}: content-type {content_type}"
    body = json.loads(raw)
    if schema is not None:
        check_body(schema, body, where)
    return op.operation_id


def check_httpx_response(response: Any) -> None:
    """:func:`check_response` for an ``httpx.Response`` (an httpx ``response`` event hook)."""
    response.read()
    check_response(
        response.request.method,
        response.request.url.path,
        response.status_code,
        response.content,
        response.headers.get("content-type", ""),
    )
