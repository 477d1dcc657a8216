"""Parsing search bodies: grammar limits, field and operator checks, value typing, paging, sort."""

from __future__ import annotations

from typing import Any

import pytest

from backchannel.core.errors import (
    ApiError,
    InvalidSearchField,
    InvalidSortOrder,
    ParameterInvalid,
    ParameterNotFound,
    SearchFieldUnavailable,
    UnknownParameter,
)
from backchannel.core.search import (
    And,
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    Operator,
    Or,
    Predicate,
    Sort,
    SortOrder,
    parse_query,
    parse_search_request,
    to_json,
)
from backchannel.db.tables import Contact
from backchannel.resources.contacts.search_fields import CONTACT_FIELDS


def pred(field: Any, op: Any, value: Any) -> dict[str, Any]:
    return {"field": field, "operator": op, "value": value}


def parse(body: dict[str, Any]) -> Any:
    return parse_search_request(body, CONTACT_FIELDS, default_per_page=50)


def query(raw: Any) -> Any:
    return parse_query(raw, CONTACT_FIELDS)


def assert_fails(kind: type[ApiError], code: str, message: str, body: dict[str, Any]) -> ApiError:
    with pytest.raises(kind) as caught:
        parse(body)
    assert caught.value.code == code
    assert caught.value.message == message
    return caught.value


EMAIL = pred("email", "=", "a@b.test")


# --- grammar -----------------------------------------------------------------------------


def test_search_single_filter() -> None:
    request = parse({"query": pred("email", "~", "example.com")})
    assert request.query == Predicate("email", Operator.CONTAINS, "example.com")
    assert request.per_page == 50
    assert request.starting_after is None
    assert request.sort is None


def test_search_documented_example() -> None:
    body = {
        "query": {
            "operator": "AND",
            "value": [
                pred("created_at", ">", "1306054154"),
                {
                    "operator": "OR",
                    "value": [pred("email", "~", "example.com"), pred("role", "=", "lead")],
                },
            ],
        },
        "pagination": {"per_page": 5, "starting_after": "WzE"},
        "sort": {"field": "created_at", "order": "descending"},
    }
    request = parse(body)
    assert request.query == And(
        (
            Predicate("created_at", Operator.GT, 1306054154),
            Or(
                (
                    Predicate("email", Operator.CONTAINS, "example.com"),
                    Predicate("role", Operator.EQ, "lead"),
                )
            ),
        )
    )
    assert request.per_page == 5
    assert request.starting_after == "WzE"
    assert request.sort == Sort("created_at", SortOrder.DESCENDING)


def test_search_two_levels_of_groups_allowed() -> None:
    inner = {"operator": "OR", "value": [EMAIL, EMAIL]}
    node = query({"operator": "AND", "value": [inner, inner]})
    assert isinstance(node, And)
    assert all(isinstance(item, Or) for item in node.items)


def test_search_three_levels_of_groups_rejected() -> None:
    deepest = {"operator": "AND", "value": [EMAIL]}
    middle = {"operator": "OR", "value": [EMAIL, deepest]}
    error = assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query.value[0].value[1] nests AND/OR filters too deeply: at most 2 levels are allowed",
        {"query": {"operator": "AND", "value": [middle]}},
    )
    assert error.field == "query.value[0].value[1]"


def test_search_fifteen_filters_per_group_allowed() -> None:
    node = query({"operator": "OR", "value": [EMAIL] * 15})
    assert isinstance(node, Or) and len(node.items) == 15


def test_search_sixteen_filters_in_a_group_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query must have between 1 and 15 filters, got 16",
        {"query": {"operator": "OR", "value": [EMAIL] * 16}},
    )


def test_search_sixteen_filters_in_a_nested_group_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query.value[0] must have between 1 and 15 filters, got 16",
        {"query": {"operator": "AND", "value": [{"operator": "OR", "value": [EMAIL] * 16}]}},
    )


def test_search_empty_group_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query must have between 1 and 15 filters, got 0",
        {"query": {"operator": "AND", "value": []}},
    )


def test_search_group_value_not_an_array() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query.value must be an array of filters",
        {"query": {"operator": "AND", "value": EMAIL}},
    )


def test_search_compound_operator_not_and_or() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query.operator must be AND or OR for a compound filter, or one of "
        "=, !=, IN, NIN, <, <=, >, >=, ~, !~, ^, $ with a field",
        {"query": {"operator": "XOR", "value": [EMAIL]}},
    )


def test_search_lowercase_compound_operator_rejected() -> None:
    with pytest.raises(ParameterInvalid):
        parse({"query": {"operator": "and", "value": [EMAIL]}})


def test_search_query_missing() -> None:
    error = assert_fails(
        ParameterNotFound, "parameter_not_found", "query is a required parameter.", {}
    )
    assert error.field == "query"


