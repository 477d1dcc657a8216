"""createDataAttribute: POST /data_attributes."""

from __future__ import annotations

import pytest

from tests.conftest import START, assert_error

NAME_MESSAGE = (
    "Your name for this attribute must only contain alphanumeric characters, "
    "currency symbols, and hyphens"
)


def test_create_data_attribute(api, workspace):
    response = api.post(
        "/data_attributes",
        json={"name": "Mithril Shirt", "model": "company", "data_type": "string"},
    )
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["id"], int)
    assert body == {
        "id": body["id"],
        "type": "data_attribute",
        "name": "Mithril Shirt",
        "full_name": "custom_attributes.Mithril Shirt",
        "label": "Mithril Shirt",
        "description": None,
        "data_type": "string",
        "options": None,
        "api_writable": True,
        "ui_writable": False,
        "messenger_writable": True,
        "custom": True,
        "archived": False,
        "admin_id": str(workspace.admin.id),
        "created_at": START,
        "updated_at": START,
        "model": "company",
    }


def test_create_data_attribute_list_with_options(api):
    body = api.post(
        "/data_attributes",
        json={
            "name": "tier",
            "model": "contact",
            "data_type": "string",
            "description": "Support tier",
            "options": [{"value": "gold"}, {"value": "silver"}, "bronze"],
            "messenger_writable": False,
        },
    ).json()
    assert body["options"] == ["gold", "silver", "bronze"]
    assert body["description"] == "Support tier"
    assert body["messenger_writable"] is False
    assert body["model"] == "contact"


def test_create_data_attribute_options_data_type(api):
    # Later API versions (and the current SDKs) declare list attributes as data_type options.
    body = api.post(
        "/data_attributes",
        json={
            "name": "tier",
            "model": "company",
            "data_type": "options",
            "options": [{"value": "gold"}, {"value": "silver"}],
        },
    ).json()
    assert body["data_type"] == "string"
    assert body["options"] == ["gold", "silver"]


def test_create_data_attribute_options_data_type_needs_options(api):
    assert_error(
        api.post(
            "/data_attributes", json={"name": "tier", "model": "company", "data_type": "options"}
        ),
        400,
        "parameter_invalid",
        "A list attribute needs at least two options",
    )


def test_create_data_attribute_datetime_is_a_date(api):
    body = api.post(
        "/data_attributes", json={"name": "renews", "model": "contact", "data_type": "datetime"}
    ).json()
    assert body["data_type"] == "date"


@pytest.mark.parametrize("data_type", ["string", "integer", "float", "boolean", "date"])
def test_create_data_attribute_each_data_type(api, data_type):
    body = api.post(
        "/data_attributes",
        json={"name": f"a-{data_type}", "model": "contact", "data_type": data_type},
    ).json()
    assert body["data_type"] == data_type


def test_create_data_attribute_shows_in_list(api):
    made = api.post(
        "/data_attributes", json={"name": "seats", "model": "contact", "data_type": "integer"}
    ).json()
    listed = api.get("/data_attributes", params={"model": "contact"}).json()
    assert listed["data"][-1] == made


@pytest.mark.parametrize("model", ["ticket", "user", None, 3])
def test_create_data_attribute_invalid_model(api, model):
    body = {"name": "x", "data_type": "string"}
    if model is not None:
        body["model"] = model
    assert_error(
        api.post("/data_attributes", json=body),
        400,
        "parameter_invalid",
        "The Data Attribute model field must be either contact or company",
    )


def test_create_data_attribute_too_few_options_body_without_model(api):
    # The API's own example: a body with no model is refused on the model first.
    assert_error(
        api.post(
            "/data_attributes",
            json={"description": "Just a plain old ring", "options": [{"value": "1-10"}]},
        ),
        400,
        "parameter_invalid",
        "The Data Attribute model field must be either contact or company",
    )


@pytest.mark.parametrize("data_type", ["mithril", "", "Date", None])
def test_create_data_attribute_invalid_data_type(api, data_type):
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "The Second Ring", "model": "company", "data_type": data_type},
        ),
        400,
        "parameter_invalid",
        "Data Type isn't an option",
    )


