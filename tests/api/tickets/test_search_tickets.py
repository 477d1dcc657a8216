"""searchTickets: POST /tickets/search through the HTTP API.

Tickets are made and changed through the API (create, update, assign, reply, snooze);
every search checks which tickets come back, in which order, not only the status.
"""

from __future__ import annotations

from typing import Any

import pytest

from backchannel.provisioning import create_team
from tests.conftest import START, assert_error

Json = dict[str, Any]


def _search(api, query, **extra) -> Json:
    response = api.post("/tickets/search", json={"query": query, **extra})
    assert response.status_code == 200, response.text
    body: Json = response.json()
    assert body["type"] == "ticket.list"
    return body


def _ids(api, query, **extra) -> list[str]:
    body = _search(api, query, **extra)
    ids = [ticket["id"] for ticket in body["tickets"]]
    assert body["total_count"] == len(ids)
    return ids


def _where(field, operator, value) -> Json:
    return {"field": field, "operator": operator, "value": value}


def _attribute(api, type_id: str, name: str, data_type: str, **extra: Any) -> Json:
    response = api.post(
        f"/ticket_types/{type_id}/attributes",
        json={"name": name, "description": name, "data_type": data_type, **extra},
    )
    assert response.status_code == 200, response.text
    made: Json = response.json()
    return made


def _open(api, type_id: str, who: Json, **attributes: Any) -> Json:
    response = api.post(
        "/tickets",
        json={
            "ticket_type_id": type_id,
            "contacts": [{"id": who["id"]}],
            "ticket_attributes": attributes,
        },
    )
    assert response.status_code == 200, response.text
    made: Json = response.json()
    return made


def _put(api, ticket_id: str, **body: Any) -> Json:
    response = api.put(f"/tickets/{ticket_id}", json=body)
    assert response.status_code == 200, response.text
    made: Json = response.json()
    return made


@pytest.fixture
def lead(make_contact):
    return make_contact(role="lead", email="lee@leads.test", name="Lee Lead")


@pytest.fixture
def team_id(runtime, workspace) -> str:
    """A team whose id no admin has: a ticket's ``assignee_id`` names an admin or a team, and
    admins are looked up first."""
    with runtime.sessions.begin() as session:
        team = create_team(
            session, clock=runtime.clock, workspace_id=workspace.workspace.id, name="Escalations"
        )
        assert team.id != workspace.admin.id
        return str(team.id)


@pytest.fixture
def back_office(make_type):
    return make_type("Refunds", category="Back-office")


@pytest.fixture
def trio(api, ticket_type, back_office, contact, lead, clock):
    """Three tickets ten seconds apart: Joe's bug (login), Lee's back-office refund, Joe's
    bug (billing, no description)."""
    first = _open(api, ticket_type["id"], contact, _default_title_="Login broken",
                  _default_description_="Cannot sign in since Tuesday")  # fmt: skip
    clock.advance(10)
    second = _open(api, back_office["id"], lead, _default_title_="Refund order 42",
                   _default_description_="Charged twice")  # fmt: skip
    clock.advance(10)
    third = _open(api, ticket_type["id"], contact, _default_title_="Billing question")
    return first, second, third


# --- response ----------------------------------------------------------------------------


def test_search_tickets_returns_full_tickets(api, trio, workspace):
    first, second, third = (t["id"] for t in trio)
    admin_id = str(workspace.admin.id)
    note = {"type": "admin", "admin_id": admin_id, "message_type": "note", "body": "Looking"}
    assert api.post(f"/tickets/{second}/reply", json=note).status_code == 200
    body = _search(api, _where("open", "=", True))
    assert body["total_count"] == 3
    assert body["pages"] == {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1}
    assert [t["id"] for t in body["tickets"]] == [third, second, first]
    # Each ticket is exactly what getTicket returns, parts included.
    for found in body["tickets"]:
        assert found == api.get(f"/tickets/{found['id']}").json()
    parts = body["tickets"][1]["ticket_parts"]
    assert [p["part_type"] for p in parts["ticket_parts"]] == [
        "ticket_state_updated_by_admin",
        "note",
    ]
    assert parts["total_count"] == 2


def test_search_tickets_nothing_found(api, trio):
    body = _search(api, _where("title", "=", "nothing like this"))
    assert body["tickets"] == []
    assert body["total_count"] == 0
    assert body["pages"]["total_pages"] == 0
    assert body["pages"].get("next") is None