def test_search_query_null() -> None:
    assert_fails(
        ParameterNotFound, "parameter_not_found", "query is a required parameter.", {"query": None}
    )


def test_search_query_not_an_object() -> None:
    assert_fails(
        ParameterInvalid, "parameter_invalid", "query must be a filter object", {"query": [EMAIL]}
    )


def test_search_unknown_top_level_key() -> None:
    error = assert_fails(
        UnknownParameter, "bad_request", "bad 'filter' parameter", {"query": EMAIL, "filter": 1}
    )
    assert error.field == "filter"


def test_search_unknown_key_in_filter() -> None:
    assert_fails(
        UnknownParameter,
        "bad_request",
        "bad 'query.value[0].op' parameter",
        {"query": {"operator": "AND", "value": [{**EMAIL, "op": "="}]}},
    )


@pytest.mark.parametrize("missing", ["field", "operator", "value"])
def test_search_filter_key_missing(missing: str) -> None:
    raw = {k: v for k, v in EMAIL.items() if k != missing}
    error = assert_fails(
        ParameterNotFound,
        "parameter_not_found",
        f"query.{missing} is a required parameter.",
        {"query": raw},
    )
    assert error.field == f"query.{missing}"


def test_search_operator_not_in_enum() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "'LIKE' is not a valid search operator for email",
        {"query": pred("email", "LIKE", "x")},
    )


def test_search_operator_not_a_string() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "1 is not a valid search operator for email",
        {"query": pred("email", 1, "x")},
    )


def test_search_field_not_a_string() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "query.field must be a string",
        {"query": pred(["email"], "=", "x")},
    )


# --- fields and operators ----------------------------------------------------------------


def test_search_unknown_field() -> None:
    error = assert_fails(
        InvalidSearchField,
        "invalid_field",
        "shoe_size is not a valid search field",
        {"query": pred("shoe_size", "=", "42")},
    )
    assert error.field == "shoe_size"


def test_search_unknown_field_in_nested_group() -> None:
    assert_fails(
        InvalidSearchField,
        "invalid_field",
        "location.planet is not a valid search field",
        {"query": {"operator": "OR", "value": [EMAIL, pred("location.planet", "=", "Mars")]}},
    )


def test_search_field_not_searchable_yet() -> None:
    registry = FieldRegistry(
        fields=(
            FieldSpec("id", FieldType.STRING, Contact.id),
            FieldSpec("visits", FieldType.INTEGER, sortable=False, unavailable=True),
        ),
        date_rule=DateRule.DAY,
    )
    with pytest.raises(SearchFieldUnavailable) as caught:
        parse_search_request({"query": pred("visits", "=", 3)}, registry, default_per_page=50)
    error = caught.value
    assert isinstance(error, InvalidSearchField)
    assert error.code == "invalid_field"
    assert error.message == "visits is not searchable yet in this server"
    assert error.field == "visits"


def test_search_segment_id_takes_ids_as_strings() -> None:
    node = query(pred("segment_id", "IN", ["6657ad386abd0166b52ae2e4", 17]))
    assert node == Predicate("segment_id", Operator.IN, ("6657ad386abd0166b52ae2e4", "17"))


def test_search_tag_id_allows_only_equality() -> None:
    spec = CONTACT_FIELDS.spec("tag_id")
    assert CONTACT_FIELDS.operators(spec) == {Operator.EQ, Operator.NE}


@pytest.mark.parametrize(
    ("field", "op", "kind"),
    [
        ("created_at", "!=", "date"),
        ("created_at", ">=", "date"),
        ("last_seen_at", "<=", "date"),
        ("signed_up_at", "IN", "date"),
        ("updated_at", "NIN", "date"),
        ("created_at", "~", "date"),
        ("owner_id", "~", "integer"),
        ("owner_id", "^", "integer"),
        ("email", ">", "string"),
        ("name", "<=", "string"),
        ("has_hard_bounced", ">", "boolean"),
        ("unsubscribed_from_emails", "~", "boolean"),
    ],
)
def test_search_operator_not_allowed_for_field_type(field: str, op: str, kind: str) -> None:
    value = [1] if op in ("IN", "NIN") else 1
    error = assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        f"The operator '{op}' is not allowed for {field} ({kind} field)",
        {"query": pred(field, op, value)},
    )
    assert error.field == field


def test_search_aliases_resolve_to_canonical_names() -> None:
    node = query(
        {
            "operator": "AND",
            "value": [pred("andoid_sdk_version", "=", "1.2"), pred("ios_app_device", "=", "x")],
        }
    )
    assert node == And(
        (
            Predicate("android_sdk_version", Operator.EQ, "1.2"),
            Predicate("ios_device", Operator.EQ, "x"),
        )
    )


