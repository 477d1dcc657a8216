"""createPhoneSwitch: E.164 numbers, custom attributes on the matching contact, {error_key}."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from backchannel.db.tables import PhoneCallRedirect
from tests.conftest import START, assert_error, contract_client

UUID4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"
MESSENGER_URL = re.compile(f"^http://testserver/msgr/{UUID4}$")


def _redirects(runtime):
    with runtime.sessions() as db:
        return db.execute(select(PhoneCallRedirect).order_by(PhoneCallRedirect.id)).scalars().all()


def test_create_phone_switch(api, runtime, attributes, make_contact):
    joe = make_contact(role="user", email="joe@bloggs.test", phone="+353 83 234 5678")
    response = api.post(
        "/phone_call_redirects",
        json={
            "phone": "+353832345678",
            "custom_attributes": {"issue_type": "Billing", "priority": "High"},
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body == {"type": "phone_call_redirect", "url": body["url"], "phone": "+353832345678"}
    assert MESSENGER_URL.match(body["url"]), body["url"]
    updated = api.get(f"/contacts/{joe['id']}").json()
    assert updated["custom_attributes"] == {"issue_type": "Billing", "priority": "High"}
    [redirect] = _redirects(runtime)
    assert (redirect.phone, redirect.contact_id, redirect.url, redirect.created_at) == (
        "+353832345678",
        joe["id"],
        body["url"],
        START,
    )
    assert redirect.custom_attributes == {"issue_type": "Billing", "priority": "High"}


def test_create_phone_switch_without_attributes_or_contact(api, runtime):
    response = api.post("/phone_call_redirects", json={"phone": "+1 415 555 2671"})
    assert response.status_code == 200, response.text
    assert response.json()["phone"] == "+14155552671"
    [redirect] = _redirects(runtime)
    assert redirect.contact_id is None and redirect.custom_attributes == {}


def test_create_phone_switch_prefers_a_user_over_a_lead(api, attributes, make_contact, clock):
    lead = make_contact(role="lead", phone="+447911123456")
    clock.advance(10)
    user = make_contact(role="user", email="u@example.test", phone="+447911123456")
    clock.advance(10)
    api.put(f"/contacts/{lead['id']}", json={"name": "Updated later"})
    response = api.post(
        "/phone_call_redirects",
        json={"phone": "+447911123456", "custom_attributes": {"priority": "Low"}},
    )
    assert response.status_code == 200, response.text
    assert api.get(f"/contacts/{user['id']}").json()["custom_attributes"] == {"priority": "Low"}
    assert api.get(f"/contacts/{lead['id']}").json()["custom_attributes"] == {}


def test_create_phone_switch_null_clears_an_attribute(api, attributes, make_contact):
    joe = make_contact(role="user", email="joe@bloggs.test", phone="+353832345678")
    api.put(f"/contacts/{joe['id']}", json={"custom_attributes": {"priority": "High"}})
    response = api.post(
        "/phone_call_redirects",
        json={"phone": "+353832345678", "custom_attributes": {"priority": None}},
    )
    assert response.status_code == 200, response.text
    assert api.get(f"/contacts/{joe['id']}").json()["custom_attributes"] == {}


@pytest.mark.parametrize(
    "phone",
    [None, "", 353832345678, "0832345678", "+1 1234567890", "+353", "not a number", "+" + "1" * 70],
)
def test_create_phone_switch_invalid_phone_number(api, runtime, phone):
    payload = {} if phone is None else {"phone": phone}
    response = api.post("/phone_call_redirects", json=payload)
    assert response.status_code == 400, response.text
    assert response.json() == {
        "error_key": "invalid_phone_number",
        "message": "Invalid phone number",
    }
    assert _redirects(runtime) == []


def test_create_phone_switch_fixed_line_is_unprocessable(api, runtime):
    response = api.post(
        "/phone_call_redirects",
        json={"phone": "+40241100100", "custom_attributes": {"issue_type": "Billing"}},
    )
    assert response.status_code == 422, response.text
    assert response.json() == {
        "error_key": "unsupported_phone_number",
        "message": "SMS can only be sent to a mobile phone number",
    }
    assert _redirects(runtime) == []


def test_create_phone_switch_undeclared_attribute(api, runtime, make_contact):
    joe = make_contact(role="user", email="joe@bloggs.test", phone="+353832345678")
    response = api.post(
        "/phone_call_redirects",
        json={"phone": "+353832345678", "custom_attributes": {"issue_type": "Billing"}},
    )
    assert response.status_code == 422, response.text
    assert response.json() == {
        "error_key": "parameter_invalid",
        "message": "Custom attribute 'issue_type' does not exist",
    }
    assert api.get(f"/contacts/{joe['id']}").json()["custom_attributes"] == {}
    assert _redirects(runtime) == []


def test_create_phone_switch_attributes_not_an_object(api):
    response = api.post(
        "/phone_call_redirects", json={"phone": "+353832345678", "custom_attributes": ["x"]}
    )
    assert response.status_code == 422, response.text
    assert response.json()["error_key"] == "parameter_invalid"


def test_create_phone_switch_body_not_json(api):
    response = api.post(
        "/phone_call_redirects",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "parameter_invalid")


def test_create_phone_switch_unauthorized(anonymous):
    response = anonymous.post("/phone_call_redirects", json={"phone": "+353832345678"})
    assert_error(response, 401, "unauthorized")


def test_create_phone_switch_contact_of_another_workspace(
    api, app, runtime, attributes, other_workspace
):
    with contract_client(app) as other:
        other.headers["Authorization"] = f"Bearer {other_workspace.token}"
        theirs = other.post(
            "/contacts", json={"email": "x@globex.test", "phone": "+353832345678"}
        ).json()
    response = api.post(
        "/phone_call_redirects",
        json={"phone": "+353832345678", "custom_attributes": {"issue_type": "Billing"}},
    )
    assert response.status_code == 200, response.text
    [redirect] = _redirects(runtime)
    assert redirect.contact_id is None
    assert theirs["id"] != redirect.contact_id
