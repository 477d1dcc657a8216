"""Subscriptions on the contact object, and preferences through merge and delete."""

from __future__ import annotations

from sqlalchemy import func, select

from backchannel.db.tables import ContactSubscription
from tests.api.subscription_types.conftest import attach, contact, listed_ids


def _summary(contact_id, items):
    return {
        "type": "list",
        "data": [
            {"type": "subscription", "id": i, "url": f"/contacts/{contact_id}/subscriptions"}
            for i in items
        ],
        "url": f"/contacts/{contact_id}/subscriptions",
        "total_count": len(items),
        "has_more": False,
    }


def test_contact_summaries_empty(api):
    user = contact(api, email="u@x.test")
    assert user["opted_in_subscription_types"] == _summary(user["id"], [])
    assert user["opted_out_subscription_types"] == _summary(user["id"], [])


def test_contact_summaries_in_lists_and_search(api, newsletter, updates):
    one = contact(api, email="one@x.test")
    two = contact(api, email="two@x.test")
    attach(api, one["id"], newsletter)
    attach(api, two["id"], updates)
    listed = {c["id"]: c for c in api.get("/contacts").json()["data"]}
    assert listed[one["id"]]["opted_out_subscription_types"] == _summary(
        one["id"], [newsletter["id"]]
    )
    assert listed[one["id"]]["opted_in_subscription_types"] == _summary(one["id"], [])
    assert listed[two["id"]]["opted_in_subscription_types"] == _summary(two["id"], [updates["id"]])
    query = {"query": {"field": "email", "operator": "=", "value": "two@x.test"}}
    found = api.post("/contacts/search", json=query).json()["data"]
    assert found[0]["opted_in_subscription_types"] == _summary(two["id"], [updates["id"]])


def test_merge_moves_the_leads_preferences(api, newsletter, updates):
    lead = contact(api, role="lead")
    user = contact(api, email="u@x.test")
    attach(api, lead["id"], newsletter)
    attach(api, lead["id"], updates)
    merged = api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]})
    assert merged.status_code == 200
    assert merged.json()["opted_out_subscription_types"] == _summary(user["id"], [newsletter["id"]])
    assert merged.json()["opted_in_subscription_types"] == _summary(user["id"], [updates["id"]])
    assert listed_ids(api, user["id"]) == [newsletter["id"], updates["id"]]


def test_merge_keeps_the_users_own_preference(api, runtime, newsletter, updates):
    lead = contact(api, role="lead")
    user = contact(api, email="u@x.test")
    attach(api, lead["id"], updates)
    attach(api, user["id"], updates)
    attach(api, lead["id"], newsletter)
    assert (
        api.post("/contacts/merge", json={"from": lead["id"], "into": user["id"]}).status_code
        == 200
    )
    assert listed_ids(api, user["id"]) == [newsletter["id"], updates["id"]]
    with runtime.sessions() as session:
        rows = session.execute(
            select(ContactSubscription.contact_id, func.count()).group_by(
                ContactSubscription.contact_id
            )
        ).all()
    assert dict(rows) == {user["id"]: 2}  # nothing is left on the merged-away lead


def test_delete_drops_the_preferences(api, runtime, newsletter):
    user = contact(api, email="u@x.test")
    kept = contact(api, email="kept@x.test")
    attach(api, user["id"], newsletter)
    attach(api, kept["id"], newsletter)
    assert api.delete(f"/contacts/{user['id']}").status_code == 200
    with runtime.sessions() as session:
        owners = session.execute(select(ContactSubscription.contact_id)).scalars().all()
    assert owners == [kept["id"]]
