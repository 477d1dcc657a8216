"""searchConversations: POST /conversations/search through the HTTP API.

Conversations are made and changed through the API (start, reply, assign, snooze, close,
tags, participants, custom attributes); every search checks which conversations come back,
in which order, not only the status.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from backchannel.db.tables import Conversation
from tests.conftest import START, assert_error
from tests.factories import declare_attributes


def _search(api, query, **extra) -> dict[str, Any]:
    response = api.post("/conversations/search", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["type"] == "conversation.list"
    return body


def _ids(api, query, **extra) -> list[str]:
    body = _search(api, query, **extra)
    ids = [conversation["id"] for conversation in body["conversations"]]
    assert body["total_count"] == len(ids)
    return ids


def _where(field, operator, value) -> dict[str, Any]:
    return {"field": field, "operator": operator, "value": value}


def _set(runtime, conversation_id, **values) -> None:
    """Change stored columns the API cannot (priority, inbox visibility)."""
    with runtime.sessions.begin() as session:
        session.execute(
            update(Conversation).where(Conversation.id == int(conversation_id)).values(**values)
        )


@pytest.fixture
def lead(make_contact):
    return make_contact(role="lead", email="lee@leads.test", name="Lee Lead")


@pytest.fixture
def trio(start, lead, clock):
    """Three conversations ten seconds apart: Joe's (billing), Lee's (refund), Joe's (login)."""
    first = start("I need support with billing", subject="Billing")
    clock.advance(10)
    second = start("Refund please: order_42 is 100% broken", who=lead)
    clock.advance(10)
    third = start("Cannot login since Tuesday")
    return first, second, third


# --- response ----------------------------------------------------------------------------


def test_search_conversations_returns_list_items_like_list_conversations(api, trio):
    listed = api.get("/conversations").json()["conversations"]
    body = _search(api, _where("source.type", "=", "conversation"))
    assert body == {
        "type": "conversation.list",
        "conversations": listed,
        "total_count": 3,
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1},
    }
    assert all("conversation_parts" not in item for item in body["conversations"])


def test_search_conversations_nothing_found(api, trio):
    body = _search(api, _where("source.subject", "=", "nothing like this"))
    assert body["conversations"] == []
    assert body["total_count"] == 0
    assert body["pages"]["total_pages"] == 0
    assert body["pages"].get("next") is None


# --- id and source -----------------------------------------------------------------------


def test_search_conversations_by_id(api, trio):
    first, second, third = (c["id"] for c in trio)
    assert _ids(api, _where("id", "=", first)) == [first]
    assert _ids(api, _where("id", "=", int(second))) == [second]
    assert _ids(api, _where("id", "IN", [first, third, "nope"])) == [third, first]
    assert _ids(api, _where("id", "NIN", [first])) == [third, second]
    assert _ids(api, _where("id", "!=", "nope")) == [third, second, first]
    assert _ids(api, _where("id", "=", "nope")) == []
    assert _ids(api, _where("id", "=", None)) == []
    assert _ids(api, _where("id", "^", first)) == [first]


def test_search_conversations_by_source_fields(api, trio, contact, lead):
    first, second, third = (c["id"] for c in trio)
    assert _ids(api, _where("source.subject", "=", "BILLING")) == [first]
    assert _ids(api, _where("source.subject", "=", "")) == [third, second]
    assert _ids(api, _where("source.id", "=", trio[1]["source"]["id"])) == [second]
    assert _ids(api, _where("source.delivered_as", "=", "customer_initiated")) == [
        third,
        second,
        first,
    ]
    assert _ids(api, _where("source.author.id", "=", contact["id"])) == [third, first]
    assert _ids(api, _where("source.author.type", "=", "lead")) == [second]
    assert _ids(api, _where("source.author.type", "IN", ["user", "admin"])) == [third, first]
    assert _ids(api, _where("source.author.name", "~", "bloggs")) == [third, first]
    assert _ids(api, _where("source.author.email", "$", "@leads.test")) == [second]
    assert _ids(api, _where("source.author.email", "^", "JOE")) == [third, first]
    assert _ids(api, _where("source.url", "=", None)) == [third, second, first]
    assert _ids(api, _where("source.url", "!=", None)) == []
    assert _ids(api, _where("source.type", "!=", "email")) == [third, second, first]
    assert _ids(api, _where("channel_initiated", "=", "conversation")) == [third, second, first]
    assert _ids(api, _where("channel_initiated", "IN", ["email", "sms"])) == []