def test_search_dotted_location_fields() -> None:
    assert query(pred("location.country", "=", "France")) == Predicate(
        "location.country", Operator.EQ, "France"
    )


# --- values ------------------------------------------------------------------------------


def test_search_word_for_a_date_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        'created_at expects a date in unix seconds, got "yesterday"',
        {"query": pred("created_at", ">", "yesterday")},
    )


def test_search_digit_strings_for_dates_and_integers() -> None:
    assert query(pred("created_at", "<", "1306054154")).value == 1306054154
    assert query(pred("owner_id", "IN", ["7", 8])).value == (7, 8)


def test_search_float_for_an_integer_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "owner_id expects an integer, got 1.5",
        {"query": pred("owner_id", "=", 1.5)},
    )


def test_search_boolean_for_an_integer_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "owner_id expects an integer, got true",
        {"query": pred("owner_id", "=", True)},
    )


def test_search_integer_out_of_range_rejected() -> None:
    with pytest.raises(ParameterInvalid):
        parse({"query": pred("owner_id", "=", 2**63)})


def test_search_date_out_of_range_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "created_at expects a date in unix seconds, got 999999999999999",
        {"query": pred("created_at", "=", 999_999_999_999_999)},
    )


@pytest.mark.parametrize(("raw", "value"), [(True, True), ("false", False), ("TRUE", True)])
def test_search_boolean_values(raw: Any, value: bool) -> None:
    assert query(pred("has_hard_bounced", "=", raw)).value is value


def test_search_word_for_a_boolean_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        'marked_email_as_spam expects a boolean (true or false), got "yes"',
        {"query": pred("marked_email_as_spam", "=", "yes")},
    )


def test_search_integer_for_a_string_field_reads_its_digits() -> None:
    assert query(pred("external_id", "=", 12345)).value == "12345"


def test_search_boolean_for_a_string_field_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "email expects a string, got false",
        {"query": pred("email", "=", False)},
    )


def test_search_array_for_single_value_operator_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The operator '=' on email takes a single value, not an array",
        {"query": pred("email", "=", ["a", "b"])},
    )


def test_search_scalar_for_in_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The operator 'IN' on role takes an array of values",
        {"query": pred("role", "IN", "lead")},
    )


def test_search_empty_array_for_nin_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The operator 'NIN' on role takes 1 to 1000 values",
        {"query": pred("role", "NIN", [])},
    )


def test_search_object_value_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The value for email must not be an object",
        {"query": pred("email", "=", {"a": 1})},
    )


def test_search_object_inside_array_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        'email expects a string, got {"a": 1}',
        {"query": pred("email", "IN", ["x", {"a": 1}])},
    )


def test_search_null_with_equality() -> None:
    assert query(pred("email", "=", None)) == Predicate("email", Operator.EQ, None)
    assert query(pred("last_seen_at", "!=", None)) == Predicate("last_seen_at", Operator.NE, None)


def test_search_null_with_other_operators_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "null can only be used with '=' or '!=' (on last_seen_at)",
        {"query": pred("last_seen_at", ">", None)},
    )


def test_search_string_with_nul_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The value for name contains characters that cannot be searched",
        {"query": pred("name", "~", "a\x00b")},
    )


def test_search_string_with_lone_surrogate_rejected() -> None:
    with pytest.raises(ParameterInvalid):
        parse({"query": pred("name", "=", "\ud800")})


def test_search_overlong_string_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The value for name is longer than 5000 characters",
        {"query": pred("name", "~", "x" * 5001)},
    )


# --- custom attributes -------------------------------------------------------------------


@pytest.mark.parametrize("value", [5, 2.5, True, "gold", ["a", "b"], [1, 2.5], None], ids=repr)
def test_search_custom_attribute_values(value: Any) -> None:
    op = "IN" if isinstance(value, list) else "="
    node = query(pred("custom_attributes.plan", op, value))
    assert node == Predicate(
        "custom_attributes.plan",
        Operator(op),
        tuple(value) if isinstance(value, list) else value,
    )


def test_search_custom_attribute_operators_follow_value_type() -> None:
    assert query(pred("custom_attributes.seats", ">=", 3)).op is Operator.GE
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The operator '~' is not allowed for custom_attributes.seats (integer field)",
        {"query": pred("custom_attributes.seats", "~", 3)},
    )
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "The operator '>' is not allowed for custom_attributes.plan (string field)",
        {"query": pred("custom_attributes.plan", ">", "gold")},
    )


def test_search_custom_attribute_mixed_array_rejected() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "custom_attributes.plan values must all have the same type",
        {"query": pred("custom_attributes.plan", "IN", ["a", 1])},
    )


