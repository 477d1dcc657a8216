"""updateDataAttribute: PUT /data_attributes/{id}."""

from __future__ import annotations

import pytest

from backchannel.db.tables import Segment
from tests.conftest import START, assert_error

NOT_FOUND = "We couldn't find that data attribute to update"


@pytest.fixture
def ring(api):
    return api.post(
        "/data_attributes",
        json={"name": "The One Ring", "model": "company", "data_type": "string"},
    ).json()


def _segment(runtime, workspace, query, *, segment_id="5" * 24):
    with runtime.sessions.begin() as session:
        session.add(
            Segment(
                id=segment_id,
                workspace_id=workspace.workspace.id,
                name="Ring bearers",
                person_type="user",
                query=query,
                created_at=START,
                updated_at=START,
            )
        )


def test_update_data_attribute(api, ring, clock):
    clock.advance(1)
    response = api.put(
        f"/data_attributes/{ring['id']}",
        json={
            "description": "Just a plain old ring",
            "options": [{"value": "1-10"}, {"value": "11-20"}],
            "archived": False,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body == {
        **ring,
        "description": "Just a plain old ring",
        "options": ["1-10", "11-20"],
        "updated_at": START + 1,
    }
    listed = api.get("/data_attributes", params={"model": "company"}).json()["data"]
    assert listed[-1] == body


def test_update_data_attribute_messenger_writable(api, ring):
    body = api.put(f"/data_attributes/{ring['id']}", json={"messenger_writable": False}).json()
    assert body["messenger_writable"] is False
    assert body["description"] is None


def test_update_data_attribute_clear_options(api, ring):
    api.put(f"/data_attributes/{ring['id']}", json={"options": ["a", "b"]})
    body = api.put(f"/data_attributes/{ring['id']}", json={"options": []}).json()
    assert body["options"] is None


def test_update_data_attribute_archive_and_unarchive(api, ring):
    body = api.put(f"/data_attributes/{ring['id']}", json={"archived": True}).json()
    assert body["archived"] is True
    body = api.put(f"/data_attributes/{ring['id']}", json={"archived": False}).json()
    assert body["archived"] is False


def test_update_data_attribute_id_as_integer_path(api, ring):
    assert api.put(f"/data_attributes/{ring['id']}", json={}).json()["id"] == ring["id"]


@pytest.mark.parametrize("attribute_id", ["999999", "abc", "0", "-1", "1" * 30])
def test_update_data_attribute_not_found(api, ring, attribute_id):
    assert_error(
        api.put(f"/data_attributes/{attribute_id}", json={"description": "x"}),
        404,
        "field_not_found",
        NOT_FOUND,
    )


def test_update_data_attribute_of_another_workspace(api, ring, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    assert_error(
        api.put(f"/data_attributes/{ring['id']}", json={"archived": True}, headers=other),
        404,
        "field_not_found",
        NOT_FOUND,
    )
    listed = api.get("/data_attributes", params={"model": "company"}).json()["data"]
    assert listed[-1]["archived"] is False


@pytest.mark.parametrize("options", [{"value": "1-10"}, "1-10", 3])
def test_update_data_attribute_options_not_an_array(api, ring, options):
    assert_error(
        api.put(
            f"/data_attributes/{ring['id']}",
            json={"description": "Too few options", "options": options, "archived": False},
        ),
        400,
        "parameter_invalid",
        "Options isn't an array",
    )


def test_update_data_attribute_too_few_options(api, ring):
    assert_error(
        api.put(f"/data_attributes/{ring['id']}", json={"options": [{"value": "1-10"}]}),
        400,
        "parameter_invalid",
        "A list attribute needs at least two options",
    )


def test_update_data_attribute_data_type_cannot_change(api, ring):
    assert_error(
        api.put(f"/data_attributes/{ring['id']}", json={"data_type": "integer"}),
        400,
        "parameter_invalid",
        "The data type of a data attribute cannot be changed",
    )
    same = api.put(f"/data_attributes/{ring['id']}", json={"data_type": "string"})
    assert same.status_code == 200 and same.json()["data_type"] == "string"


def test_update_data_attribute_unknown_key(api, ring):
    assert_error(
        api.put(f"/data_attributes/{ring['id']}", json={"name": "Other"}),
        400,
        "bad_request",
        "bad 'name' parameter",
    )


def test_update_data_attribute_archive_blocked_by_segment(api, runtime, workspace):
    plan = api.post(
        "/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"}
    ).json()
    _segment(
        runtime,
        workspace,
        {
            "operator": "AND",
            "value": [
                {"field": "role", "operator": "=", "value": "user"},
                {"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
            ],
        },
    )
    assert_error(
        api.put(
            f"/data_attributes/{plan['id']}",
            json={"description": "Trying to archieve", "archived": True},
        ),
        422,
        "data_invalid",
        "The Data Attribute you are trying to archive has a dependant object",
    )
    listed = api.get("/data_attributes", params={"model": "contact"}).json()["data"]
    assert listed[-1] == plan  # nothing changed, the description neither


def test_update_data_attribute_archive_not_blocked_by_other_fields(api, runtime, workspace):
    plan = api.post(
        "/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"}
    ).json()
    _segment(runtime, workspace, {"field": "custom_attributes.planet", "operator": "=", "value": 1})
    body = api.put(f"/data_attributes/{plan['id']}", json={"archived": True}).json()
    assert body["archived"] is True


def test_update_data_attribute_archive_not_blocked_by_other_workspace_segment(
    api, runtime, other_workspace
):
    plan = api.post(
        "/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"}
    ).json()
    _segment(
        runtime, other_workspace, {"field": "custom_attributes.plan", "operator": "=", "value": "x"}
    )
    assert api.put(f"/data_attributes/{plan['id']}", json={"archived": True}).status_code == 200


def test_update_data_attribute_unauthorized(anonymous):
    assert_error(
        anonymous.put("/data_attributes/1", json={"archived": True}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