@pytest.mark.parametrize(
    ("operator", "value", "found"),
    [
        # = is one whole word, in any case; several words or a fragment find nothing.
        ("=", "support", [0]),
        ("=", "SUPPORT", [0]),
        ("=", "need support", []),
        ("=", "supp", []),
        ("=", "support!", []),
        ("=", "login", [2]),
        ("=", "order_42", [1]),
        ("=", "100", [1]),
        ("!=", "support", [2, 1]),
        ("IN", ["refund", "LOGIN", "two words"], [2, 1]),
        ("NIN", ["refund", "login"], [0]),
        # ~ ^ $ test each word, never across words.
        ("~", "upp", [0]),
        ("~", "b>", []),
        ("~", "p", [1, 0]),
        ("~", "need supp", []),
        ("~", "%", []),
        ("~", "_", [1]),
        ("!~", "upp", [2, 1]),
        ("^", "bill", [0]),
        ("^", "illing", []),
        ("^", "order_", [1]),
        ("$", "day", [2]),
        ("$", "_42", [1]),
        ("$", "tues", []),
    ],
)
def test_search_conversations_source_body_matches_words(api, trio, operator, value, found):
    expected = [trio[i]["id"] for i in found]
    assert _ids(api, _where("source.body", operator, value)) == expected


def test_search_conversations_source_body_without_words(api, start, runtime):
    has_words = start("Hello there")
    empty = start("Hello again")
    _set(runtime, empty["id"], source_body="<p></p>", source_words=" ")
    assert _ids(api, _where("source.body", "=", None)) == [empty["id"]]
    assert _ids(api, _where("source.body", "!=", None)) == [has_words["id"]]
    assert _ids(api, _where("source.body", "~", "")) == [has_words["id"]]


# --- state, assignment, participants, tags -----------------------------------------------


def test_search_conversations_by_state_open_read_and_priority(
    api, trio, act, admin_id, clock, runtime
):
    first, second, third = (c["id"] for c in trio)
    act(first, "parts", message_type="close", type="admin", admin_id=admin_id)
    until = clock.now() + 3600
    act(second, "parts", message_type="snoozed", admin_id=admin_id, snoozed_until=until)
    assert api.put(f"/conversations/{third}", json={"read": True}).status_code == 200
    _set(runtime, first, priority="priority")

    assert _ids(api, _where("state", "=", "closed")) == [first]
    assert _ids(api, _where("state", "=", "SNOOZED")) == [second]
    assert _ids(api, _where("state", "IN", ["open", "snoozed"])) == [third, second]
    assert _ids(api, _where("open", "=", True)) == [third, second]
    assert _ids(api, _where("open", "=", "false")) == [first]
    assert _ids(api, _where("open", "!=", True)) == [first]
    assert _ids(api, _where("read", "=", True)) == [third]
    assert _ids(api, _where("snoozed_until", "=", until)) == [second]
    assert _ids(api, _where("snoozed_until", "=", None)) == [third, first]
    assert _ids(api, _where("priority", "=", "priority")) == [first]
    assert _ids(api, _where("priority", "=", "not_priority")) == [third, second]


def test_search_conversations_wakes_snoozes_that_ran_out(api, start, act, admin_id, clock):
    conversation = start()
    until = clock.now() + 60
    act(conversation["id"], "parts", message_type="snoozed", admin_id=admin_id,
        snoozed_until=until)  # fmt: skip
    assert _ids(api, _where("state", "=", "snoozed")) == [conversation["id"]]
    clock.advance(61)
    assert _ids(api, _where("state", "=", "snoozed")) == []
    assert _ids(api, _where("state", "=", "open")) == [conversation["id"]]
    assert _ids(api, _where("updated_at", "=", until)) == [conversation["id"]]


