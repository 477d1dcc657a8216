"""Setup shared by the message tests: a user to message and helpers to send and find."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from backchannel.db.tables import Conversation
from backchannel.provisioning import NewWorkspace
from backchannel.runtime import Runtime

Json = dict[str, Any]


@pytest.fixture
def contact(make_contact: Callable[..., Json]) -> Json:
    return make_contact(role="user", email="joe@bloggs.test", name="Joe Bloggs", external_id="u-1")


@pytest.fixture
def admin_id(workspace: NewWorkspace) -> str:
    """The workspace owner (Ada), as the string id the examples send."""
    return str(workspace.admin.id)


@pytest.fixture
def send(api: TestClient, admin_id: str, contact: Json) -> Callable[..., Any]:
    """POST an in-app admin message from Ada to ``contact``; extra keys override."""

    def post(**overrides: Any) -> Any:
        payload: Json = {
            "from": {"type": "admin", "id": admin_id},
            "to": {"type": "user", "id": contact["id"]},
            "message_type": "inapp",
            "body": "Hello there",
            **overrides,
        }
        return api.post("/messages", json=payload)

    return post


@pytest.fixture
def stored_id(runtime: Runtime) -> Callable[[str], int]:
    """The id of the conversation stored for a message (by its source id), which the API
    does not reveal until the conversation is in the inbox."""

    def find(message_id: str) -> int:
        with runtime.sessions() as session:
            found = session.execute(
                select(Conversation.id).where(Conversation.source_id == message_id)
            ).scalar_one()
            return int(found)

    return find
