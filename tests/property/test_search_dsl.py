"""Properties of the search DSL over the contact registry, on SQLite and PostgreSQL.

1. ``parse(to_json(ast)) == ast`` for ASTs drawn from the registry.
2. Compiled SQL selects exactly the contacts the pure-Python reference evaluator selects.
3. Arbitrary bodies either raise :class:`ApiError` or run without any other error.
4. Paging with ``cursor_page`` and ``sort_keys`` concatenates to the full ordered result.

The contacts are generated once per test from a fixed seed; hypothesis varies the queries.
"""

from __future__ import annotations

import random
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from backchannel.core.errors import ApiError
from backchannel.core.pagination import cursor_page
from backchannel.core.search import (
    And,
    FieldSpec,
    FieldType,
    Node,
    Operator,
    Or,
    Predicate,
    SearchRequest,
    Sort,
    SortOrder,
    compile_query,
    default_operators,
    parse_query,
    parse_search_request,
    sort_keys,
    to_json,
)
from backchannel.core.search.ast import Scalar, Value
from backchannel.db.tables import Contact
from backchannel.provisioning import NewWorkspace
from backchannel.resources.contacts.search_fields import CONTACT_DEFAULT_SORT, CONTACT_FIELDS
from tests.property.reference import matches

TIMEZONE = "America/Los_Angeles"
ZONE = ZoneInfo(TIMEZONE)
# 2024-03-10 08:00 UTC is local midnight of the 23-hour spring-forward day in Los Angeles.
BASE = 1_710_057_600
DAY = 86_400
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

REGISTRY = CONTACT_FIELDS
# Column fields only: relationship fields (tag_id, built conditions) have no value on a
# generated contact.
FIELDS: list[FieldSpec] = [
    spec for spec in REGISTRY.fields if not spec.unavailable and spec.expression is not None
]
SORTABLE = [spec.name for spec in FIELDS if spec.sortable]
CUSTOM_KEYS = ["score", "plan", "vip", "odd key$-", "never"]
ALPHABET = "abAB%_/ "
WORDS = ["", "a", "ab", "AB", "a%", "%", "_", "a_b", "axb", "b/", "lead", "user"]
FLOATS = [0.1, 0.5, 1.5, -2.25, 3.0, 100.0]
CONTACTS = 40
SEED = 20240310
UNIQUE = {"email", "external_id"}


# --- generated contacts ------------------------------------------------------------------


def _word(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 4)))


def _date(rng: random.Random) -> int:
    day = BASE + rng.randint(-3, 3) * DAY
    return rng.choice([day, day - 1, day + 1, day + rng.randint(0, DAY)])


def _custom(rng: random.Random) -> dict[str, Any]:
    options: dict[str, list[Any]] = {
        "score": [None, -1, 0, 2, 3, rng.choice(FLOATS), "abc", True, [1], {"a": 1}],
        "plan": [None, _word(rng), _word(rng), 5, False],
        "vip": [None, True, False, "true", 1],
        "odd key$-": [None, _word(rng)],
    }
    attributes: dict[str, Any] = {}
    for key, values in options.items():
        if rng.random() < 0.8:
            attributes[key] = rng.choice(values)
    return attributes


def generate_contacts(count: int, seed: int) -> list[dict[str, Any]]:
    """Plain contact dicts keyed by ``Contact`` attribute name."""
    rng = random.Random(seed)
    contacts = []
    for number in range(count):
        contact: dict[str, Any] = {
            "id": f"{rng.getrandbits(96):024x}",
            "role": rng.choice(["user", "lead"]),
            "created_at": _date(rng),
            "custom_attributes": _custom(rng),
        }
        contact["updated_at"] = contact["created_at"] + rng.choice([0, 5, DAY])
        for spec in FIELDS:
            attribute = getattr(spec.expression, "key", None)
            if attribute is None or attribute in contact:
                continue
            if spec.type is FieldType.BOOLEAN:
                contact[attribute] = rng.random() < 0.5
            elif rng.random() < 0.3:
                contact[attribute] = None
            elif spec.type is FieldType.STRING:
                word = _word(rng)
                contact[attribute] = f"{word}#{number}" if attribute in UNIQUE else word
            elif spec.type is FieldType.INTEGER:
                contact[attribute] = rng.randint(1, 4)
            else:
                contact[attribute] = _date(rng)
        contacts.append(contact)
    return contacts


