"""Compiled search conditions against real rows, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from backchannel.core.errors import ParameterInvalid
from backchannel.core.pagination import cursor_page
from backchannel.core.search import (
    CompileContext,
    DateRule,
    FieldRegistry,
    FieldSpec,
    FieldType,
    Operator,
    Predicate,
    compile_query,
    day_bounds,
    parse_query,
    parse_search_request,
    sort_keys,
)
from backchannel.db.tables import Contact
from backchannel.provisioning import NewWorkspace
from backchannel.resources.contacts.search_fields import CONTACT_DEFAULT_SORT, CONTACT_FIELDS

UTC = ZoneInfo("UTC")
LA = ZoneInfo("America/Los_Angeles")


def ts(text: str, zone: ZoneInfo = UTC) -> int:
    """Unix seconds of a local wall-clock time like ``2024-05-29 13:00``."""
    return int(datetime.fromisoformat(text).replace(tzinfo=zone).timestamp())


class Contacts:
    """Adds contacts to one workspace and runs searches over them."""

    def __init__(self, db: Session, workspace: NewWorkspace) -> None:
        self.db = db
        self.workspace_id = workspace.workspace.id
        self.count = 0

    def add(self, **fields: Any) -> str:
        self.count += 1
        contact_id: str = fields.pop("id", f"{self.count:024x}")
        created_at = fields.pop("created_at", ts("2024-05-29 12:00"))
        self.db.add(
            Contact(
                workspace_id=self.workspace_id,
                id=contact_id,
                created_at=created_at,
                updated_at=fields.pop("updated_at", created_at),
                **fields,
            )
        )
        self.db.flush()
        return contact_id

    def where(self, condition: ColumnElement[bool]) -> set[str]:
        stmt = select(Contact.id).where(Contact.workspace_id == self.workspace_id, condition)
        return set(self.db.execute(stmt).scalars())

    def search(
        self,
        field: str,
        op: str,
        value: Any,
        *,
        timezone: str = "UTC",
        registry: FieldRegistry = CONTACT_FIELDS,
    ) -> set[str]:
        node = parse_query({"field": field, "operator": op, "value": value}, registry)
        return self.where(compile_query(node, registry, timezone=timezone))


@pytest.fixture
def contacts(db: Session, workspace: NewWorkspace) -> Contacts:
    return Contacts(db, workspace)


# --- strings -----------------------------------------------------------------------------


def test_compile_string_equality_ignores_case(contacts: Contacts) -> None:
    ada = contacts.add(email="Ada@Example.com")
    contacts.add(email="bob@example.com")
    assert contacts.search("email", "=", "ada@example.COM") == {ada}


def test_compile_string_in_ignores_case(contacts: Contacts) -> None:
    lead = contacts.add(role="lead")
    user = contacts.add(role="user")
    assert contacts.search("role", "IN", ["LEAD", "visitor"]) == {lead}
    assert contacts.search("role", "NIN", ["Lead"]) == {user}


def test_compile_string_like_operators_ignore_case(contacts: Contacts) -> None:
    ada = contacts.add(name="Ada Lovelace")
    grace = contacts.add(name="Grace Hopper")
    assert contacts.search("name", "~", "LOVE") == {ada}
    assert contacts.search("name", "!~", "love") == {grace}
    assert contacts.search("name", "^", "ada") == {ada}
    assert contacts.search("name", "$", "HOPPER") == {grace}
    assert contacts.search("name", "^", "lace") == set()


def test_compile_like_escapes_percent_and_underscore(contacts: Contacts) -> None:
    percent = contacts.add(name="100% real")
    plain = contacts.add(name="1000 real")
    under = contacts.add(name="a_b")
    other = contacts.add(name="axb")
    slash = contacts.add(name="a/b")
    assert contacts.search("name", "~", "0%") == {percent}
    assert contacts.search("name", "^", "100%") == {percent}
    assert contacts.search("name", "~", "a_b") == {under}
    assert contacts.search("name", "$", "_b") == {under}
    assert contacts.search("name", "~", "/") == {slash}
    assert contacts.search("name", "!~", "_") == {percent, plain, other, slash}


def test_compile_id_matches_exactly(contacts: Contacts) -> None:
    target = contacts.add(id="65f0c0ffee0000000000abcd")
    contacts.add()
    assert contacts.search("id", "=", "65f0c0ffee0000000000abcd") == {target}
    assert contacts.search("id", "IN", ["65f0c0ffee0000000000abcd", "nope"]) == {target}
    assert contacts.search("id", "=", "65F0C0FFEE0000000000ABCD") == set()


def test_compile_dotted_field_uses_its_column(contacts: Contacts) -> None:
    paris = contacts.add(location_country="France", location_city="Paris")
    contacts.add(location_country="Spain")
    assert contacts.search("location.country", "=", "france") == {paris}
    assert contacts.search("location.city", "^", "par") == {paris}


def test_compile_alias_searches_the_canonical_column(contacts: Contacts) -> None:
    phone = contacts.add(android_sdk_version="12.1", ios_device="iPhone15,2")
    contacts.add()
    assert contacts.search("andoid_sdk_version", "=", "12.1") == {phone}
    assert contacts.search("ios_app_device", "^", "iphone") == {phone}


# --- NULL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("op", "value", "null_matches"),
    [
        ("=", "x@y.test", False),
        ("IN", ["x@y.test"], False),
        ("~", "y", False),
        ("^", "x", False),
        ("$", "test", False),
        ("!=", "x@y.test", True),
        ("NIN", ["x@y.test"], True),
        ("!~", "y", True),
    ],
)
def test_compile_null_string_matches_only_negative_operators(
    contacts: Contacts, op: str, value: Any, null_matches: bool
) -> None:
    missing = contacts.add(email=None)
    found = contacts.search("email", op, value)
    assert (missing in found) is null_matches


@pytest.mark.parametrize(
    ("op", "null_matches"),
    [("=", False), ("<", False), ("<=", False), (">", False), (">=", False), ("!=", True)],
)
def test_compile_null_integer(contacts: Contacts, op: str, null_matches: bool) -> None:
    missing = contacts.add(owner_id=None)
    found = contacts.search("owner_id", op, 5)
    assert (missing in found) is null_matches


def test_compile_null_dates_never_match_day_comparisons(contacts: Contacts) -> None:
    seen = contacts.add(last_seen_at=ts("2024-05-29 10:00"))
    contacts.add(last_seen_at=None)
    day = ts("2024-05-29 00:00")
    assert contacts.search("last_seen_at", "=", day) == {seen}
    assert contacts.search("last_seen_at", ">", day - 86400) == {seen}
    assert contacts.search("last_seen_at", "<", day + 86400) == {seen}


def test_compile_equals_null_is_missing(contacts: Contacts) -> None:
    missing = contacts.add(phone=None, last_seen_at=None)
    present = contacts.add(phone="+1 555", last_seen_at=ts("2024-05-29 10:00"))
    assert contacts.search("phone", "=", None) == {missing}
    assert contacts.search("phone", "!=", None) == {present}
    assert contacts.search("last_seen_at", "=", None) == {missing}
    assert contacts.search("last_seen_at", "!=", None) == {present}


# --- integers and booleans ---------------------------------------------------------------


def test_compile_integer_comparisons(contacts: Contacts) -> None:
    one, two, three = (contacts.add(owner_id=n) for n in (1, 2, 3))
    assert contacts.search("owner_id", "=", "2") == {two}
    assert contacts.search("owner_id", "!=", 2) == {one, three}
    assert contacts.search("owner_id", "<", 2) == {one}
    assert contacts.search("owner_id", "<=", 2) == {one, two}
    assert contacts.search("owner_id", ">", 2) == {three}
    assert contacts.search("owner_id", ">=", 2) == {two, three}
    assert contacts.search("owner_id", "IN", [1, "3"]) == {one, three}
    assert contacts.search("owner_id", "NIN", [1, 3]) == {two}


def test_compile_booleans(contacts: Contacts) -> None:
    bounced = contacts.add(has_hard_bounced=True)
    fine = contacts.add(has_hard_bounced=False)
    assert contacts.search("has_hard_bounced", "=", True) == {bounced}
    assert contacts.search("has_hard_bounced", "=", "false") == {fine}
    assert contacts.search("has_hard_bounced", "!=", True) == {fine}
    assert contacts.search("has_hard_bounced", "IN", [True, False]) == {bounced, fine}
    assert contacts.search("has_hard_bounced", "NIN", [False]) == {bounced}


# --- dates by day ------------------------------------------------------------------------


def test_compile_date_equal_matches_the_whole_utc_day(contacts: Contacts) -> None:
    early = contacts.add(created_at=ts("2024-05-29 00:00"))
    late = contacts.add(created_at=ts("2024-05-29 23:59:59"))
    contacts.add(created_at=ts("2024-05-28 23:59:59"))
    contacts.add(created_at=ts("2024-05-30 00:00"))
    assert contacts.search("created_at", "=", ts("2024-05-29 16:26:40")) == {early, late}


def test_compile_date_greater_starts_the_next_day(contacts: Contacts) -> None:
    contacts.add(created_at=ts("2024-05-29 23:59:59"))
    next_day = contacts.add(created_at=ts("2024-05-30 00:00"))
    assert contacts.search("created_at", ">", ts("2024-05-29 08:00")) == {next_day}


def test_compile_date_lower_ends_before_the_day(contacts: Contacts) -> None:
    before = contacts.add(created_at=ts("2024-05-28 23:59:59"))
    contacts.add(created_at=ts("2024-05-29 00:00"))
    assert contacts.search("created_at", "<", ts("2024-05-29 20:00")) == {before}


def test_compile_date_day_in_workspace_time_zone(contacts: Contacts) -> None:
    # 2024-05-29 05:00 UTC is still 2024-05-28 in Los Angeles (UTC-7).
    local_28_late = contacts.add(created_at=ts("2024-05-28 22:00", LA))
    local_29_early = contacts.add(created_at=ts("2024-05-29 00:30", LA))
    value = ts("2024-05-29 05:00")
    assert contacts.search("created_at", "=", value, timezone="America/Los_Angeles") == {
        local_28_late
    }
    assert contacts.search("created_at", ">", value, timezone="America/Los_Angeles") == {
        local_29_early
    }
    assert contacts.search("created_at", "=", value) == {local_28_late, local_29_early}


def test_compile_date_day_spans_23_hours_on_spring_forward(contacts: Contacts) -> None:
    # Los Angeles skips 02:00-03:00 on 2024-03-10: that day lasts 23 hours.
    last_minute = contacts.add(created_at=ts("2024-03-10 23:59", LA))
    next_day = contacts.add(created_at=ts("2024-03-11 00:30", LA))
    value = ts("2024-03-10 12:00", LA)
    found = contacts.search("created_at", "=", value, timezone="America/Los_Angeles")
    assert found == {last_minute}
    after = contacts.search("created_at", ">", value, timezone="America/Los_Angeles")
    assert after == {next_day}


def test_compile_date_day_spans_25_hours_on_fall_back(contacts: Contacts) -> None:
    last_minute = contacts.add(created_at=ts("2024-11-03 23:59", LA))
    contacts.add(created_at=ts("2024-11-04 00:00", LA))
    value = ts("2024-11-03 01:30", LA)
    found = contacts.search("created_at", "=", value, timezone="America/Los_Angeles")
    assert found == {last_minute}
    assert day_bounds(value, LA)[1] - day_bounds(value, LA)[0] == 25 * 3600


def test_day_bounds_skipped_midnight() -> None:
    # Sao Paulo moved clocks from 00:00 to 01:00 on 2018-11-04: the day starts at 01:00 -02.
    zone = ZoneInfo("America/Sao_Paulo")
    start, end = day_bounds(ts("2018-11-04 12:00", zone), zone)
    assert start == ts("2018-11-04 03:00")
    assert end == ts("2018-11-05 02:00")


def test_compile_date_value_is_truncated_not_the_column(contacts: Contacts) -> None:
    noon = contacts.add(last_seen_at=ts("2024-05-29 12:00"))
    assert contacts.search("last_seen_at", "=", ts("2024-05-29 23:00")) == {noon}
    assert contacts.search("last_seen_at", "=", "1716940800") == {noon}


# --- dates, exact seconds ----------------------------------------------------------------

EXACT = FieldRegistry(
    fields=(
        FieldSpec("id", FieldType.STRING, Contact.id, case_insensitive=False),
        FieldSpec("created_at", FieldType.DATE, Contact.created_at),
    ),
    date_rule=DateRule.EXACT,
)


def test_compile_exact_dates_treat_greater_and_lower_as_inclusive(contacts: Contacts) -> None:
    at = ts("2024-05-29 12:00")
    before, exact, after = (contacts.add(created_at=at + d) for d in (-1, 0, 1))
    assert contacts.search("created_at", ">", at, registry=EXACT) == {exact, after}
    assert contacts.search("created_at", "<", at, registry=EXACT) == {before, exact}
    assert contacts.search("created_at", ">=", at, registry=EXACT) == {exact, after}
    assert contacts.search("created_at", "<=", at, registry=EXACT) == {before, exact}
    assert contacts.search("created_at", "=", at, registry=EXACT) == {exact}
    assert contacts.search("created_at", "!=", at, registry=EXACT) == {before, after}
    assert contacts.search("created_at", "IN", [at - 1, at + 1], registry=EXACT) == {before, after}
    assert contacts.search("created_at", "NIN", [at], registry=EXACT) == {before, after}


# --- custom attributes -------------------------------------------------------------------


def test_compile_custom_attribute_by_value_type(contacts: Contacts) -> None:
    gold = contacts.add(custom_attributes={"plan": "Gold", "seats": 12, "vip": True})
    free = contacts.add(custom_attributes={"plan": "free", "seats": 1.5, "vip": False})
    bare = contacts.add(custom_attributes={})
    assert contacts.search("custom_attributes.plan", "=", "gold") == {gold}
    assert contacts.search("custom_attributes.plan", "~", "RE") == {free}
    assert contacts.search("custom_attributes.plan", "IN", ["FREE", "x"]) == {free}
    assert contacts.search("custom_attributes.seats", ">", 2) == {gold}
    assert contacts.search("custom_attributes.seats", "<=", 1.5) == {free}
    assert contacts.search("custom_attributes.seats", "=", 12) == {gold}
    assert contacts.search("custom_attributes.vip", "=", True) == {gold}
    assert contacts.search("custom_attributes.vip", "!=", True) == {free, bare}


def test_compile_custom_attribute_type_mismatch_never_matches_nor_fails(
    contacts: Contacts,
) -> None:
    text = contacts.add(custom_attributes={"score": "abc"})
    number = contacts.add(custom_attributes={"score": 7})
    boolean = contacts.add(custom_attributes={"score": True})
    listed = contacts.add(custom_attributes={"score": [1, 2]})
    nested = contacts.add(custom_attributes={"score": {"a": 1}})
    absent = contacts.add(custom_attributes={"other": 1})
    null = contacts.add(custom_attributes={"score": None})
    assert contacts.search("custom_attributes.score", ">", 5) == {number}
    assert contacts.search("custom_attributes.score", "IN", [7, 8]) == {number}
    assert contacts.search("custom_attributes.score", "!=", 5) == {number, absent, null}
    assert contacts.search("custom_attributes.score", "=", True) == {boolean}
    assert contacts.search("custom_attributes.score", "NIN", [False]) == {boolean, absent, null}
    assert contacts.search("custom_attributes.score", "~", "b") == {text}
    assert contacts.search("custom_attributes.score", "!~", "z") == {text, absent, null}
    assert contacts.search("custom_attributes.score", "=", None) == {absent, null}
    assert contacts.search("custom_attributes.score", "!=", None) == {
        text,
        number,
        boolean,
        listed,
        nested,
    }


def test_compile_custom_attribute_numbers_compare_exactly(contacts: Contacts) -> None:
    tenth = contacts.add(custom_attributes={"ratio": 0.1})
    big = contacts.add(custom_attributes={"ratio": 2**53 + 1})
    assert contacts.search("custom_attributes.ratio", "=", 0.1) == {tenth}
    assert contacts.search("custom_attributes.ratio", "=", 2**53 + 1) == {big}
    assert contacts.search("custom_attributes.ratio", "=", 2**53) == set()
    assert contacts.search("custom_attributes.ratio", "=", 0.10000000000000002) == set()


def test_compile_custom_attribute_key_with_spaces_and_symbols(contacts: Contacts) -> None:
    found = contacts.add(custom_attributes={"Plan $ tier-2_x": "a"})
    contacts.add(custom_attributes={"Plan": "a"})
    assert contacts.search("custom_attributes.Plan $ tier-2_x", "=", "A") == {found}


def test_compile_custom_attribute_key_is_a_checked_literal(db: Session) -> None:
    # The key is written into the SQL (so an expression index can match it); only names of
    # the safe alphabet get that far, and the compared value stays bound.
    node = parse_query(
        {"field": "custom_attributes.secret_key", "operator": "=", "value": 12345}, CONTACT_FIELDS
    )
    stmt = select(Contact.id).where(compile_query(node, CONTACT_FIELDS, timezone="UTC"))
    compiled = stmt.compile(dialect=db.get_bind().dialect)
    assert "'secret_key'" in str(compiled) or """'$."secret_key"'""" in str(compiled)
    assert "12345" not in str(compiled)
    assert 12345 in compiled.params.values()
    with pytest.raises(ParameterInvalid):
        parse_query(
            {"field": "custom_attributes.x' OR 1=1 --", "operator": "=", "value": 1},
            CONTACT_FIELDS,
        )


# --- compile contract --------------------------------------------------------------------


def test_compile_rechecks_hand_built_predicates() -> None:
    with pytest.raises(ParameterInvalid) as caught:
        compile_query(Predicate("created_at", Operator.NE, 5), CONTACT_FIELDS, timezone="UTC")
    assert caught.value.message == "The operator '!=' is not allowed for created_at (date field)"


def test_compile_custom_builder_gets_operator_and_value(contacts: Contacts) -> None:
    calls: list[tuple[Operator, Any]] = []

    def builder(op: Operator, value: Any) -> ColumnElement[bool]:
        calls.append((op, value))
        return true()

    registry = FieldRegistry(
        fields=(
            FieldSpec("id", FieldType.STRING, Contact.id),
            FieldSpec(
                "tag_id",
                FieldType.STRING,
                builder=builder,
                operators=frozenset({Operator.EQ, Operator.NE}),
                sortable=False,
            ),
        ),
        date_rule=DateRule.DAY,
    )
    everyone = {contacts.add(), contacts.add()}
    assert contacts.search("tag_id", "=", 17, registry=registry) == everyone
    assert calls == [(Operator.EQ, "17")]


def test_compile_context_builder_gets_registry_and_context(contacts: Contacts) -> None:
    calls: list[tuple[Operator, Any, FieldRegistry, CompileContext]] = []

    def builder(
        op: Operator, value: Any, registry: FieldRegistry, context: CompileContext
    ) -> ColumnElement[bool]:
        calls.append((op, value, registry, context))
        return true()

    registry = FieldRegistry(
        fields=(
            FieldSpec("id", FieldType.STRING, Contact.id),
            FieldSpec("saved", FieldType.STRING, context_builder=builder, sortable=False),
        ),
        date_rule=DateRule.DAY,
    )
    everyone = {contacts.add(), contacts.add()}
    context = CompileContext("Europe/Dublin", workspace_id=7, now=1_717_000_000, db=contacts.db)
    node = parse_query({"field": "saved", "operator": "IN", "value": ["a", 2]}, registry)
    assert contacts.where(compile_query(node, registry, context=context)) == everyone
    assert calls == [(Operator.IN, ("a", "2"), registry, context)]


def test_compile_timezone_is_a_short_context() -> None:
    node = parse_query({"field": "email", "operator": "=", "value": "a@b.test"}, CONTACT_FIELDS)
    with pytest.raises(TypeError):
        compile_query(node, CONTACT_FIELDS)
    with pytest.raises(TypeError):
        compile_query(node, CONTACT_FIELDS, timezone="UTC", context=CompileContext("Asia/Tokyo"))
    same = compile_query(node, CONTACT_FIELDS, timezone="UTC", context=CompileContext("UTC"))
    assert str(same) == str(compile_query(node, CONTACT_FIELDS, timezone="UTC"))


# --- sort and paging ---------------------------------------------------------------------


def page_ids(db: Session, body: dict[str, Any], workspace_id: int) -> list[list[str]]:
    request = parse_search_request(body, CONTACT_FIELDS, default_per_page=2)
    stmt = select(Contact).where(
        Contact.workspace_id == workspace_id,
        compile_query(request.query, CONTACT_FIELDS, timezone="UTC"),
    )
    order = sort_keys(request, CONTACT_FIELDS, default=CONTACT_DEFAULT_SORT)
    pages: list[list[str]] = []
    cursor = None
    while True:
        page = cursor_page(
            db,
            stmt,
            order=order,
            per_page=request.per_page,
            starting_after=cursor,
            query_print=request.fingerprint,
        )
        pages.append([row.id for row in page.items])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def flat(pages: Sequence[Sequence[str]]) -> list[str]:
    return [item for page in pages for item in page]


def test_sort_default_newest_first_then_id(contacts: Contacts) -> None:
    old = contacts.add(created_at=ts("2024-05-01 00:00"))
    new_a = contacts.add(created_at=ts("2024-05-02 00:00"))
    new_b = contacts.add(created_at=ts("2024-05-02 00:00"))
    body = {"query": {"field": "role", "operator": "=", "value": "user"}}
    pages = page_ids(contacts.db, body, contacts.workspace_id)
    assert pages == [[new_b, new_a], [old]]


def test_sort_nullable_strings_pages_without_gaps(contacts: Contacts) -> None:
    names = [None, "b", None, "a", "c", "b", None]
    ids = [contacts.add(name=name) for name in names]
    body = {
        "query": {"field": "role", "operator": "=", "value": "user"},
        "sort": {"field": "name", "order": "ascending"},
    }
    order = flat(page_ids(contacts.db, body, contacts.workspace_id))
    by_name = {i: n for i, n in zip(ids, names, strict=True)}
    assert sorted(order) == sorted(ids)
    assert [by_name[i] for i in order] == [None, None, None, "a", "b", "b", "c"]
    missing = [i for i in order if by_name[i] is None]
    assert missing == sorted(missing)


def test_sort_nullable_dates_descending(contacts: Contacts) -> None:
    seen = [ts("2024-05-03 00:00"), None, ts("2024-05-01 00:00"), None]
    ids = [contacts.add(last_seen_at=value) for value in seen]
    body = {
        "query": {"field": "role", "operator": "=", "value": "user"},
        "sort": {"field": "last_seen_at", "order": "descending"},
    }
    order = flat(page_ids(contacts.db, body, contacts.workspace_id))
    assert order == [ids[0], ids[2], ids[3], ids[1]]


def test_sort_booleans_and_ids(contacts: Contacts) -> None:
    ids = [contacts.add(has_hard_bounced=flag) for flag in (True, False, True)]
    body = {
        "query": {"field": "role", "operator": "=", "value": "user"},
        "sort": {"field": "has_hard_bounced", "order": "ascending"},
    }
    assert flat(page_ids(contacts.db, body, contacts.workspace_id)) == [ids[1], ids[0], ids[2]]
    by_id = {**body, "sort": {"field": "id", "order": "descending"}}
    assert flat(page_ids(contacts.db, by_id, contacts.workspace_id)) == sorted(ids, reverse=True)


def test_sort_keys_end_with_id_in_the_same_direction() -> None:
    request = parse_search_request(
        {
            "query": {"field": "role", "operator": "=", "value": "user"},
            "sort": {"field": "email", "order": "ascending"},
        },
        CONTACT_FIELDS,
        default_per_page=50,
    )
    keys = sort_keys(request, CONTACT_FIELDS, default=CONTACT_DEFAULT_SORT)
    assert [key.descending for key in keys] == [False, False]
    row = Contact(id="65f0c0ffee0000000000abcd", email=None)
    assert [key.value(row) for key in keys] == ["", "65f0c0ffee0000000000abcd"]


def test_sort_keys_default_without_sort() -> None:
    request = parse_search_request(
        {"query": {"field": "role", "operator": "=", "value": "user"}},
        CONTACT_FIELDS,
        default_per_page=50,
    )
    assert sort_keys(request, CONTACT_FIELDS, default=CONTACT_DEFAULT_SORT) == CONTACT_DEFAULT_SORT


# --- extremes run without database errors ------------------------------------------------


@pytest.mark.parametrize(
    ("field", "op", "value"),
    [
        ("name", "~", "%" * 5000),
        ("name", "$", "é" * 5000),
        ("name", "IN", ["x"] * 1000),
        ("owner_id", "=", 2**63 - 1),
        ("owner_id", "<", -(2**63)),
        ("created_at", "=", 253_402_128_000),
        ("created_at", "<", -62_135_424_000),
        ("custom_attributes.x", "=", 2**63 - 1),
        ("custom_attributes.x", ">", -1e308),
        ("custom_attributes.x", "<", 5e-324),
        ("custom_attributes.x", "^", "%_/" * 1000),
    ],
    ids=lambda value: repr(value)[:20],
)
def test_compile_extreme_values_run(contacts: Contacts, field: str, op: str, value: Any) -> None:
    contacts.add(name="x", owner_id=1, custom_attributes={"x": 1e300})
    contacts.search(field, op, value, timezone="Pacific/Kiritimati")
    contacts.search(field, op, value, timezone="Etc/GMT+12")


def test_compile_role_folds_the_value_not_the_column():
    from sqlalchemy.dialects import sqlite

    from backchannel.core.search import Operator, Predicate, compile_query
    from backchannel.resources.contacts.search_fields import CONTACT_FIELDS

    condition = compile_query(
        Predicate("role", Operator.EQ, "USER"), CONTACT_FIELDS, timezone="UTC"
    )
    compiled = condition.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    assert str(compiled) == "contacts.role = 'user'"
