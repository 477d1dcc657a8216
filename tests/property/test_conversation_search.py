"""Properties of conversation search, on SQLite and PostgreSQL.

1. Compiled SQL selects exactly the conversations a pure-Python evaluation selects, for
   random queries over every conversation field: plain columns through the shared reference
   evaluator (dates exact, ``>``/``<`` inclusive), and here the fields built otherwise: the
   numeric ``id``, the per-word ``source.body``, the many-valued ``contact_ids``,
   ``teammate_ids`` and ``tag_ids``, and the rating/AI fields no conversation has.
2. The same, for every operator and value on each field not compared as one column.
3. ``search`` pages concatenate to the whole ordered result, without the conversations
   that are not in the inbox.

The conversations are generated once per test from a fixed seed; hypothesis varies the queries.
"""

from __future__ import annotations

import random
import re
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import QueryableAttribute, Session

from backchannel.core.auth import WorkspaceInfo
from backchannel.core.html import words
from backchannel.core.ids import parse_numeric_id
from backchannel.core.search import (
    And,
    FieldSpec,
    FieldType,
    Node,
    Operator,
    Or,
    Predicate,
    Sort,
    SortOrder,
    compile_query,
    default_operators,
    to_json,
)
from backchannel.core.search.ast import Value
from backchannel.db.tables import (
    Contact,
    Conversation,
    ConversationContact,
    ConversationPart,
    Tag,
    Tagging,
)
from backchannel.provisioning import NewWorkspace
from backchannel.resources.conversations.search import search
from backchannel.resources.conversations.search_fields import CONVERSATION_FIELDS
from backchannel.resources.tags.search import CONVERSATION
from tests.property.reference import matches

REGISTRY = CONVERSATION_FIELDS
UTC = ZoneInfo("UTC")
BASE = 1_717_000_000
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CONVERSATIONS = 30
SEED = 20240529
VOCABULARY = ["support", "billing", "need", "refund", "order_42", "100", "Straße", "login", "a"]
QUERY_WORDS = [*VOCABULARY, "SUPPORT", "supp", "ing", "need support", "support!", "%", "_", "", " "]
TEAMMATES = ["11", "12", "13"]
_O = Operator
NEGATIONS = {_O.NE: _O.EQ, _O.NIN: _O.IN, _O.NOT_CONTAINS: _O.CONTAINS}


def _column_key(spec: FieldSpec) -> str | None:
    expression = spec.expression
    if spec.builder is None and isinstance(expression, QueryableAttribute):
        return str(expression.key)
    return None


PLAIN = [spec for spec in REGISTRY.fields if _column_key(spec) is not None]
SORTABLE = [spec.name for spec in REGISTRY.fields if spec.sortable]
BUILT = [spec for spec in REGISTRY.fields if _column_key(spec) is None]
"""Fields not compared as one column; drawn more often, their rules are this module's own."""
ABSENT = [spec for spec in REGISTRY.fields if spec.builder is None and _column_key(spec) is None]


# --- generated conversations -------------------------------------------------------------


def _date(rng: random.Random) -> int:
    return BASE + rng.choice([0, 10, 20, 30]) + rng.choice([0, 0, 1])


def _maybe(rng: random.Random, value: Any) -> Any:
    return None if rng.random() < 0.3 else value


def _conversation(rng: random.Random, number: int) -> dict[str, Any]:
    body = " ".join(rng.sample(VOCABULARY, rng.randint(0, 3)))
    state = rng.choice(["open", "closed", "snoozed"])
    stored: dict[str, Any] = {
        "in_inbox": rng.random() < 0.85,
        "created_at": _date(rng),
        "state": state,
        "open": state != "closed",
        "read": rng.random() < 0.5,
        "priority": rng.choice(["priority", "not_priority"]),
        "waiting_since": _maybe(rng, _date(rng)),
        "snoozed_until": _date(rng) if state == "snoozed" else None,
        "admin_assignee_id": _maybe(rng, rng.randint(1, 3)),
        "team_assignee_id": _maybe(rng, rng.randint(1, 3)),
        "custom_attributes": {
            key: value
            for key, value in (("plan", rng.choice(["pro", "Free"])), ("seats", rng.randint(0, 3)))
            if rng.random() < 0.7
        },
        "source_type": rng.choice(["conversation", "email", "push"]),
        "source_id": str(1000 + number),
        "source_delivered_as": rng.choice(["customer_initiated", "admin_initiated"]),
        "source_subject": rng.choice(["", "Billing", "billing help"]),
        "source_body": f"<p>{body}</p>" if body else "",
        "source_words": words(body),
        "source_author_type": rng.choice(["user", "lead", "admin"]),
        "source_author_id": str(rng.randint(1, 3)),
        "source_author_name": _maybe(rng, rng.choice(["Ann", "ann lee", "Bob"])),
        "source_author_email": _maybe(rng, rng.choice(["ann@x.test", "bob@y.test"])),
        "source_url": _maybe(rng, "https://x.test/a"),
        "source_attachments": [],
        "last_closed_by_id": _maybe(rng, rng.choice(TEAMMATES)),
        "count_reopens": rng.randint(0, 2),
        "count_assignments": rng.randint(0, 2),
        "count_conversation_parts": rng.randint(0, 3),
    }
    stored["updated_at"] = stored["created_at"] + rng.choice([0, 10])
    for spec in PLAIN:
        key = _column_key(spec)
        if key is not None and key not in stored and spec.name.startswith("statistics."):
            stored[key] = _maybe(rng, _date(rng) if spec.type is FieldType.DATE else 5)
    return stored