def test_search_tickets_without_any_ticket(api):
    assert _ids(api, _where("open", "=", True)) == []


# --- id, dates, title, description, category, type ----------------------------------------


def test_search_tickets_by_id(api, trio):
    first, second, third = (t["id"] for t in trio)
    assert _ids(api, _where("id", "=", first)) == [first]
    assert _ids(api, _where("id", "=", int(second))) == [second]
    assert _ids(api, _where("id", "IN", [first, third, "nope"])) == [third, first]
    assert _ids(api, _where("id", "NIN", [first])) == [third, second]
    assert _ids(api, _where("id", "=", "nope")) == []
    assert _ids(api, _where("id", "^", first)) == [first]


def test_search_tickets_dates_are_exact_and_inclusive(api, trio, clock):
    first, second, third = (t["id"] for t in trio)
    assert _ids(api, _where("created_at", "=", START + 10)) == [second]
    assert _ids(api, _where("created_at", ">", START + 10)) == [third, second]
    assert _ids(api, _where("created_at", "<", START + 10)) == [second, first]
    assert _ids(api, _where("created_at", ">=", START + 20)) == [third]
    assert _ids(api, _where("created_at", "<=", START)) == [first]
    assert _ids(api, _where("created_at", "!=", START + 10)) == [third, first]
    clock.advance(100)
    _put(api, first, state="in_progress")
    assert _ids(api, _where("updated_at", ">", START + 100)) == [first]
    assert _ids(api, _where("updated_at", "=", clock.now())) == [first]


def test_search_tickets_by_title_and_description(api, trio):
    first, second, third = (t["id"] for t in trio)
    assert _ids(api, _where("title", "=", "login BROKEN")) == [first]
    assert _ids(api, _where("title", "~", "order")) == [second]
    assert _ids(api, _where("title", "^", "b")) == [third]
    assert _ids(api, _where("title", "$", "42")) == [second]
    assert _ids(api, _where("title", "!~", "o")) == []
    assert _ids(api, _where("title", "IN", ["Billing question", "Refund order 42"])) == [
        third,
        second,
    ]
    assert _ids(api, _where("description", "~", "tuesday")) == [first]
    assert _ids(api, _where("description", "=", None)) == [third]
    assert _ids(api, _where("description", "!=", None)) == [second, first]
    assert _ids(api, _where("description", "!=", "Charged twice")) == [third, first]


def test_search_tickets_title_follows_updates(api, trio):
    first = trio[0]["id"]
    _put(api, first, ticket_attributes={"_default_title_": "Sign-in fixed?"})
    assert _ids(api, _where("title", "~", "sign-in")) == [first]
    assert _ids(api, _where("title", "~", "login")) == []


def test_search_tickets_by_category_and_ticket_type(api, trio, ticket_type, back_office):
    first, second, third = (t["id"] for t in trio)
    assert _ids(api, _where("category", "=", "Back-office")) == [second]
    assert _ids(api, _where("category", "=", "customer")) == [third, first]
    assert _ids(api, _where("category", "IN", ["Tracker", "Back-office"])) == [second]
    assert _ids(api, _where("category", "!=", "Customer")) == [second]
    assert _ids(api, _where("ticket_type_id", "=", ticket_type["id"])) == [third, first]
    assert _ids(api, _where("ticket_type_id", "=", int(back_office["id"]))) == [second]
    assert _ids(api, _where("ticket_type_id", "!=", back_office["id"])) == [third, first]
    assert _ids(api, _where("ticket_type_id", "IN", [back_office["id"], "999999"])) == [second]
    assert _ids(api, _where("ticket_type_id", "=", "nope")) == []


# --- contacts, teammates, assignees --------------------------------------------------------


def test_search_tickets_by_contact_ids(api, trio, contact, lead):
    first, second, third = (t["id"] for t in trio)
    assert _ids(api, _where("contact_ids", "=", contact["id"])) == [third, first]
    assert _ids(api, _where("contact_ids", "=", lead["id"])) == [second]
    assert _ids(api, _where("contact_ids", "!=", contact["id"])) == [second]
    assert _ids(api, _where("contact_ids", "IN", [lead["id"], "0" * 24])) == [second]
    assert _ids(api, _where("contact_ids", "=", None)) == []