def test_search_conversations_by_assignee(api, trio, act, admin_id, bob_id, team_id):
    first, second, third = (c["id"] for c in trio)
    act(first, "parts", message_type="assignment", type="admin", admin_id=admin_id,
        assignee_id=bob_id)  # fmt: skip
    act(second, "parts", message_type="assignment", type="team", admin_id=admin_id,
        assignee_id=team_id)  # fmt: skip

    assert _ids(api, _where("admin_assignee_id", "=", int(bob_id))) == [first]
    assert _ids(api, _where("admin_assignee_id", "=", bob_id)) == [first]
    assert _ids(api, _where("admin_assignee_id", "=", None)) == [third, second]
    assert _ids(api, _where("admin_assignee_id", ">", 0)) == [first]
    assert _ids(api, _where("admin_assignee_id", "!=", int(bob_id))) == [third, second]
    assert _ids(api, _where("team_assignee_id", "IN", [int(team_id), 999999])) == [second]
    assert _ids(api, _where("team_assignee_id", "!=", None)) == [second]
    assert_error(
        api.post("/conversations/search", json={"query": _where("team_assignee_id", "=", "x")}),
        400,
        "parameter_invalid",
    )


def test_search_conversations_by_contact_ids(api, trio, act, admin_id, contact, lead):
    first, second, third = (c["id"] for c in trio)
    act(first, "customers", admin_id=admin_id, customer={"intercom_user_id": lead["id"]})

    assert _ids(api, _where("contact_ids", "=", lead["id"])) == [second, first]
    assert _ids(api, _where("contact_ids", "=", contact["id"])) == [third, first]
    assert _ids(api, _where("contact_ids", "!=", contact["id"])) == [second]
    assert _ids(api, _where("contact_ids", "IN", [lead["id"], "0" * 24])) == [second, first]
    assert _ids(api, _where("contact_ids", "NIN", [lead["id"]])) == [third]
    assert _ids(api, _where("contact_ids", "=", "0" * 24)) == []
    assert _ids(api, _where("contact_ids", "=", None)) == []
    assert _ids(api, _where("contact_ids", "^", lead["id"][:10])) == [second, first]


def test_search_conversations_by_teammate_ids(api, trio, act, admin_id, bob_id):
    first, second, third = (c["id"] for c in trio)
    act(first, "reply", type="admin", admin_id=admin_id, message_type="comment", body="Hi")
    act(second, "reply", type="admin", admin_id=bob_id, message_type="note", body="Hmm")
    act(second, "reply", type="admin", admin_id=admin_id, message_type="comment", body="On it")

    assert _ids(api, _where("teammate_ids", "=", admin_id)) == [second, first]
    assert _ids(api, _where("teammate_ids", "=", int(bob_id))) == [second]
    assert _ids(api, _where("teammate_ids", "!=", bob_id)) == [third, first]
    assert _ids(api, _where("teammate_ids", "IN", [bob_id, "999999"])) == [second]
    assert _ids(api, _where("teammate_ids", "=", None)) == [third]
    assert _ids(api, _where("teammate_ids", "!=", None)) == [second, first]
    # The teammates listed on each conversation are the ones searched.
    found = _search(api, _where("teammate_ids", "=", bob_id))["conversations"][0]
    assert {t["id"] for t in found["teammates"]["teammates"]} == {admin_id, bob_id}


def test_search_conversations_by_tag_ids(api, trio, admin_id):
    first, second, third = (c["id"] for c in trio)
    vip = api.post("/tags", json={"name": "VIP"}).json()
    bug = api.post("/tags", json={"name": "Bug"}).json()
    for conversation_id, tag in ((first, vip), (first, bug), (second, bug)):
        response = api.post(
            f"/conversations/{conversation_id}/tags", json={"id": tag["id"], "admin_id": admin_id}
        )
        assert response.status_code == 200, response.text

    assert _ids(api, _where("tag_ids", "=", vip["id"])) == [first]
    assert _ids(api, _where("tag_ids", "=", int(bug["id"]))) == [second, first]
    assert _ids(api, _where("tag_ids", "IN", [vip["id"], "nope"])) == [first]
    assert _ids(api, _where("tag_ids", "!=", vip["id"])) == [third, second]
    assert _ids(api, _where("tag_ids", "NIN", [vip["id"], bug["id"]])) == [third]
    assert _ids(api, _where("tag_ids", "=", "nope")) == []
    assert _ids(api, _where("tag_ids", "=", None)) == [third]
    assert _ids(api, _where("tag_ids", "!=", None)) == [second, first]