def generate(db: Session, workspace: NewWorkspace) -> tuple[WorkspaceInfo, list[dict[str, Any]]]:
    """Store the conversations with their contacts, admin parts and tags; return them as
    dicts of ``Conversation`` attributes plus ``contacts``, ``teammates``, ``tags``."""
    rng = random.Random(SEED)
    ws = workspace.workspace
    contacts = [
        Contact(id=f"{i:024x}", workspace_id=ws.id, role="user", created_at=BASE, updated_at=BASE)
        for i in range(0xABC0, 0xABC3)
    ]
    tags = [
        Tag(workspace_id=ws.id, name=name, name_key=name, created_at=BASE, updated_at=BASE)
        for name in ("a", "b", "c")
    ]
    db.add_all([*contacts, *tags])
    db.flush()
    made = []
    for number in range(CONVERSATIONS):
        stored = _conversation(rng, number)
        row = Conversation(workspace_id=ws.id, **stored)
        db.add(row)
        db.flush()
        chosen = {
            "contacts": [c.id for c in rng.sample(contacts, rng.randint(0, 2))],
            "teammates": rng.sample(TEAMMATES, rng.randint(0, 2)),
            "tags": [t.id for t in rng.sample(tags, rng.randint(0, 2))],
        }
        for position, contact_id in enumerate(chosen["contacts"]):
            db.add(
                ConversationContact(
                    conversation_id=row.id, contact_id=contact_id, added_at=BASE, position=position
                )
            )
        for author in [*chosen["teammates"], "5"]:
            db.add(
                ConversationPart(
                    conversation_id=row.id,
                    part_type="comment",
                    created_at=BASE,
                    updated_at=BASE,
                    notified_at=BASE,
                    author_type="admin" if author != "5" else "user",
                    author_id=author,
                    attachments=[],
                )
            )
        for tag_id in chosen["tags"]:
            db.add(
                Tagging(
                    tag_id=tag_id, target_type=CONVERSATION, target_id=str(row.id), applied_at=1
                )
            )
        made.append({**stored, "id": row.id, **chosen})
    db.commit()
    info = WorkspaceInfo(
        id=ws.id,
        id_code=ws.id_code,
        name=ws.name,
        timezone=ws.timezone,
        region=ws.region,
        identity_verification=ws.identity_verification,
        created_at=ws.created_at,
    )
    return info, made


# --- the reference -----------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def evaluate(node: Node, conversation: dict[str, Any]) -> bool:
    """Whether ``conversation`` satisfies ``node``."""
    if isinstance(node, And):
        return all(evaluate(item, conversation) for item in node.items)
    if isinstance(node, Or):
        return any(evaluate(item, conversation) for item in node.items)
    return _predicate(node, REGISTRY.resolve(node.field, node.value), conversation)


def _predicate(node: Predicate, spec: FieldSpec, conversation: dict[str, Any]) -> bool:
    name = spec.name
    if name == "id":
        elements, compare = [conversation["id"]], _numeric
    elif name == "tag_ids":
        elements, compare = conversation["tags"], _numeric
    elif name == "contact_ids":
        elements, compare = conversation["contacts"], _exact
    elif name == "teammate_ids":
        elements, compare = conversation["teammates"], _exact
    elif name == "source.body":
        elements, compare = conversation["source_words"].split(), _word
    elif spec in ABSENT:
        elements, compare = [], _exact
    else:
        return matches(node, conversation, REGISTRY, UTC)
    if node.value is None:
        return (not elements) if node.op is _O.EQ else bool(elements)
    positive = NEGATIONS.get(node.op, node.op)
    hit = any(compare(positive, element, node.value) for element in elements)
    if name == "source.body" and positive is _O.CONTAINS and str(node.value).strip() == "":
        hit = bool(elements)
    return not hit if node.op in NEGATIONS else hit


