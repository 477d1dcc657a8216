"""Admins, teams, segments and subscription types through the official python-intercom SDK,
against a real server. 2.10 can only read admins, teams, segments and subscription types:
these tests use what ``serve`` makes on an empty database (an owner admin in a team, the
segments "All users", "All leads", "Active" and "New", the subscription types "Newsletter"
and "Product updates")."""

from __future__ import annotations

import time

import pytest
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk

DEFAULT_SEGMENTS = {
    "Active": "user",
    "All leads": "contact",
    "All users": "user",
    "New": "user",
}


def test_sdk_identify_list_and_find_admin(client):
    me = client.admins.identify()
    assert me is not None and me.type == "admin" and me.id
    assert (me.name, me.email) == ("Workspace Owner", "owner@example.com")
    assert me.email_verified is True and me.has_inbox_seat is True
    assert me.app is not None and me.app.type == "app" and me.app.id_code
    assert me.team_ids and len(me.team_ids) == 1

    listed = client.admins.list()
    assert listed.type == "admin.list"
    assert [a.id for a in listed.admins or []] == [me.id]

    found = client.admins.find(int(me.id))
    assert found is not None and found.type == "admin"
    assert (found.id, found.name, found.email) == (me.id, me.name, me.email)
    assert found.team_ids == me.team_ids
    assert found.team_priority_level is not None
    assert found.team_priority_level.primary_team_ids == me.team_ids


def test_sdk_find_unknown_admin(client):
    with pytest.raises(ApiError) as raised:
        client.admins.find(999999)
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "admin_not_found"


def test_sdk_set_admin_away_and_read_the_activity_log(client):
    me = client.admins.identify()
    assert me is not None
    since = str(int(time.time()) - 60)
    away = client.admins.away(int(me.id), away_mode_enabled=True, away_mode_reassign=True)
    assert away is not None and away.id == me.id
    assert (away.away_mode_enabled, away.away_mode_reassign) == (True, True)
    found = client.admins.find(int(me.id))
    assert found is not None and found.away_mode_enabled is True
    back = client.admins.away(int(me.id), away_mode_enabled=False, away_mode_reassign=False)
    assert back is not None
    assert (back.away_mode_enabled, back.away_mode_reassign) == (False, False)

    logs = client.admins.list_all_activity_logs(created_at_after=since)
    assert logs.type == "activity_log.list"
    assert logs.pages is not None and logs.pages.type == "pages"
    changes = [
        log for log in logs.activity_logs or [] if log.activity_type == "admin_away_mode_change"
    ]
    assert len(changes) == 2
    for log in changes:
        assert log.id and log.created_at is not None and int(since) <= log.created_at
        assert log.performed_by is not None
        assert (log.performed_by.type, log.performed_by.id) == ("admin", me.id)
        assert log.performed_by.email == "owner@example.com"
    assert sorted(log.metadata.away_mode for log in changes) == [False, True]


def test_sdk_list_and_find_teams(client):
    me = client.admins.identify()
    assert me is not None and me.team_ids
    teams = client.teams.list()
    assert teams.type == "team.list"
    (team,) = teams.teams or []
    assert team.type == "team" and team.name == "Support"
    assert team.id == str(me.team_ids[0])
    assert team.admin_ids == [int(me.id)]

    found = client.teams.find(team.id)
    assert (found.id, found.name, found.admin_ids) == (team.id, "Support", [int(me.id)])
    assert found.admin_priority_level is not None
    assert found.admin_priority_level.primary_admin_ids == [int(me.id)]
    assert found.admin_priority_level.secondary_admin_ids == []


def test_sdk_find_unknown_team(client):
    with pytest.raises(ApiError) as raised:
        client.teams.find("999999")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "team_not_found"


def _segments_by_name(client, **params):
    listed = client.segments.list(**params)
    assert listed.type == "segment.list"
    return {segment.name: segment for segment in listed.segments or []}


def test_sdk_list_and_find_segments(client):
    segments = _segments_by_name(client)
    assert {name: s.person_type for name, s in segments.items()} == DEFAULT_SEGMENTS
    for segment in segments.values():
        assert segment.type == "segment" and segment.id and segment.created_at
    everyone = segments["All users"]
    found = client.segments.find(everyone.id)
    assert found.type == "segment"
    assert (found.id, found.name, found.person_type) == (everyone.id, "All users", "user")
    assert found.created_at == everyone.created_at


def test_sdk_segment_counts_and_a_contacts_segments(client):
    before = _segments_by_name(client, include_count=True)
    user = client.contacts.create(request={"email": "sdk-segmented@example.com"})
    client.contacts.create(request={"role": "lead", "name": "Segment Lead"})
    after = _segments_by_name(client, include_count=True)
    assert after["All users"].count == before["All users"].count + 1
    assert after["All leads"].count == before["All leads"].count + 1

    attached = client.contacts.list_attached_segments(user.id)
    assert attached.type == "list"
    names = {segment.name for segment in attached.data or []}
    assert "All users" in names and "All leads" not in names
    assert {s.id for s in attached.data or []} <= {s.id for s in after.values()}


def test_sdk_unknown_segment(client):
    with pytest.raises(ApiError) as raised:
        client.segments.find("0123456789abcdef01234567")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "not_found"


def _subscription_types(client):
    listed = client.subscription_types.list()
    assert listed.type == "list"
    return {t.default_translation.name: t for t in listed.data or []}


def test_sdk_list_subscription_types(client):
    types = _subscription_types(client)
    assert set(types) == {"Newsletter", "Product updates"}
    newsletter = types["Newsletter"]
    assert newsletter.type == "subscription" and newsletter.id
    assert (newsletter.state, newsletter.consent_type) == ("live", "opt_out")
    assert newsletter.content_types == ["email"]
    assert newsletter.default_translation.locale == "en"
    assert [t.name for t in newsletter.translations or []] == ["Newsletter"]


def test_sdk_attach_and_detach_subscription_types(client):
    newsletter = _subscription_types(client)["Newsletter"]
    contact = client.contacts.create(request={"email": "sdk-subscribed@example.com"})
    assert client.contacts.list_attached_subscriptions(contact.id).data == []

    attached = client.contacts.attach_subscription(
        contact.id, subscription_id=newsletter.id, consent_type="opt_out"
    )
    assert attached.type == "subscription" and attached.id == newsletter.id
    assert attached.consent_type == "opt_out"
    listed = client.contacts.list_attached_subscriptions(contact.id)
    assert listed.type == "list"
    assert [t.id for t in listed.data or []] == [newsletter.id]

    detached = client.contacts.detach_subscription(contact.id, newsletter.id)
    assert detached.id == newsletter.id
    assert client.contacts.list_attached_subscriptions(contact.id).data == []


def test_sdk_attach_subscription_type_with_the_wrong_consent_type(client):
    newsletter = _subscription_types(client)["Newsletter"]
    contact = client.contacts.create(request={"email": "sdk-wrong-consent@example.com"})
    with pytest.raises(ApiError) as raised:
        client.contacts.attach_subscription(
            contact.id, subscription_id=newsletter.id, consent_type="opt_in"
        )
    assert raised.value.status_code == 400
    assert raised.value.body["errors"][0]["code"] == "parameter_invalid"
    assert client.contacts.list_attached_subscriptions(contact.id).data == []
