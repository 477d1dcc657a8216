"""Data attributes, data events and content data exports through the official
python-intercom SDK, against a real server (whose export jobs run in the background, in
the API process).

python-intercom 5.0.1 is generated from a later API version than the 2.10 Backchannel
serves. Its data attribute request models (``CreateDataAttributeRequestOptions``,
``CreateDataAttributeRequestOne``) have no ``name`` or ``model`` and a ``data_type``
"options" that 2.10 does not know, so the 2.10 request bodies are given as plain dicts,
which the SDK sends as they are.
"""

from __future__ import annotations

import csv
import gzip
import io
import time

import httpx
import pytest
from intercom import (
    CreateDataEventRequestWithEmail,
    CreateDataEventRequestWithId,
    CreateDataEventRequestWithUserId,
    CreateDataEventSummariesRequestEventSummaries,
    CreateMessageRequest_Inapp,
    CreateMessageRequestFrom,
    CreateMessageRequestTo,
)
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


def _attributes(client, **params):
    listed = client.data_attributes.list(**params)
    assert listed.type == "list"
    return {attribute.name: attribute for attribute in listed.data or []}


def test_sdk_list_built_in_data_attributes(client):
    contact = _attributes(client, model="contact")
    assert {"id", "role", "email", "name"} <= set(contact)
    email = contact["email"]
    assert email.type == "data_attribute" and email.model == "contact"
    assert (email.full_name, email.data_type, email.custom) == ("email", "string", False)
    assert all(a.model == "contact" for a in contact.values())
    company = _attributes(client, model="company")
    assert "name" in company and all(a.model == "company" for a in company.values())


def test_sdk_create_and_update_a_data_attribute(client):
    created = client.data_attributes.create(
        request={
            "name": "sdk_plan_level",
            "model": "contact",
            "data_type": "string",
            "description": "The customer's plan",
            "options": [{"value": "bronze"}, {"value": "gold"}],
        }
    )
    assert created.type == "data_attribute" and created.id
    assert (created.name, created.full_name, created.label) == (
        "sdk_plan_level",
        "custom_attributes.sdk_plan_level",
        "sdk_plan_level",
    )
    assert (created.model, created.data_type, created.custom) == ("contact", "string", True)
    assert created.description == "The customer's plan"
    assert created.options == ["bronze", "gold"]
    assert created.api_writable is True and created.archived is False
    assert created.admin_id == client.admins.identify().id

    updated = client.data_attributes.update(
        int(created.id),
        request={
            "description": "Plan level",
            "options": [{"value": "bronze"}, {"value": "gold"}, {"value": "platinum"}],
            "messenger_writable": False,
        },
    )
    assert updated.id == created.id
    assert updated.description == "Plan level"
    assert updated.options == ["bronze", "gold", "platinum"]
    assert updated.messenger_writable is False
    listed = _attributes(client, model="contact")["sdk_plan_level"]
    assert listed.id == created.id and listed.options == updated.options

    contact = client.contacts.create(
        request={"email": "sdk-plan@example.com", "custom_attributes": {"sdk_plan_level": "gold"}}
    )
    assert contact.custom_attributes == {"sdk_plan_level": "gold"}

    archived = client.data_attributes.update(int(created.id), request={"archived": True})
    assert archived.archived is True
    assert "sdk_plan_level" not in _attributes(client, model="contact")
    with_archived = _attributes(client, model="contact", include_archived=True)
    assert with_archived["sdk_plan_level"].archived is True


def test_sdk_create_data_attribute_twice(client):
    request = {"name": "sdk_seats", "model": "company", "data_type": "integer"}
    created = client.data_attributes.create(request=request)
    assert (created.model, created.data_type) == ("company", "integer")
    with pytest.raises(ApiError) as raised:
        client.data_attributes.create(request=request)
    assert raised.value.status_code == 400
    assert raised.value.body["errors"][0]["code"] == "parameter_invalid"


def test_sdk_update_unknown_data_attribute(client):
    with pytest.raises(ApiError) as raised:
        client.data_attributes.update(999999, request={"description": "nothing"})
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "field_not_found"