@pytest.mark.parametrize(
    "name",
    ["!nv@l!d n@me", "a.b", "", " padded", 'quote"d', "x" * 191, 12],
    ids=["punctuation", "dot", "empty", "leading-space", "quote", "too-long", "number"],
)
def test_create_data_attribute_invalid_name(api, name):
    assert_error(
        api.post(
            "/data_attributes", json={"name": name, "model": "company", "data_type": "string"}
        ),
        400,
        "parameter_invalid",
        NAME_MESSAGE,
    )


@pytest.mark.parametrize("name", ["Price €", "price-in-$", "naïve_2", "The One Ring"])
def test_create_data_attribute_names_allowed(api, name):
    response = api.post(
        "/data_attributes", json={"name": name, "model": "contact", "data_type": "float"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["full_name"] == f"custom_attributes.{name}"


def test_create_data_attribute_missing_name(api):
    assert_error(
        api.post("/data_attributes", json={"model": "company", "data_type": "string"}),
        400,
        "parameter_not_found",
        "name is a required parameter.",
    )


def test_create_data_attribute_same_name_on_the_other_model(api):
    api.post(
        "/data_attributes", json={"name": "The One Ring", "model": "company", "data_type": "string"}
    )
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "The One Ring", "model": "contact", "data_type": "integer"},
        ),
        400,
        "parameter_invalid",
        "You already have 'The One Ring' in your company data. To save this as new people "
        "data, use a different name.",
    )


def test_create_data_attribute_same_name_on_the_same_model(api):
    api.post(
        "/data_attributes", json={"name": "The One Ring", "model": "company", "data_type": "string"}
    )
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "the one ring", "model": "company", "data_type": "string"},
        ),
        400,
        "parameter_invalid",
        "You already have 'The One Ring' in your company data. To save this as new company "
        "data, use a different name.",
    )


def test_create_data_attribute_people_name_taken(api):
    api.post("/data_attributes", json={"name": "plan", "model": "contact", "data_type": "string"})
    assert_error(
        api.post(
            "/data_attributes", json={"name": "plan", "model": "company", "data_type": "string"}
        ),
        400,
        "parameter_invalid",
        "You already have 'plan' in your people data. To save this as new company data, "
        "use a different name.",
    )


def test_create_data_attribute_builtin_name_taken(api):
    assert_error(
        api.post(
            "/data_attributes", json={"name": "website", "model": "company", "data_type": "string"}
        ),
        400,
        "parameter_invalid",
        "You already have 'website' in your company data. To save this as new company data, "
        "use a different name.",
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"value": "1-10"}, "Options isn't an array"),
        ("gold", "Options isn't an array"),
        ([{"value": "1-10"}], "A list attribute needs at least two options"),
        (
            [{"value": "a"}, {"value": 3}],
            'Each option must be a non-empty string or an object {"value": "..."}',
        ),
        (
            [{"label": "a"}, "b"],
            'Each option must be a non-empty string or an object {"value": "..."}',
        ),
    ],
    ids=["object", "string", "one", "number", "no-value"],
)
def test_create_data_attribute_invalid_options(api, options, message):
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "tier", "model": "contact", "data_type": "string", "options": options},
        ),
        400,
        "parameter_invalid",
        message,
    )
    assert (
        api.get("/data_attributes", params={"model": "contact"}).json()["data"][-1]["custom"]
        is False
    )


def test_create_data_attribute_options_only_for_strings(api):
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "n", "model": "contact", "data_type": "integer", "options": ["1", "2"]},
        ),
        400,
        "parameter_invalid",
        "Only string attributes can have options",
    )


def test_create_data_attribute_unknown_key(api):
    assert_error(
        api.post(
            "/data_attributes",
            json={"name": "n", "model": "contact", "data_type": "string", "archived": False},
        ),
        400,
        "bad_request",
        "bad 'archived' parameter",
    )


def test_create_data_attribute_names_are_per_workspace(api, other_workspace):
    other = {"Authorization": f"Bearer {other_workspace.token}"}
    body = {"name": "plan", "model": "contact", "data_type": "string"}
    assert api.post("/data_attributes", json=body).status_code == 200
    assert api.post("/data_attributes", json=body, headers=other).status_code == 200


def test_create_data_attribute_unauthorized(anonymous):
    assert_error(
        anonymous.post(
            "/data_attributes", json={"name": "n", "model": "contact", "data_type": "string"}
        ),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