# --- statistics and dates ----------------------------------------------------------------


def test_search_conversations_by_statistics(api, trio, act, admin_id, bob_id, clock):
    first, second, third = (c["id"] for c in trio)
    clock.advance(60)
    act(first, "reply", type="admin", admin_id=admin_id, message_type="comment", body="Hi")
    replied_at = clock.now()
    clock.advance(40)
    act(first, "parts", message_type="close", type="admin", admin_id=bob_id)
    closed_at = clock.now()
    act(second, "parts", message_type="assignment", type="admin", admin_id=admin_id,
        assignee_id=bob_id)  # fmt: skip

    assert _ids(api, _where("statistics.first_admin_reply_at", "=", replied_at)) == [first]
    assert _ids(api, _where("statistics.time_to_admin_reply", "=", replied_at - START)) == [first]
    assert _ids(api, _where("statistics.time_to_admin_reply", "=", None)) == [third, second]
    assert _ids(api, _where("statistics.last_close_at", ">", closed_at)) == [first]
    assert _ids(api, _where("statistics.first_close_at", "<", closed_at - 1)) == []
    assert _ids(api, _where("statistics.last_closed_by_id", "=", bob_id)) == [first]
    assert _ids(api, _where("statistics.last_closed_by_id", "!=", bob_id)) == [third, second]
    assert _ids(api, _where("statistics.count_conversation_parts", ">", 1)) == [first]
    assert _ids(api, _where("statistics.count_conversation_parts", "=", 0)) == [third]
    assert _ids(api, _where("statistics.count_assignments", "=", 1)) == [second]
    assert _ids(api, _where("statistics.last_assignment_at", "!=", None)) == [second]
    assert _ids(api, _where("statistics.first_contact_reply_at", "=", START + 20)) == [third]
    assert _ids(api, _where("statistics.count_reopens", "<=", 0)) == [third, second, first]


def test_search_conversations_dates_are_exact_and_inclusive(api, trio):
    first, second, third = (c["id"] for c in trio)
    assert _ids(api, _where("created_at", "=", START + 10)) == [second]
    assert _ids(api, _where("created_at", "=", str(START + 10))) == [second]
    assert _ids(api, _where("created_at", ">", START + 10)) == [third, second]
    assert _ids(api, _where("created_at", "<", START + 10)) == [second, first]
    assert _ids(api, _where("created_at", ">", START + 11)) == [third]
    assert _ids(api, _where("created_at", ">=", START + 20)) == [third]
    assert _ids(api, _where("created_at", "!=", START + 10)) == [third, first]
    assert _ids(api, _where("created_at", "IN", [START, START + 20])) == [third, first]
    assert _ids(api, _where("updated_at", "<", START)) == [first]
    assert _ids(api, _where("waiting_since", ">", START + 5)) == [third, second]


def test_search_conversations_by_custom_attributes(api, trio):
    first, second, third = (c["id"] for c in trio)
    declare_attributes(api, model="conversation", plan="string", seats="integer", vip="boolean")
    values = {first: {"plan": "Pro", "seats": 5, "vip": True}, second: {"plan": "free", "seats": 1}}
    for conversation_id, custom in values.items():
        response = api.put(f"/conversations/{conversation_id}", json={"custom_attributes": custom})
        assert response.status_code == 200, response.text

    assert _ids(api, _where("custom_attributes.plan", "=", "pro")) == [first]
    assert _ids(api, _where("custom_attributes.plan", "!=", "pro")) == [third, second]
    assert _ids(api, _where("custom_attributes.seats", ">", 1)) == [first]
    assert _ids(api, _where("custom_attributes.seats", "=", "1")) == [second]
    assert _ids(api, _where("custom_attributes.vip", "=", True)) == [first]
    assert _ids(api, _where("custom_attributes.plan", "=", None)) == [third]
    assert _ids(api, _where("custom_attributes.undeclared", "=", "x")) == []
    # The declared type decides: a word is no integer.
    assert_error(
        api.post(
            "/conversations/search",
            json={"query": _where("custom_attributes.seats", "=", "many")},
        ),
        400,
        "parameter_invalid",
    )


