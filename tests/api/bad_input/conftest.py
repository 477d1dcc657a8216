"""Setup shared by the bad-input tests: one of every kind of object, made through the API,
and ``refused``, which sends a request that must fail and proves that no stored row changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine
from starlette.testclient import TestClient

from backchannel.provisioning import NewWorkspace
from tests.conftest import assert_error
from tests.snapshot import changed_tables, snapshot

Json = dict[str, Any]


def _ok(response: Any) -> Json:
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


@pytest.fixture
def world(api: TestClient, workspace: NewWorkspace) -> dict[str, str]:
    """The ids of a user (in a company, with a note), a lead, a tag, a conversation, a
    ticket type and a ticket, a collection, an article, a news item and a data attribute."""
    admin = workspace.admin.id
    user = _ok(api.post("/contacts", json={"role": "user", "email": "joe@x.test"}))
    lead = _ok(api.post("/contacts", json={"role": "lead", "name": "Lea"}))
    company = _ok(api.post("/companies", json={"company_id": "acme", "name": "Acme"}))
    _ok(api.post(f"/contacts/{user['id']}/companies", json={"id": company["id"]}))
    note = _ok(api.post(f"/contacts/{user['id']}/notes", json={"body": "n", "admin_id": admin}))
    tag = _ok(api.post("/tags", json={"name": "vip"}))
    started = _ok(
        api.post("/conversations", json={"from": {"type": "user", "id": user["id"]}, "body": "hi"})
    )
    ticket_type = _ok(api.post("/ticket_types", json={"name": "Bug"}))
    ticket = _ok(
        api.post(
            "/tickets",
            json={
                "ticket_type_id": ticket_type["id"],
                "contacts": [{"id": user["id"]}],
                "ticket_attributes": {"_default_title_": "T", "_default_description_": "D"},
            },
        )
    )
    collection = _ok(api.post("/help_center/collections", json={"name": "Guides"}))
    article = _ok(api.post("/articles", json={"title": "A", "author_id": admin}))
    news_item = _ok(api.post("/news/news_items", json={"title": "N", "sender_id": admin}))
    attribute = _ok(
        api.post(
            "/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"}
        )
    )
    return {
        "admin": str(admin),
        "team": str(workspace.team.id),
        "user": user["id"],
        "lead": lead["id"],
        "company": company["id"],
        "note": note["id"],
        "tag": tag["id"],
        "conversation": started["conversation_id"],
        "ticket_type": ticket_type["id"],
        "attribute": ticket_type["ticket_type_attributes"]["data"][0]["id"],
        "ticket": ticket["id"],
        "collection": collection["id"],
        "article": article["id"],
        "news_item": news_item["id"],
        "data_attribute": str(attribute["id"]),
    }


@pytest.fixture
def refused(api: TestClient, engine: Engine) -> Callable[..., Json]:
    """Send a request that must fail with this status, code (and message); assert that every
    stored row is as it was. Returns the error body."""

    def send(
        method: str,
        path: str,
        status: int,
        code: str,
        message: str | None = None,
        **kwargs: Any,
    ) -> Json:
        before = snapshot(engine)
        response = api.request(method, path, **kwargs)
        body = assert_error(response, status, code, message)
        after = snapshot(engine)
        assert after == before, f"{method} {path} changed {changed_tables(before, after)}"
        return body

    return send
