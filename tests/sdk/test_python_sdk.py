"""The official python-intercom SDK, unchanged but for its base URL, against a real server."""

from __future__ import annotations

import pytest
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


def test_sdk_identify_admin(client):
    me = client.admins.identify()
    assert me.type == "admin"
    assert me.app is not None and me.app.id_code


def test_sdk_create_find_update_contact(client):
    created = client.contacts.create(request={"email": "sdk-ada@example.com", "name": "Ada"})
    assert created.id and created.email == "sdk-ada@example.com"
    found = client.contacts.find(created.id)
    assert found.name == "Ada"
    updated = client.contacts.update(created.id, name="Ada Lovelace")
    assert updated.name == "Ada Lovelace"


def test_sdk_duplicate_contact_is_409(client):
    first = client.contacts.create(request={"email": "sdk-dup@example.com"})
    with pytest.raises(ApiError) as raised:
        client.contacts.create(request={"email": "sdk-dup@example.com"})
    assert raised.value.status_code == 409
    assert f"id={first.id}" in raised.value.body["errors"][0]["message"]


def test_sdk_lists_every_contact_across_pages(client):
    made = {
        client.contacts.create(request={"email": f"sdk-page-{n}@example.com"}).id for n in range(7)
    }
    seen = [contact.id for contact in client.contacts.list(per_page=3)]
    assert len(seen) == len(set(seen))
    assert made <= set(seen)


def test_sdk_search_contacts_pages_manually(client):
    made = {
        client.contacts.create(
            request={"email": f"sdk-search-{n}@searching.example", "custom_attributes": {}}
        ).id
        for n in range(5)
    }
    query = {"field": "email", "operator": "$", "value": "@searching.example"}
    first = client.contacts.search(query=query, pagination={"per_page": 3})
    page = first.response
    assert page.total_count == 5
    found = [c.id for c in page.data]
    cursor = page.pages.next.starting_after
    second = client.contacts.search(
        query=query, pagination={"per_page": 3, "starting_after": cursor}
    ).response
    found += [c.id for c in second.data]
    assert set(found) == made
    assert second.pages.next is None


def test_sdk_archive_unarchive_delete(client):
    contact = client.contacts.create(request={"external_id": "sdk-archive-1"})
    assert client.contacts.archive(contact.id).archived is True
    assert client.contacts.unarchive(contact.id).archived is False
    assert client.contacts.delete(contact.id).deleted is True
    with pytest.raises(ApiError) as raised:
        client.contacts.find(contact.id)
    assert raised.value.status_code == 404


def test_sdk_merge_lead_into_user(client):
    lead = client.contacts.create(request={"role": "lead", "name": "Lead"})
    user = client.contacts.create(request={"email": "sdk-merge@example.com"})
    merged = client.contacts.merge_lead_in_user(lead_id=lead.id, contact_id=user.id)
    assert merged.id == user.id
    assert merged.name == "Lead"


def test_sdk_teams_and_admins(client):
    admins = client.admins.list()
    assert admins.admins and admins.admins[0].type == "admin"
    teams = client.teams.list()
    assert teams.teams and teams.teams[0].name