def _text(op: Operator, stored: str, value: Any) -> bool:
    stored, part = stored.lower(), str(value).lower()
    if op is _O.CONTAINS:
        return part in stored
    if op is _O.STARTS_WITH:
        return stored.startswith(part)
    return stored.endswith(part)


def _exact(op: Operator, stored: str, value: Any) -> bool:
    if op is _O.EQ:
        return stored == value
    if op is _O.IN:
        return stored in value
    return _text(op, stored, value)


def _numeric(op: Operator, stored: int, value: Any) -> bool:
    if op is _O.EQ:
        return parse_numeric_id(value) == stored
    if op is _O.IN:
        return stored in {parse_numeric_id(item) for item in value}
    return _text(op, str(stored), value)


def _word(op: Operator, stored: str, value: Any) -> bool:
    def one(candidate: str) -> str | None:
        trimmed = candidate.strip()
        return trimmed.casefold() if _WORD.fullmatch(trimmed) else None

    if op is _O.IN:
        return stored in {one(item) for item in value}
    word = one(value)
    if word is None:
        return False
    if op is _O.EQ:
        return stored == word
    if op is _O.CONTAINS:
        return word in stored
    if op is _O.STARTS_WITH:
        return stored.startswith(word)
    return stored.endswith(word)


# --- strategies --------------------------------------------------------------------------


def _scalars(spec: FieldSpec, ids: list[str], contacts: list[str], tags: list[str]) -> Any:
    special: dict[str, list[str]] = {
        "id": [*ids, "0", "nope"],
        "contact_ids": [*contacts, "0" * 24],
        "teammate_ids": [*TEAMMATES, "5", "99"],
        "tag_ids": [*tags, "0", "x"],
        "source.body": QUERY_WORDS,
    }
    if spec.name in special:
        return st.one_of(
            st.sampled_from(special[spec.name]), st.sampled_from(special[spec.name]).map(str.upper)
        )
    if spec.type is FieldType.STRING:
        return st.sampled_from(
            ["", "pro", "PRO", "billing", "Billing", "ann", "@x.test", "conversation", "open",
             "snoozed", "priority", "11", "1", "10", "%", "_"]
        )  # fmt: skip
    if spec.type is FieldType.INTEGER:
        return st.integers(-1, 6)
    if spec.type is FieldType.BOOLEAN:
        return st.booleans()
    return st.sampled_from([BASE + d for d in (-1, 0, 1, 10, 11, 20, 21, 30, 31, 40)])


@st.composite
def predicates_st(draw: st.DrawFn, ids: list[str], contacts: list[str], tags: list[str]) -> Node:
    if draw(st.integers(0, 6)) == 0:
        key, kind = draw(
            st.sampled_from([("plan", FieldType.STRING), ("seats", FieldType.INTEGER)])
        )
        name, operators = f"custom_attributes.{key}", default_operators(kind, REGISTRY.date_rule)
        scalars = _scalars(FieldSpec(name, kind, sortable=False, unavailable=True), [], [], [])
    else:
        spec = draw(st.sampled_from(BUILT if draw(st.booleans()) else list(REGISTRY.fields)))
        name, operators = spec.name, REGISTRY.operators(spec)
        scalars = _scalars(spec, ids, contacts, tags)
    op = draw(st.sampled_from(sorted(operators, key=lambda o: o.value)))
    value: Value
    if op in (_O.EQ, _O.NE) and draw(st.integers(0, 7)) == 0:
        value = None
    elif op in (_O.IN, _O.NIN):
        value = tuple(draw(st.lists(scalars, min_size=1, max_size=3)))
    else:
        value = draw(scalars)
    return Predicate(name, op, value)