def test_search_tickets_by_teammate_ids(api, trio, workspace):
    first, second, third = (t["id"] for t in trio)
    admin_id = str(workspace.admin.id)
    reply = {"type": "admin", "admin_id": admin_id, "message_type": "comment", "body": "Hi"}
    assert api.post(f"/tickets/{first}/reply", json=reply).status_code == 200
    assert _ids(api, _where("teammate_ids", "=", admin_id)) == [first]
    assert _ids(api, _where("teammate_ids", "!=", admin_id)) == [third, second]
    assert _ids(api, _where("teammate_ids", "=", None)) == [third, second]


def test_search_tickets_assignees_are_strings(api, trio, workspace, team_id):
    first, second, third = (t["id"] for t in trio)
    admin_id = str(workspace.admin.id)
    _put(api, first, assignment={"admin_id": admin_id, "assignee_id": admin_id})
    _put(api, second, assignment={"admin_id": admin_id, "assignee_id": team_id})
    assert _search(api, _where("id", "=", first))["tickets"][0]["admin_assignee_id"] == admin_id

    assert _ids(api, _where("admin_assignee_id", "=", admin_id)) == [first]
    assert _ids(api, _where("admin_assignee_id", "=", int(admin_id))) == [first]
    # "0" is how an unassigned ticket shows its assignee, and finds those tickets.
    assert _ids(api, _where("admin_assignee_id", "=", "0")) == [third, second]
    assert _ids(api, _where("admin_assignee_id", "=", 0)) == [third, second]
    assert _ids(api, _where("admin_assignee_id", "!=", "0")) == [first]
    assert _ids(api, _where("admin_assignee_id", "!=", admin_id)) == [third, second]
    assert _ids(api, _where("admin_assignee_id", "IN", ["0", admin_id])) == [third, second, first]
    assert _ids(api, _where("admin_assignee_id", "NIN", ["0"])) == [first]
    assert _ids(api, _where("admin_assignee_id", "^", admin_id[:1])) == [first]
    assert _ids(api, _where("team_assignee_id", "=", team_id)) == [second]
    assert _ids(api, _where("team_assignee_id", "=", "0")) == [third, first]
    assert _ids(api, _where("team_assignee_id", "=", "nope")) == []
    # Strings: ordering operators are refused.
    assert_error(
        api.post("/tickets/search", json={"query": _where("admin_assignee_id", ">", "0")}),
        400,
        "parameter_invalid",
    )


# --- state, open, snoozes ------------------------------------------------------------------


def test_search_tickets_by_state_and_open(api, trio):
    first, second, third = (t["id"] for t in trio)
    _put(api, first, state="in_progress")
    _put(api, second, state="resolved", open=False)
    assert _ids(api, _where("state", "=", "submitted")) == [third]
    assert _ids(api, _where("state", "=", "IN_PROGRESS")) == [first]
    assert _ids(api, _where("state", "IN", ["resolved", "in_progress"])) == [second, first]
    assert _ids(api, _where("state", "!=", "submitted")) == [second, first]
    # The conversation states (open, closed, snoozed) are not ticket states.
    assert _ids(api, _where("state", "=", "closed")) == []
    assert _ids(api, _where("open", "=", False)) == [second]
    assert _ids(api, _where("open", "=", "true")) == [third, first]


def test_search_tickets_by_snoozed_until_and_waking(api, trio, clock):
    first, second, third = (t["id"] for t in trio)
    until = clock.now() + 60
    snoozed = _put(api, first, snoozed_until=until)
    assert snoozed["snoozed_until"] == until
    assert _ids(api, _where("snoozed_until", "=", until)) == [first]
    assert _ids(api, _where("snoozed_until", "=", None)) == [third, second]
    assert _ids(api, _where("snoozed_until", ">", until - 1)) == [first]
    clock.advance(61)
    # The snooze ran out: the search wakes the ticket first.
    assert _ids(api, _where("snoozed_until", "!=", None)) == []
    woken = _search(api, _where("id", "=", first))["tickets"][0]
    assert "snoozed_until" not in woken
    assert woken["ticket_parts"]["ticket_parts"][-1]["part_type"] == "unsnoozed"


# --- ticket_attribute.{id} -----------------------------------------------------------------