def insert(db: Session, workspace: NewWorkspace, contacts: list[dict[str, Any]]) -> int:
    workspace_id = workspace.workspace.id
    db.add_all(Contact(workspace_id=workspace_id, **contact) for contact in contacts)
    db.commit()
    return workspace_id


# --- AST strategies ----------------------------------------------------------------------


def _scalars(kind: FieldType, ids: list[str]) -> st.SearchStrategy[Scalar]:
    if kind is FieldType.STRING:
        return st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=4))
    if kind is FieldType.INTEGER:
        return st.integers(-1, 5)
    if kind is FieldType.FLOAT:
        return st.sampled_from(FLOATS)
    if kind is FieldType.BOOLEAN:
        return st.booleans()
    return st.integers(-4, 4).flatmap(
        lambda d: st.sampled_from([BASE + d * DAY, BASE + d * DAY - 1, BASE + d * DAY + 7200])
    )


def _id_scalars(ids: list[str]) -> st.SearchStrategy[Scalar]:
    return st.one_of(st.sampled_from(ids), st.just("0" * 24)) if ids else st.just("0" * 24)


@st.composite
def predicates_st(draw: st.DrawFn, ids: list[str]) -> Predicate:
    """A valid predicate on a declared field or a custom attribute."""
    if draw(st.integers(0, 4)) == 0:
        name = "custom_attributes." + draw(st.sampled_from(CUSTOM_KEYS))
        kind = draw(
            st.sampled_from(
                [FieldType.STRING, FieldType.INTEGER, FieldType.FLOAT, FieldType.BOOLEAN]
            )
        )
        operators = default_operators(kind, REGISTRY.date_rule)
    else:
        spec = draw(st.sampled_from(FIELDS))
        name, kind, operators = spec.name, spec.type, REGISTRY.operators(spec)
    op = draw(st.sampled_from(sorted(operators, key=lambda o: o.value)))
    scalars = _id_scalars(ids) if name == "id" else _scalars(kind, ids)
    value: Value
    if op in (Operator.EQ, Operator.NE) and draw(st.integers(0, 9)) == 0:
        value = None
    elif op in (Operator.IN, Operator.NIN):
        value = tuple(draw(st.lists(scalars, min_size=1, max_size=4)))
    else:
        value = draw(scalars)
    return Predicate(name, op, value)


def queries(ids: list[str]) -> st.SearchStrategy[Node]:
    """Queries within the grammar limits: up to two levels of AND/OR groups."""
    leaf = predicates_st(ids)

    def group(items: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        return st.builds(
            lambda make, nodes: make(tuple(nodes)),
            st.sampled_from([And, Or]),
            st.lists(items, min_size=1, max_size=4),
        )

    return st.one_of(leaf, group(st.one_of(leaf, group(leaf))))


def sorts() -> st.SearchStrategy[Sort | None]:
    return st.one_of(
        st.none(),
        st.builds(Sort, st.sampled_from(SORTABLE), st.sampled_from(list(SortOrder))),
    )


# --- 1. round trip -----------------------------------------------------------------------


@SETTINGS
@given(node=queries(["65f0c0ffee0000000000abcd"]))
def test_search_json_round_trip(node: Node) -> None:
    assert parse_query(to_json(node), REGISTRY) == node


# --- 2. compiled SQL equals the reference ------------------------------------------------


def _select_ids(db: Session, workspace_id: int, node: Node) -> list[str]:
    stmt = select(Contact.id).where(
        Contact.workspace_id == workspace_id, compile_query(node, REGISTRY, timezone=TIMEZONE)
    )
    return list(db.execute(stmt).scalars())


def test_search_compiled_matches_reference(db: Session, workspace: NewWorkspace) -> None:
    contacts = generate_contacts(CONTACTS, SEED)
    workspace_id = insert(db, workspace, contacts)
    ids = [contact["id"] for contact in contacts]
    hits: list[int] = []

    @SETTINGS
    @given(node=queries(ids))
    def check(node: Node) -> None:
        found = _select_ids(db, workspace_id, node)
        expected = {c["id"] for c in contacts if matches(node, c, REGISTRY, ZONE)}
        assert len(found) == len(set(found))
        assert set(found) == expected, to_json(node)
        hits.append(len(found))

    check()
    assert any(0 < n < CONTACTS for n in hits), "queries never split the contacts"


# --- 3. anything else is an ApiError -----------------------------------------------------

_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["\x00", "\ud800", "1306054154", "true", "-5", "9" * 30, "1e3"]),
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELD_NAMES = st.one_of(
    st.sampled_from(
        [spec.name for spec in REGISTRY.fields] + ["andoid_sdk_version", "ios_app_device"]
    ),
    st.text(max_size=12),
    st.text(max_size=8).map(lambda key: "custom_attributes." + key),
    _JSON,
)
_OPERATORS = st.one_of(
    st.sampled_from([op.value for op in Operator] + ["AND", "OR", "and", "LIKE"]), _JSON
)


