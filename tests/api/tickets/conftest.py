"""Setup shared by the ticket tests: a contact and ticket types made through the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

Json = dict[str, Any]


@pytest.fixture
def contact(make_contact: Callable[..., Json]) -> Json:
    return make_contact(role="user", email="joe@bloggs.test", name="Joe Bloggs", external_id="u-1")


@pytest.fixture
def make_type(api: TestClient) -> Callable[..., Json]:
    """Create a ticket type (Customer unless told) and return it."""

    def make(name: str = "Bug", **fields: Any) -> Json:
        response = api.post("/ticket_types", json={"name": name, **fields})
        assert response.status_code == 200, response.text
        made: Json = response.json()
        return made

    return make


@pytest.fixture
def ticket_type(make_type: Callable[..., Json]) -> Json:
    return make_type()


@pytest.fixture
def make_ticket(api: TestClient, contact: Json, ticket_type: Json) -> Callable[..., Json]:
    """Create a ticket for ``contact`` (title and description given) and return it."""

    def make(type_id: str | None = None, **attributes: Any) -> Json:
        values = {"_default_title_": "Broken", "_default_description_": "It fails", **attributes}
        response = api.post(
            "/tickets",
            json={
                "ticket_type_id": type_id or ticket_type["id"],
                "contacts": [{"id": contact["id"]}],
                "ticket_attributes": values,
            },
        )
        assert response.status_code == 200, response.text
        made: Json = response.json()
        return made

    return make