@pytest.fixture
def typed(api, ticket_type, contact, clock):
    """An attribute of each searchable data type on the Bug type, and two tickets using them."""
    type_id = ticket_type["id"]
    attributes = {
        "plan": _attribute(api, type_id, "Customer's plan", "string"),
        "seats": _attribute(api, type_id, "Seats", "integer"),
        "amount": _attribute(api, type_id, "Amount", "decimal"),
        "urgent": _attribute(api, type_id, "Urgent", "boolean"),
        "due": _attribute(api, type_id, "Due", "datetime"),
        "level": _attribute(api, type_id, "Level", "list", list_items="Low,High"),
        "files": _attribute(api, type_id, "Screens", "files", allow_multiple_values=True),
    }
    options = attributes["level"]["input_options"]["list_options"]
    low, high = (item["id"] for item in options)
    one = _open(api, type_id, contact, _default_title_="One", **{
        "Customer's plan": "Pro", "Seats": 5, "Amount": 9.5, "Urgent": True, "Due": START + 500,
        "Level": high, "Screens": ["https://files.test/a.png"],
    })  # fmt: skip
    clock.advance(1)
    two = _open(api, type_id, contact, _default_title_="Two", **{
        "Customer's plan": "free", "Seats": 1, "Amount": 2, "Urgent": False, "Level": low,
    })  # fmt: skip
    clock.advance(1)
    three = _open(api, type_id, contact, _default_title_="Three")
    ids = {name: attribute["id"] for name, attribute in attributes.items()}
    return ids, (one["id"], two["id"], three["id"]), (low, high)


def _attr(ids, name):
    return f"ticket_attribute.{ids[name]}"


def test_search_tickets_by_string_and_list_attributes(api, typed):
    ids, (one, two, three), (low, high) = typed
    assert _ids(api, _where(_attr(ids, "plan"), "=", "pro")) == [one]
    assert _ids(api, _where(_attr(ids, "plan"), "~", "RE")) == [two]
    assert _ids(api, _where(_attr(ids, "plan"), "!=", "pro")) == [three, two]
    assert _ids(api, _where(_attr(ids, "plan"), "=", None)) == [three]
    assert _ids(api, _where(_attr(ids, "level"), "=", high)) == [one]
    assert _ids(api, _where(_attr(ids, "level"), "IN", [low, high])) == [two, one]
    assert _ids(api, _where(_attr(ids, "files"), "!=", None)) == [one]


def test_search_tickets_by_number_boolean_and_date_attributes(api, typed):
    ids, (one, two, three), _items = typed
    assert _ids(api, _where(_attr(ids, "seats"), ">", 2)) == [one]
    assert _ids(api, _where(_attr(ids, "seats"), "=", "1")) == [two]
    assert _ids(api, _where(_attr(ids, "seats"), "<=", 5)) == [two, one]
    assert _ids(api, _where(_attr(ids, "amount"), "=", 9.5)) == [one]
    assert _ids(api, _where(_attr(ids, "amount"), "<", 3)) == [two]
    assert _ids(api, _where(_attr(ids, "urgent"), "=", True)) == [one]
    assert _ids(api, _where(_attr(ids, "urgent"), "!=", True)) == [three, two]
    assert _ids(api, _where(_attr(ids, "due"), "=", START + 500)) == [one]
    assert _ids(api, _where(_attr(ids, "due"), ">", START)) == [one]
    assert _ids(api, _where(_attr(ids, "due"), "=", None)) == [three, two]


def test_search_tickets_attribute_is_its_own_type_only(api, typed, back_office, lead):
    """Another ticket type's attribute of the same name is another field."""
    ids, (one, two, three), _items = typed
    other = _attribute(api, back_office["id"], "Seats", "integer")
    theirs = _open(api, back_office["id"], lead, _default_title_="Other", Seats=5)["id"]
    assert _ids(api, _where(_attr(ids, "seats"), "=", 5)) == [one]
    assert _ids(api, _where(f"ticket_attribute.{other['id']}", "=", 5)) == [theirs]
    assert _ids(api, _where(f"ticket_attribute.{other['id']}", "!=", 5)) == [three, two, one]