def _raw_filters() -> st.SearchStrategy[Any]:
    predicate = st.fixed_dictionaries(
        {},
        optional={"field": _FIELD_NAMES, "operator": _OPERATORS, "value": _JSON, "extra": _JSON},
    )
    return st.recursive(
        st.one_of(predicate, _JSON),
        lambda inner: st.fixed_dictionaries(
            {
                "operator": st.one_of(st.sampled_from(["AND", "OR", "XOR"]), _JSON),
                "value": st.one_of(st.lists(inner, max_size=17), _JSON),
            }
        ),
        max_leaves=20,
    )


_EDGE_VALUES = st.sampled_from(
    [
        2**63,
        2**63 - 1,
        -(2**63),
        -(2**63) - 1,
        1e308,
        float("nan"),
        float("inf"),
        -0.0,
        253_402_300_799,
        -62_135_596_800,
        "9" * 19,
        "-9223372036854775808",
        "a\x00",
        "\ud800",
        "x" * 5001,
        "%" * 5000,
        "é" * 5000,
        [],
        [1, "a"],
        [None],
        [[1]],
        list(range(1001)),
    ]
)


@st.composite
def mutated_queries(draw: st.DrawFn) -> Any:
    """A valid query's JSON with one predicate's field, operator or value replaced."""
    raw = to_json(draw(queries(["65f0c0ffee0000000000abcd"])))
    leaves: list[dict[str, Any]] = []
    stack = [raw]
    while stack:
        item = stack.pop()
        if "field" in item:
            leaves.append(item)
        else:
            stack.extend(item["value"])
    target = draw(st.sampled_from(leaves))
    key = draw(st.sampled_from(["field", "operator", "value"]))
    junk = {"field": _FIELD_NAMES, "operator": _OPERATORS, "value": st.one_of(_EDGE_VALUES, _JSON)}
    target[key] = draw(junk[key])
    return raw