def test_sdk_submit_and_list_data_events(client):
    contact = client.contacts.create(
        request={"email": "sdk-events@example.com", "external_id": "sdk-events-1"}
    )
    # Events older than 90 days are not listed, so the events happen now.
    now = int(time.time())
    assert (
        client.events.create(
            request=CreateDataEventRequestWithUserId(
                event_name="invited-friend",
                created_at=now - 30,
                user_id="sdk-events-1",
                metadata={"invitee_email": "pi@example.org", "invite_code": "ADDAFRIEND"},
            )
        )
        is None
    )
    client.events.create(
        request=CreateDataEventRequestWithId(
            event_name="invited-friend", created_at=now - 20, id=contact.id
        )
    )
    client.events.create(
        request=CreateDataEventRequestWithEmail(
            event_name="placed-order", created_at=now - 10, email="sdk-events@example.com"
        )
    )

    listed = client.events.list(type="user", user_id="sdk-events-1")
    assert listed.type == "event.list"
    assert (listed.intercom_user_id, listed.user_id, listed.email) == (
        contact.id,
        "sdk-events-1",
        "sdk-events@example.com",
    )
    events = listed.events or []
    assert [(e.event_name, e.created_at) for e in events] == [
        ("placed-order", now - 10),
        ("invited-friend", now - 20),
        ("invited-friend", now - 30),
    ]
    assert events[2].metadata == {"invitee_email": "pi@example.org", "invite_code": "ADDAFRIEND"}

    summary = client.events.list(type="user", intercom_user_id=contact.id, summary=True)
    assert summary.type == "event.summary"
    counts = {item.name: item.count for item in summary.events or []}
    assert counts == {"invited-friend": 2, "placed-order": 1}


def test_sdk_data_event_summaries(client):
    client.contacts.create(
        request={"email": "sdk-summaries@example.com", "external_id": "sdk-summaries-1"}
    )
    now = int(time.time())
    assert (
        client.events.summaries(
            user_id="sdk-summaries-1",
            event_summaries=CreateDataEventSummariesRequestEventSummaries(
                event_name="viewed-pricing", count=3, first=now - 3600, last=now - 60
            ),
        )
        is None
    )
    summary = client.events.list(type="user", email="sdk-summaries@example.com", summary=True)
    (item,) = summary.events or []
    assert (item.name, item.count) == ("viewed-pricing", 3)
    assert item.first and item.last


def test_sdk_data_event_for_an_unknown_user(client):
    with pytest.raises(ApiError) as raised:
        client.events.create(
            request=CreateDataEventRequestWithUserId(
                event_name="ghost", created_at=int(time.time()), user_id="sdk-nobody"
            )
        )
    assert raised.value.status_code == 404


def _wait_for_export(client, job_identifier: str, timeout: float = 60):
    """The export once its background job has finished."""
    deadline = time.monotonic() + timeout
    while True:
        found = client.data_export.find(job_identifier)
        if found.status not in ("pending", "in_progress") or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_sdk_content_data_export(client, server):
    me = client.admins.identify()
    contact = client.contacts.create(request={"email": "sdk-export@example.com", "name": "Exa"})
    client.messages.create(
        request=CreateMessageRequest_Inapp(
            body="Your export is on its way",
            from_=CreateMessageRequestFrom(id=int(me.id)),
            to=CreateMessageRequestTo(type="user", id=contact.id),
        )
    )
    now = int(time.time())

    created = client.data_export.create(created_at_after=now - 3600, created_at_before=now + 60)
    assert created.job_identifier
    assert (created.status, created.download_url, created.download_expires_at) == (
        "pending",
        "",
        "",
    )
    done = _wait_for_export(client, created.job_identifier)
    assert done.job_identifier == created.job_identifier
    assert done.status == "completed"
    assert done.download_url == f"{server.base_url}/download/content/data/{done.job_identifier}"
    assert int(done.download_expires_at) > now

    assert client.data_export.download(done.job_identifier) is None
    # The SDK drops the file; read it over plain HTTP to check what it received.
    response = httpx.get(
        done.download_url,
        headers={"Authorization": f"Bearer {server.token}", "Accept": "application/octet-stream"},
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(response.content).decode())))
    assert [(row["user_id"], row["email"]) for row in rows] == [
        (contact.id, "sdk-export@example.com")
    ]


def test_sdk_cancel_data_export_and_one_at_a_time(client):
    now = int(time.time())
    first = client.data_export.create(created_at_after=now - 3600, created_at_before=now)
    assert first.status == "pending"
    with pytest.raises(ApiError) as raised:
        client.data_export.create(created_at_after=now - 60, created_at_before=now)
    assert raised.value.status_code == 429
    canceled = client.data_export.cancel(first.job_identifier)
    assert (canceled.job_identifier, canceled.status) == (first.job_identifier, "canceled")
    assert client.data_export.find(first.job_identifier).status == "canceled"
    with pytest.raises(ApiError) as raised:
        client.data_export.download(first.job_identifier)
    assert raised.value.status_code == 404

    # With the first one canceled, another export may start.
    second = client.data_export.create(created_at_after=now - 60, created_at_before=now)
    assert second.job_identifier != first.job_identifier
    assert _wait_for_export(client, second.job_identifier).status in ("completed", "no_data")


def test_sdk_unknown_data_export(client):
    with pytest.raises(ApiError) as raised:
        client.data_export.find("no-such-job")
    assert raised.value.status_code == 404