def test_search_conversations_rating_and_ai_agent_fields_have_no_values(api, trio):
    everything = [c["id"] for c in reversed(trio)]
    for field, value in [
        ("conversation_rating.admin_d", "1"),
        ("conversation_rating.admin_id", "1"),
        ("conversation_rating.score", 5),
        ("conversation_rating.remark", "great"),
        ("conversation_rating.contact_id", "abc"),
        ("conversation_rating.requested_at", START),
        ("conversation_rating.replied_at", START),
        ("ai_agent_participated", True),
        ("ai_agent.resolution_state", "assumed_resolution"),
        ("ai_agent.last_answer_type", "ai_answer"),
        ("ai_agent.rating", 1),
        ("ai_agent.rating_remark", "ok"),
        ("ai_agent.source_type", "essentials_plan_setup"),
        ("ai_agent.source_title", "Setup"),
    ]:
        assert _ids(api, _where(field, "=", value)) == [], field
        assert _ids(api, _where(field, "!=", value)) == everything, field
        assert _ids(api, _where(field, "=", None)) == everything, field
    assert _ids(api, _where("conversation_rating.score", ">", 0)) == []
    assert _ids(api, _where("ai_agent.source_title", "~", "s")) == []
    assert_error(
        api.post("/conversations/search", json={"query": _where("ai_agent.rating", "=", "great")}),
        400,
        "parameter_invalid",
    )


# --- grammar, paging, sort ---------------------------------------------------------------


def test_search_conversations_nested_and_or(api, trio, act, admin_id):
    first, second, third = (c["id"] for c in trio)
    act(third, "parts", message_type="close", type="admin", admin_id=admin_id)
    query = {
        "operator": "OR",
        "value": [
            {
                "operator": "AND",
                "value": [
                    _where("source.body", "=", "support"),
                    _where("open", "=", True),
                ],
            },
            {
                "operator": "AND",
                "value": [
                    _where("state", "=", "closed"),
                    _where("source.body", "IN", ["login", "refund"]),
                ],
            },
        ],
    }
    assert _ids(api, query) == [third, first]
    query = {
        "operator": "AND",
        "value": [
            _where("created_at", ">", START),
            {"operator": "OR", "value": [_where("state", "=", "closed"), _where("id", "=", first)]},
        ],
    }
    assert _ids(api, query) == [third, first]
    assert _ids(api, {"operator": "AND", "value": [_where("id", "=", second)]}) == [second]


def test_search_conversations_pages_follow_next(api, start, clock):
    made = []
    for n in range(5):
        made.append(start(f"Question number {n}")["id"])
        clock.advance(1)
    query = _where("source.body", "=", "question")
    seen: list[str] = []
    pages = []
    body = _search(api, query, pagination={"per_page": 2})
    while True:
        pages.append(body["pages"])
        assert body["total_count"] == 5
        seen.extend(c["id"] for c in body["conversations"])
        following = body["pages"].get("next")
        if not following:
            break
        body = _search(
            api, query, pagination={"per_page": 2, "starting_after": following["starting_after"]}
        )
    assert seen == list(reversed(made))
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert all(p["per_page"] == 2 and p["total_pages"] == 3 for p in pages)
    # A cursor belongs to its query.
    cursor = pages[0]["next"]["starting_after"]
    response = api.post(
        "/conversations/search",
        json={"query": _where("state", "=", "open"), "pagination": {"starting_after": cursor}},
    )
    assert_error(response, 400, "client_error")


def test_search_conversations_per_page_is_capped(api, trio):
    body = _search(api, _where("open", "=", True), pagination={"per_page": 1000})
    assert body["pages"]["per_page"] == 150
    assert len(body["conversations"]) == 3