def mostly(usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` four times in five, else ``rare``."""
    return st.integers(0, 4).flatmap(lambda n: rare if n == 0 else usual)


_VALID_QUERIES = queries(["65f0c0ffee0000000000abcd"]).map(to_json)
_PER_PAGE = st.one_of(st.integers(), st.from_regex(r"-?[0-9]{1,25}", fullmatch=True))
_BODIES = st.fixed_dictionaries(
    {
        "query": mostly(st.one_of(_VALID_QUERIES, mutated_queries()), _raw_filters()),
    },
    optional={
        "pagination": mostly(
            st.fixed_dictionaries(
                {},
                optional={
                    "per_page": mostly(_PER_PAGE, _JSON),
                    "starting_after": mostly(st.none(), st.text(max_size=30)),
                },
            ),
            _JSON,
        ),
        "sort": mostly(
            sorts().map(lambda sort: sort.to_json() if sort else None),
            st.one_of(
                st.fixed_dictionaries({}, optional={"field": _FIELD_NAMES, "order": _OPERATORS}),
                _JSON,
            ),
        ),
        "unknown": _JSON,
    },
)


def _run(db: Session, workspace_id: int, request: SearchRequest) -> list[str]:
    stmt = select(Contact).where(
        Contact.workspace_id == workspace_id,
        compile_query(request.query, REGISTRY, timezone=TIMEZONE),
    )
    page = cursor_page(
        db,
        stmt,
        order=sort_keys(request, REGISTRY, default=CONTACT_DEFAULT_SORT),
        per_page=request.per_page,
        starting_after=request.starting_after,
        query_print=request.fingerprint,
    )
    return [row.id for row in page.items]


def test_search_bad_input_is_always_an_api_error(db: Session, workspace: NewWorkspace) -> None:
    workspace_id = insert(db, workspace, generate_contacts(CONTACTS, SEED))

    @settings(SETTINGS, max_examples=150)
    @given(body=_BODIES)
    def check(body: dict[str, Any]) -> None:
        try:
            request = parse_search_request(body, REGISTRY, default_per_page=20)
            _run(db, workspace_id, request)
        except ApiError:
            pass

    check()


@SETTINGS
@given(
    predicate=st.fixed_dictionaries({"field": _FIELD_NAMES, "operator": _OPERATORS, "value": _JSON})
)
def test_search_bad_predicate_raises_api_error_before_sql(predicate: dict[str, Any]) -> None:
    try:
        node = parse_query(predicate, REGISTRY)
    except ApiError:
        return
    compile_query(node, REGISTRY, timezone=TIMEZONE)


# --- 4. paging ---------------------------------------------------------------------------


def test_search_pages_concatenate_to_the_full_result(db: Session, workspace: NewWorkspace) -> None:
    contacts = generate_contacts(CONTACTS, SEED + 1)
    workspace_id = insert(db, workspace, contacts)
    ids = [contact["id"] for contact in contacts]

    @SETTINGS
    @given(node=queries(ids), sort=sorts(), per_page=st.integers(2, 9))
    def check(node: Node, sort: Sort | None, per_page: int) -> None:
        body: dict[str, Any] = {"query": to_json(node), "pagination": {"per_page": per_page}}
        if sort is not None:
            body["sort"] = sort.to_json()
        request = parse_search_request(body, REGISTRY, default_per_page=20)
        order = sort_keys(request, REGISTRY, default=CONTACT_DEFAULT_SORT)
        stmt = select(Contact).where(
            Contact.workspace_id == workspace_id,
            compile_query(request.query, REGISTRY, timezone=TIMEZONE),
        )
        ordering = [k.expression.desc() if k.descending else k.expression.asc() for k in order]
        full = [row.id for row in db.execute(stmt.order_by(*ordering)).scalars()]

        paged: list[str] = []
        cursor = None
        for _ in range(CONTACTS + 2):
            page = cursor_page(
                db,
                stmt,
                order=order,
                per_page=request.per_page,
                starting_after=cursor,
                query_print=request.fingerprint,
            )
            assert page.total_count == len(full)
            assert len(page.items) <= per_page
            paged.extend(row.id for row in page.items)
            cursor = page.next_cursor
            if cursor is None:
                break
        assert paged == full
        assert len(set(paged)) == len(paged)
        expected = {c["id"] for c in contacts if matches(node, c, REGISTRY, ZONE)}
        assert set(paged) == expected
        _assert_monotonic(db, order, paged)

    check()


def _assert_monotonic(db: Session, order: list[Any], ids: list[str]) -> None:
    """Integer keys (dates, integers, booleans) read back in order; ties broken by id."""
    stmt = select(Contact).where(Contact.id.in_(ids))
    rows = {row.id: row for row in db.execute(stmt).scalars()}
    values = [tuple(key.value(rows[i]) for key in order) for i in ids]
    if values and all(isinstance(x, int) for x in values[0][:-1]):
        assert values == sorted(values, reverse=order[0].descending)
