"""Custom attributes on contacts: declared first, written with values of the declared type,
and searched by the declared type (BEHAVIOR.md §6.4, §5.3)."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error
from tests.factories import declare_attributes

DAY = 86_400


@pytest.fixture
def declared(api):
    declare_attributes(
        api,
        plan="string",
        seats="integer",
        score="float",
        trial="boolean",
        renews="date",
        paid_at="datetime",
    )


def test_create_contact_with_declared_custom_attributes(api, declared):
    values = {
        "plan": "pro",
        "seats": 3,
        "score": 2,
        "trial": False,
        "renews": START,
        "paid_at": START - DAY,
    }
    body = api.post("/contacts", json={"email": "a@x.test", "custom_attributes": values}).json()
    assert body["custom_attributes"] == values
    assert api.get(f"/contacts/{body['id']}").json()["custom_attributes"] == values


def test_create_contact_undeclared_custom_attribute(api, declared):
    assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"colour": "red"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'colour' does not exist",
    )
    assert api.get("/contacts").json()["total_count"] == 0


def test_create_contact_company_attribute_is_not_a_contact_attribute(api):
    declare_attributes(api, model="company", tier="string")
    body = assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"tier": "gold"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'tier' does not exist",
    )
    assert body["errors"][0]["field"] == "custom_attributes.tier"


def test_create_contact_archived_custom_attribute(api):
    declare_attributes(api, plan="string")
    [plan] = [
        a
        for a in api.get("/data_attributes", params={"model": "contact"}).json()["data"]
        if a["custom"]
    ]
    api.put(f"/data_attributes/{plan['id']}", json={"archived": True})
    assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"plan": "pro"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'plan' does not exist",
    )


def test_create_contact_attribute_of_another_workspace(api, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    api.post(
        "/data_attributes",
        json={"name": "plan", "model": "contact", "data_type": "string"},
        headers=other,
    )
    assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"plan": "pro"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'plan' does not exist",
    )


DATE = "a date in unix seconds (an integer)"


@pytest.mark.parametrize(
    ("name", "value", "data_type", "expected"),
    [
        ("plan", 3, "string", "a string"),
        ("seats", "3", "integer", "an integer"),
        ("seats", 2.5, "integer", "an integer"),
        ("seats", True, "integer", "an integer"),
        ("score", "1.5", "float", "a number"),
        ("trial", "true", "boolean", "a boolean"),
        ("trial", 1, "boolean", "a boolean"),
        ("renews", "2024-05-29", "date", DATE),
        ("paid_at", 1.5, "date", DATE),
    ],
    ids=[
        "string-number", "integer-string", "integer-float", "integer-bool", "float-string",
        "boolean-string", "boolean-number", "date-text", "datetime-float",
    ],
)  # fmt: skip
def test_create_contact_custom_attribute_wrong_type(
    api, declared, name, value, data_type, expected
):
    body = assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {name: value}}),
        400,
        "parameter_invalid",
        f"Custom attribute '{name}' has data type {data_type}: its value must be {expected}",
    )
    assert body["errors"][0]["field"] == f"custom_attributes.{name}"


def test_create_contact_custom_attribute_object_value(api, declared):
    assert_error(
        api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"plan": {"a": 1}}}),
        400,
        "parameter_invalid",
        "Custom attribute 'custom_attributes.plan' must be a string, number, boolean or null",
    )


def test_update_contact_custom_attributes_checked(api, declared):
    contact = api.post("/contacts", json={"email": "a@x.test"}).json()
    assert_error(
        api.put(f"/contacts/{contact['id']}", json={"custom_attributes": {"seats": "many"}}),
        400,
        "parameter_invalid",
        "Custom attribute 'seats' has data type integer: its value must be an integer",
    )
    assert_error(
        api.put(f"/contacts/{contact['id']}", json={"custom_attributes": {"nope": 1}}),
        400,
        "parameter_invalid",
        "Custom attribute 'nope' does not exist",
    )
    body = api.put(
        f"/contacts/{contact['id']}", json={"custom_attributes": {"seats": 4, "plan": "pro"}}
    ).json()
    assert body["custom_attributes"] == {"seats": 4, "plan": "pro"}


def test_update_contact_null_clears_even_after_archiving(api, declared):
    contact = api.post(
        "/contacts", json={"email": "a@x.test", "custom_attributes": {"plan": "pro", "seats": 2}}
    ).json()
    [plan] = [
        a
        for a in api.get("/data_attributes", params={"model": "contact"}).json()["data"]
        if a["name"] == "plan" and a["custom"]
    ]
    api.put(f"/data_attributes/{plan['id']}", json={"archived": True})
    shown = api.get(f"/contacts/{contact['id']}").json()
    assert shown["custom_attributes"] == {"plan": "pro", "seats": 2}  # stored values stay
    body = api.put(f"/contacts/{contact['id']}", json={"custom_attributes": {"plan": None}}).json()
    assert body["custom_attributes"] == {"seats": 2}


def test_update_contact_null_for_an_unknown_attribute(api, declared):
    contact = api.post("/contacts", json={"email": "a@x.test"}).json()
    assert_error(
        api.put(f"/contacts/{contact['id']}", json={"custom_attributes": {"ghost": None}}),
        400,
        "parameter_invalid",
        "Custom attribute 'ghost' does not exist",
    )


# Search typed by the declared attributes ----------------------------------------------


@pytest.fixture
def typed_people(api, clock, declared):
    made = {}
    rows = [
        ("ann", {"plan": "10", "renews": START + 2 * DAY + 3600, "score": 1.5}),
        ("bob", {"plan": "9", "renews": START + 5 * DAY, "score": 3}),
        ("cat", {"plan": "pro", "score": 0.5}),
    ]
    for name, custom in rows:
        body = {"email": f"{name}@x.test", "custom_attributes": custom}
        made[name] = api.post("/contacts", json=body).json()
        clock.advance(60)
    return made


def _search(api, query):
    response = api.post("/contacts/search", json={"query": query})
    assert response.status_code == 200, response.text
    return sorted(c["email"].split("@")[0] for c in response.json()["data"])


def test_search_contacts_declared_string_takes_numbers_as_text(api, typed_people):
    # Declared string: the number 10 is searched as the text "10", not as a number.
    assert _search(api, {"field": "custom_attributes.plan", "operator": "=", "value": 10}) == [
        "ann"
    ]


def test_search_contacts_declared_date_compares_by_day(api, typed_people):
    day = START + 2 * DAY  # the day ann renews, earlier than her exact time
    assert _search(api, {"field": "custom_attributes.renews", "operator": "=", "value": day}) == [
        "ann"
    ]
    assert _search(api, {"field": "custom_attributes.renews", "operator": ">", "value": day}) == [
        "bob"
    ]
    assert _search(
        api, {"field": "custom_attributes.renews", "operator": "<", "value": str(START + 5 * DAY)}
    ) == ["ann"]


def test_search_contacts_declared_date_refuses_other_operators(api, typed_people):
    assert_error(
        api.post(
            "/contacts/search",
            json={"query": {"field": "custom_attributes.renews", "operator": "!=", "value": START}},
        ),
        400,
        "parameter_invalid",
        "The operator '!=' is not allowed for custom_attributes.renews (date field)",
    )


def test_search_contacts_declared_float_takes_integers(api, typed_people):
    assert _search(api, {"field": "custom_attributes.score", "operator": ">", "value": 1}) == [
        "ann",
        "bob",
    ]


def test_search_contacts_declared_type_refuses_other_values(api, typed_people):
    assert_error(
        api.post(
            "/contacts/search",
            json={"query": {"field": "custom_attributes.score", "operator": "=", "value": "high"}},
        ),
        400,
        "parameter_invalid",
        'custom_attributes.score expects a number, got "high"',
    )


def test_search_contacts_declared_name_outside_the_search_alphabet(api):
    # Such names can be declared and written, but search keys are limited to plain ASCII.
    declare_attributes(api, **{"Price €": "integer"})
    made = api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"Price €": 5}})
    assert made.json()["custom_attributes"] == {"Price €": 5}
    assert_error(
        api.post(
            "/contacts/search",
            json={"query": {"field": "custom_attributes.Price €", "operator": ">", "value": 4}},
        ),
        400,
        "parameter_invalid",
        "custom_attributes.Price € is not a valid custom attribute name: use up to 190 "
        "letters, digits, spaces, '_', '-' or '$'",
    )


def test_search_contacts_types_are_per_workspace(api, other_workspace, typed_people):
    # The other workspace declares plan as an integer; ours stays a string.
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    api.post(
        "/data_attributes",
        json={"name": "plan", "model": "contact", "data_type": "integer"},
        headers=other,
    )
    assert _search(api, {"field": "custom_attributes.plan", "operator": "=", "value": 9}) == ["bob"]
