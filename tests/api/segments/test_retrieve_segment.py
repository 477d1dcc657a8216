"""retrieveSegment: GET /segments/{id}[?include_count=true]."""

from __future__ import annotations

import pytest

from tests.api.segments.conftest import contact, pred
from tests.conftest import START, assert_error


def test_retrieve_segment(api, default_ids):
    response = api.get(f"/segments/{default_ids['All leads']}")
    assert response.status_code == 200
    assert response.json() == {
        "type": "segment",
        "id": default_ids["All leads"],
        "name": "All leads",
        "created_at": START,
        "updated_at": START,
        "person_type": "contact",
    }


def test_retrieve_segment_include_count(api, make_segment):
    made = make_segment("Acme leads", pred("email", "$", "@acme.test"), person_type="contact")
    contact(api, role="lead", email="one@acme.test")
    contact(api, role="lead", email="two@other.test")
    contact(api, email="user@acme.test")  # a user: not in a lead segment
    body = api.get(f"/segments/{made}", params={"include_count": "true"}).json()
    assert body["count"] == 1
    assert body["person_type"] == "contact"


def test_retrieve_segment_include_count_empty(api, default_ids):
    body = api.get(f"/segments/{default_ids['All users']}?include_count=true").json()
    assert body["count"] == 0


@pytest.mark.parametrize("segment_id", ["000000000000000000000000", "123", "not-an-id"])
def test_retrieve_segment_not_found(api, segment_id):
    assert_error(api.get(f"/segments/{segment_id}"), 404, "not_found", "Resource Not Found")


def test_retrieve_segment_of_another_workspace(api, other_workspace, make_segment):
    theirs = make_segment(
        "Theirs", pred("role", "=", "user"), workspace_id=other_workspace.workspace.id
    )
    assert_error(api.get(f"/segments/{theirs}"), 404, "not_found", "Resource Not Found")


def test_retrieve_segment_unauthorized(anonymous, default_ids):
    assert_error(
        anonymous.get("/segments/000000000000000000000000"),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