def test_search_conversations_sort(api, trio, act, admin_id, clock):
    first, second, third = (c["id"] for c in trio)
    clock.advance(5)
    act(first, "reply", type="admin", admin_id=admin_id, message_type="comment", body="Hi")
    query = _where("open", "=", True)
    assert _ids(api, query, sort={"field": "created_at", "order": "ascending"}) == [
        first,
        second,
        third,
    ]
    assert _ids(api, query, sort={"field": "updated_at"}) == [first, third, second]
    assert _ids(api, query, sort={"field": "id", "order": "ascending"}) == [first, second, third]
    by_reply = _ids(api, query, sort={"field": "statistics.last_admin_reply_at"})
    assert by_reply == [first, third, second]
    by_type = _ids(api, query, sort={"field": "source.author.type", "order": "ascending"})
    assert by_type == [second, first, third]
    # Sorted pages still follow on.
    page = _search(api, query, sort={"field": "updated_at"}, pagination={"per_page": 2})
    cursor = page["pages"]["next"]["starting_after"]
    rest = _search(
        api,
        query,
        sort={"field": "updated_at"},
        pagination={"per_page": 2, "starting_after": cursor},
    )
    assert rest["total_count"] == 3 and rest["pages"]["page"] == 2
    ids = [c["id"] for c in page["conversations"] + rest["conversations"]]
    assert ids == [first, third, second]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": _where("nickname", "=", "x")}, "invalid_field"),
        ({"query": _where("source.author", "=", "x")}, "invalid_field"),
        ({"query": _where("source.subject", ">", "x")}, "parameter_invalid"),
        ({"query": _where("open", "~", "tr")}, "parameter_invalid"),
        ({"query": _where("created_at", "=", "yesterday")}, "parameter_invalid"),
        ({"query": _where("open", "=", "maybe")}, "parameter_invalid"),
        ({"query": _where("id", "IN", "1")}, "parameter_invalid"),
        ({"query": _where("id", "=", ["1"])}, "parameter_invalid"),
        ({"query": _where("state", "LIKE", "open")}, "parameter_invalid"),
        ({"query": {"field": "state", "operator": "="}}, "parameter_not_found"),
        ({}, "parameter_not_found"),
        ({"query": _where("state", "=", "open"), "page": 1}, "bad_request"),
        (
            {
                "query": {
                    "operator": "AND",
                    "value": [
                        {
                            "operator": "OR",
                            "value": [
                                {"operator": "AND", "value": [_where("open", "=", True)]},
                            ],
                        }
                    ],
                }
            },
            "parameter_invalid",
        ),
        (
            {"query": {"operator": "OR", "value": [_where("open", "=", True)] * 16}},
            "parameter_invalid",
        ),
        ({"query": {"operator": "AND", "value": []}}, "parameter_invalid"),
        ({"query": _where("open", "=", True), "sort": {"field": "nope"}}, "invalid_field"),
        ({"query": _where("open", "=", True), "sort": {"field": "tag_ids"}}, "parameter_invalid"),
        (
            {"query": _where("open", "=", True), "sort": {"field": "id", "order": "up"}},
            "invalid_sort_order",
        ),
        (
            {"query": _where("open", "=", True), "pagination": {"starting_after": "garbage"}},
            "client_error",
        ),
    ],
)
def test_search_conversations_invalid_requests(api, trio, body, code):
    assert_error(api.post("/conversations/search", json=body), 400, code)


def test_search_conversations_unknown_field_message(api):
    response = api.post("/conversations/search", json={"query": _where("nickname", "=", "x")})
    assert_error(response, 400, "invalid_field", "nickname is not a valid search field")


# --- visibility --------------------------------------------------------------------------


def test_search_conversations_never_shows_other_workspaces(api, trio, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    lead = api.post("/contacts", json={"role": "lead"}, headers=other).json()
    response = api.post(
        "/conversations",
        json={"from": {"type": "lead", "id": lead["id"]}, "body": "I need support too"},
        headers=other,
    )
    assert response.status_code == 200, response.text
    theirs = response.json()["conversation_id"]

    assert _ids(api, _where("source.body", "=", "support")) == [trio[0]["id"]]
    assert _ids(api, _where("id", "=", theirs)) == []
    mine = api.post(
        "/conversations/search",
        json={"query": _where("source.body", "=", "support")},
        headers=other,
    ).json()
    assert [c["id"] for c in mine["conversations"]] == [theirs]
    assert mine["total_count"] == 1


def test_search_conversations_skips_conversations_not_in_the_inbox(api, trio, runtime):
    first, second, third = (c["id"] for c in trio)
    _set(runtime, second, in_inbox=False)
    assert _ids(api, _where("source.type", "=", "conversation")) == [third, first]
    assert _ids(api, _where("id", "=", second)) == []
    assert _ids(api, _where("source.body", "=", "refund")) == []