def test_search_custom_attribute_key_with_spaces_dollar_and_dash() -> None:
    node = query(pred("custom_attributes.Plan $ tier-2_x", "=", "a"))
    assert node == Predicate("custom_attributes.Plan $ tier-2_x", Operator.EQ, "a")


@pytest.mark.parametrize(
    "name",
    [
        "custom_attributes.",
        "custom_attributes.a.b",
        "custom_attributes.a'b",
        'custom_attributes.a"',
    ],
)
def test_search_custom_attribute_bad_key_rejected(name: str) -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        f"{name} is not a valid custom attribute name: use up to 190 letters, digits, "
        "spaces, '_', '-' or '$'",
        {"query": pred(name, "=", "x")},
    )


# --- pagination --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_page", "expected"),
    [(5, 5), ("20", 20), (0, 1), (-3, 1), (500, 150), ("900", 150), (None, 50)],
)
def test_search_per_page_clamped(per_page: Any, expected: int) -> None:
    request = parse({"query": EMAIL, "pagination": {"per_page": per_page}})
    assert request.per_page == expected


@pytest.mark.parametrize("per_page", ["ten", 2.5, True, [5], "1e3"])
def test_search_per_page_not_an_integer(per_page: Any) -> None:
    error = assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "per_page must be an integer",
        {"query": EMAIL, "pagination": {"per_page": per_page}},
    )
    assert error.field == "pagination.per_page"


def test_search_starting_after_not_a_string() -> None:
    assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        "starting_after must be a string",
        {"query": EMAIL, "pagination": {"starting_after": 12}},
    )


def test_search_unknown_pagination_key() -> None:
    assert_fails(
        UnknownParameter,
        "bad_request",
        "bad 'pagination.page' parameter",
        {"query": EMAIL, "pagination": {"page": 2}},
    )


# --- sort --------------------------------------------------------------------------------


def test_search_sort_order_defaults_to_descending() -> None:
    request = parse({"query": EMAIL, "sort": {"field": "name"}})
    assert request.sort == Sort("name", SortOrder.DESCENDING)


def test_search_sort_field_alias() -> None:
    request = parse({"query": EMAIL, "sort": {"field": "andoid_sdk_version", "order": "ascending"}})
    assert request.sort == Sort("android_sdk_version", SortOrder.ASCENDING)


@pytest.mark.parametrize("order", ["up", "ASCENDING", "asc", ""])
def test_search_sort_invalid_order(order: str) -> None:
    assert_fails(
        InvalidSortOrder,
        "invalid_sort_order",
        f"Invalid sort order '{order}'. Must be one of: ascending, descending",
        {"query": EMAIL, "sort": {"field": "name", "order": order}},
    )


@pytest.mark.parametrize("field", ["tag_id", "segment_id", "custom_attributes.plan"])
def test_search_sort_field_not_sortable(field: str) -> None:
    error = assert_fails(
        ParameterInvalid,
        "parameter_invalid",
        f"{field} is not a sortable field",
        {"query": EMAIL, "sort": {"field": field, "order": "ascending"}},
    )
    assert error.field == "sort.field"


def test_search_sort_unknown_field() -> None:
    assert_fails(
        InvalidSearchField,
        "invalid_field",
        "shoe_size is not a valid search field",
        {"query": EMAIL, "sort": {"field": "shoe_size"}},
    )


def test_search_sort_field_missing() -> None:
    assert_fails(
        ParameterNotFound,
        "parameter_not_found",
        "sort.field is a required parameter.",
        {"query": EMAIL, "sort": {"order": "ascending"}},
    )


# --- fingerprint and JSON form -----------------------------------------------------------


def test_search_fingerprint_tracks_query_and_sort_not_page_size() -> None:
    base = parse({"query": pred("created_at", ">", 1306054154)})
    assert parse({"query": pred("created_at", ">", "1306054154")}).fingerprint == base.fingerprint
    assert (
        parse(
            {"query": pred("created_at", ">", 1306054154), "pagination": {"per_page": 3}}
        ).fingerprint
        == base.fingerprint
    )
    assert parse({"query": pred("created_at", "<", 1306054154)}).fingerprint != base.fingerprint
    sorted_ = parse({"query": pred("created_at", ">", 1306054154), "sort": {"field": "name"}})
    assert sorted_.fingerprint != base.fingerprint


def test_search_to_json_round_trip() -> None:
    raw = {
        "operator": "OR",
        "value": [
            pred("role", "IN", ["user", "lead"]),
            {"operator": "AND", "value": [pred("owner_id", ">=", 3), pred("email", "=", None)]},
        ],
    }
    node = query(raw)
    assert to_json(node) == raw
    assert query(to_json(node)) == node