def test_search_tickets_archived_attribute_stays_searchable(api, typed, ticket_type):
    ids, (one, _two, _three), _items = typed
    response = api.put(
        f"/ticket_types/{ticket_type['id']}/attributes/{ids['seats']}", json={"archived": True}
    )
    assert response.status_code == 200, response.text
    assert _ids(api, _where(_attr(ids, "seats"), "=", 5)) == [one]


def test_search_tickets_attribute_values_follow_the_declared_type(api, typed):
    ids, _tickets, _items = typed
    for name, value in [("seats", "many"), ("urgent", "maybe"), ("due", "soon"), ("amount", "x")]:
        response = api.post("/tickets/search", json={"query": _where(_attr(ids, name), "=", value)})
        assert_error(response, 400, "parameter_invalid")
    response = api.post("/tickets/search", json={"query": _where(_attr(ids, "plan"), ">", "a")})
    assert_error(response, 400, "parameter_invalid")


@pytest.mark.parametrize(
    "field", ["ticket_attribute.999999", "ticket_attribute.x", "ticket_attribute."]
)
def test_search_tickets_unknown_attribute(api, trio, field):
    response = api.post("/tickets/search", json={"query": _where(field, "=", "x")})
    assert_error(response, 400, "invalid_field", f"{field} is not a valid search field")


# --- grammar, paging, sort ---------------------------------------------------------------


def test_search_tickets_nested_and_or(api, trio):
    first, second, third = (t["id"] for t in trio)
    _put(api, third, state="in_progress")
    query = {
        "operator": "OR",
        "value": [
            {
                "operator": "AND",
                "value": [_where("category", "=", "Customer"), _where("state", "=", "submitted")],
            },
            {"operator": "AND", "value": [_where("title", "~", "refund")]},
        ],
    }
    assert _ids(api, query) == [second, first]


def test_search_tickets_pages_follow_next(api, make_ticket, clock):
    made = []
    for n in range(5):
        made.append(make_ticket(_default_title_=f"Question {n}")["id"])
        clock.advance(1)
    query = _where("title", "^", "question")
    seen: list[str] = []
    pages = []
    body = _search(api, query, pagination={"per_page": 2})
    while True:
        pages.append(body["pages"])
        assert body["total_count"] == 5
        seen.extend(t["id"] for t in body["tickets"])
        following = body["pages"].get("next")
        if not following:
            break
        body = _search(
            api, query, pagination={"per_page": 2, "starting_after": following["starting_after"]}
        )
    assert seen == list(reversed(made))
    assert [p["page"] for p in pages] == [1, 2, 3]
    assert all(p["per_page"] == 2 and p["total_pages"] == 3 for p in pages)
    # A cursor belongs to its query, and ticket cursors are not conversation cursors.
    cursor = pages[0]["next"]["starting_after"]
    other = {"query": _where("open", "=", True), "pagination": {"starting_after": cursor}}
    assert_error(api.post("/tickets/search", json=other), 400, "client_error")
    opened = _search(api, _where("open", "=", True), pagination={"per_page": 1})
    crossed = {
        "query": _where("open", "=", True),
        "pagination": {"starting_after": opened["pages"]["next"]["starting_after"]},
    }
    assert_error(api.post("/conversations/search", json=crossed), 400, "client_error")


def test_search_tickets_per_page_is_capped(api, trio):
    body = _search(api, _where("open", "=", True), pagination={"per_page": 1000})
    assert body["pages"]["per_page"] == 150
    assert len(body["tickets"]) == 3