def queries(ids: list[str], contacts: list[str], tags: list[str]) -> st.SearchStrategy[Node]:
    leaf = predicates_st(ids, contacts, tags)

    def group(items: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        return st.builds(
            lambda make, nodes: make(tuple(nodes)),
            st.sampled_from([And, Or]),
            st.lists(items, min_size=1, max_size=3),
        )

    return st.one_of(leaf, leaf, group(st.one_of(leaf, group(leaf))))


def _names(made: list[dict[str, Any]]) -> tuple[list[str], list[str], list[str]]:
    contacts = sorted({c for m in made for c in m["contacts"]})
    tags = sorted({str(t) for m in made for t in m["tags"]})
    return [str(m["id"]) for m in made], contacts, tags


# --- 1. compiled SQL equals the reference ------------------------------------------------


def test_conversation_search_compiled_matches_reference(
    db: Session, workspace: NewWorkspace
) -> None:
    info, made = generate(db, workspace)
    sizes: list[int] = []

    @SETTINGS
    @given(node=queries(*_names(made)))
    def check(node: Node) -> None:
        stmt = select(Conversation.id).where(
            Conversation.workspace_id == info.id, compile_query(node, REGISTRY, timezone="UTC")
        )
        found = list(db.execute(stmt).scalars())
        expected = {m["id"] for m in made if evaluate(node, m)}
        assert len(found) == len(set(found))
        assert set(found) == expected, to_json(node)
        sizes.append(len(found))

    check()
    assert any(0 < n < CONVERSATIONS for n in sizes), "queries never split the conversations"


def _candidates(spec: FieldSpec, names: tuple[list[str], list[str], list[str]]) -> list[Any]:
    """Every value the strategies draw for a built field (and its upper case)."""
    strategy = _scalars(spec, *names)
    values: set[Any] = set()

    @settings(SETTINGS, max_examples=200)
    @given(value=strategy)
    def collect(value: Any) -> None:
        values.add(value)

    collect()
    return sorted(values, key=repr)


def test_conversation_search_built_fields_every_operator_and_value(
    db: Session, workspace: NewWorkspace
) -> None:
    """Each field not compared as one column, with every operator and every drawn value."""
    info, made = generate(db, workspace)
    names = _names(made)
    for spec in BUILT:
        candidates = _candidates(spec, names)
        for op in sorted(REGISTRY.operators(spec), key=lambda o: o.value):
            values: list[Value]
            if op in (_O.IN, _O.NIN):
                values = [(value,) for value in candidates]
                values += [tuple(candidates[i : i + 2]) for i in range(0, len(candidates), 2)]
            else:
                values = list(candidates)
            if op in (_O.EQ, _O.NE):
                values.append(None)
            for value in values:
                node = Predicate(spec.name, op, value)
                stmt = select(Conversation.id).where(
                    Conversation.workspace_id == info.id,
                    compile_query(node, REGISTRY, timezone="UTC"),
                )
                found = set(db.execute(stmt).scalars())
                assert found == {m["id"] for m in made if evaluate(node, m)}, to_json(node)


# --- 3. pages of search() ----------------------------------------------------------------


def _sort_value(conversation: dict[str, Any], sort: Sort | None) -> tuple[Any, ...]:
    if sort is None:
        return (conversation["created_at"], conversation["id"])
    spec = REGISTRY.spec(sort.field)
    key = _column_key(spec) or "id"
    value = conversation[key]
    if value is None:
        value = "" if spec.type is FieldType.STRING else -(2**63)
    if isinstance(value, bool):
        value = int(value)
    return (value, conversation["id"])


def test_conversation_search_pages_concatenate(db: Session, workspace: NewWorkspace) -> None:
    info, made = generate(db, workspace)
    sorts = st.one_of(
        st.none(), st.builds(Sort, st.sampled_from(SORTABLE), st.sampled_from(list(SortOrder)))
    )

    @SETTINGS
    @given(node=queries(*_names(made)), sort=sorts, per_page=st.integers(1, 7))
    def check(node: Node, sort: Sort | None, per_page: int) -> None:
        body: dict[str, Any] = {"query": to_json(node), "pagination": {"per_page": per_page}}
        if sort is not None:
            body["sort"] = sort.to_json()
        expected = [m for m in made if m["in_inbox"] and evaluate(node, m)]
        descending = sort is None or sort.descending
        expected.sort(key=lambda m: _sort_value(m, sort), reverse=descending)
        paged: list[int] = []
        cursor = None
        for _ in range(CONVERSATIONS + 1):
            if cursor is not None:
                body["pagination"]["starting_after"] = cursor
            page = search(db, workspace=info, request=body, now=BASE)
            assert page.total_count == len(expected)
            paged.extend(row.id for row in page.items)
            cursor = page.next_cursor
            if cursor is None:
                break
        if sort is not None and REGISTRY.spec(sort.field).type is FieldType.STRING:
            # Text orders by the database's collation; compare the set and the tie-break.
            assert sorted(paged) == sorted(m["id"] for m in expected)
        else:
            assert paged == [m["id"] for m in expected], body

    check()