def test_search_tickets_sort(api, trio, clock):
    first, second, third = (t["id"] for t in trio)
    clock.advance(5)
    _put(api, first, state="resolved")
    query = _where("open", "=", True)
    ascending = {"field": "created_at", "order": "ascending"}
    assert _ids(api, query, sort=ascending) == [first, second, third]
    assert _ids(api, query, sort={"field": "updated_at"}) == [first, third, second]
    by_state = _ids(api, query, sort={"field": "state", "order": "ascending"})
    assert by_state == [first, second, third]  # resolved < submitted; ties by id
    by_category = _ids(api, query, sort={"field": "category", "order": "descending"})
    assert by_category == [third, first, second]
    # Sorted pages still follow on.
    page = _search(api, query, sort={"field": "state"}, pagination={"per_page": 2})
    cursor = page["pages"]["next"]["starting_after"]
    rest = _search(
        api, query, sort={"field": "state"}, pagination={"per_page": 2, "starting_after": cursor}
    )
    ids = [t["id"] for t in page["tickets"] + rest["tickets"]]
    assert ids == [third, second, first]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": _where("nickname", "=", "x")}, "invalid_field"),
        ({"query": _where("source.body", "=", "x")}, "invalid_field"),
        ({"query": _where("tag_ids", "=", "1")}, "invalid_field"),
        ({"query": _where("custom_attributes.plan", "=", "x")}, "invalid_field"),
        ({"query": _where("title", ">", "x")}, "parameter_invalid"),
        ({"query": _where("open", "~", "tr")}, "parameter_invalid"),
        ({"query": _where("created_at", "=", "yesterday")}, "parameter_invalid"),
        ({"query": _where("snoozed_until", "=", "soon")}, "parameter_invalid"),
        ({"query": _where("open", "=", "maybe")}, "parameter_invalid"),
        ({"query": _where("id", "IN", "1")}, "parameter_invalid"),
        ({"query": _where("state", "=", ["open"])}, "parameter_invalid"),
        ({"query": _where("state", "LIKE", "open")}, "parameter_invalid"),
        ({"query": {"field": "state", "operator": "="}}, "parameter_not_found"),
        ({}, "parameter_not_found"),
        ({"query": _where("state", "=", "submitted"), "page": 1}, "bad_request"),
        (
            {
                "query": {
                    "operator": "AND",
                    "value": [
                        {
                            "operator": "OR",
                            "value": [{"operator": "AND", "value": [_where("open", "=", True)]}],
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
        ({"query": _where("open", "=", True), "sort": {"field": "nope"}}, "invalid_field"),
        ({"query": _where("open", "=", True), "sort": {"field": "title"}}, "parameter_invalid"),
        (
            {"query": _where("open", "=", True), "sort": {"field": "ticket_attribute.1"}},
            "parameter_invalid",
        ),
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
def test_search_tickets_invalid_requests(api, trio, body, code):
    assert_error(api.post("/tickets/search", json=body), 400, code)


# --- visibility --------------------------------------------------------------------------


def test_search_tickets_never_shows_other_workspaces(api, trio, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    kind = api.post("/ticket_types", json={"name": "Theirs"}, headers=other).json()
    seats = api.post(
        f"/ticket_types/{kind['id']}/attributes",
        json={"name": "Seats", "description": "s", "data_type": "integer"},
        headers=other,
    ).json()
    response = api.post(
        "/tickets",
        json={
            "ticket_type_id": kind["id"],
            "contacts": [{"email": "them@globex.test"}],
            "ticket_attributes": {"_default_title_": "Login broken", "Seats": 3},
        },
        headers=other,
    )
    assert response.status_code == 200, response.text
    theirs = response.json()["id"]

    assert _ids(api, _where("title", "=", "Login broken")) == [trio[0]["id"]]
    assert _ids(api, _where("id", "=", theirs)) == []
    assert _ids(api, _where("ticket_type_id", "=", kind["id"])) == []
    # Their attribute is no field here.
    response = api.post(
        "/tickets/search", json={"query": _where(f"ticket_attribute.{seats['id']}", "=", 3)}
    )
    assert_error(response, 400, "invalid_field")
    mine = api.post(
        "/tickets/search", json={"query": _where("title", "~", "login")}, headers=other
    ).json()
    assert [t["id"] for t in mine["tickets"]] == [theirs]
    assert mine["total_count"] == 1


def test_search_tickets_and_conversations_never_mix(api, trio, contact):
    response = api.post(
        "/conversations",
        json={"from": {"type": "user", "id": contact["id"]}, "body": "Login broken"},
    )
    assert response.status_code == 200, response.text
    conversation = response.json()["conversation_id"]
    tickets = [t["id"] for t in reversed(trio)]

    assert _ids(api, _where("open", "=", True)) == tickets
    assert _ids(api, _where("id", "=", conversation)) == []
    assert _ids(api, _where("contact_ids", "=", contact["id"])) == [tickets[0], tickets[2]]
    found = api.post("/conversations/search", json={"query": _where("open", "=", True)}).json()
    assert [c["id"] for c in found["conversations"]] == [conversation]
    found = api.post("/conversations/search", json={"query": _where("id", "IN", tickets)}).json()
    assert found["conversations"] == [] and found["total_count"] == 0
