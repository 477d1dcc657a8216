"""createTag: POST /tags, dispatched on five body shapes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import Tag
from tests.conftest import assert_error

# --- {name}: create or return the existing tag ---------------------------------------------


def test_create_tag(api):
    response = api.post("/tags", json={"name": "Independent"})
    assert response.status_code == 200
    tag = response.json()
    assert tag == {"type": "tag", "id": tag["id"], "name": "Independent"}
    assert tag["id"].isdigit()
    assert api.get(f"/tags/{tag['id']}").json() == tag


def test_create_tag_existing_name_in_any_case_returns_it(api):
    first = api.post("/tags", json={"name": "VIP"}).json()
    again = api.post("/tags", json={"name": "vip"})
    assert again.status_code == 200
    assert again.json() == first  # the stored name keeps its case
    assert api.post("/tags", json={"name": "Vip"}).json() == first
    assert [t["id"] for t in api.get("/tags").json()["data"]] == [first["id"]]


def test_create_tag_names_fold_beyond_ascii(api):
    first = api.post("/tags", json={"name": "Straße"}).json()
    assert api.post("/tags", json={"name": "STRASSE"}).json() == first
    other = api.post("/tags", json={"name": "Ébène"}).json()
    assert api.post("/tags", json={"name": "ébène"}).json() == other


def test_create_tag_null_keys_are_absent(api):
    tag = api.post("/tags", json={"name": "Nulls", "id": None, "companies": None}).json()
    assert tag["name"] == "Nulls"


def test_create_tag_accepts_tag_or_untag(api, make_contact):
    contact = make_contact(email="r@x.test")
    tag = api.post(
        "/tags", json={"name": "Ruby", "users": [{"id": contact["id"]}], "tag_or_untag": "tag"}
    ).json()
    assert [t["id"] for t in api.get(f"/contacts/{contact['id']}/tags").json()["data"]] == [
        tag["id"]
    ]


# --- {id, name}: rename -------------------------------------------------------------------


def test_create_tag_rename(api, clock):
    tag = api.post("/tags", json={"name": "Old"}).json()
    clock.advance(5)
    response = api.post("/tags", json={"id": tag["id"], "name": "New"})
    assert response.status_code == 200
    assert response.json() == {"type": "tag", "id": tag["id"], "name": "New"}
    assert api.get(f"/tags/{tag['id']}").json()["name"] == "New"
    # The new name is the one looked up from now on; the old one is free.
    assert api.post("/tags", json={"name": "new"}).json()["id"] == tag["id"]
    assert api.post("/tags", json={"name": "Old"}).json()["id"] != tag["id"]


def test_create_tag_rename_with_integer_id(api):
    tag = api.post("/tags", json={"name": "Old"}).json()
    renamed = api.post("/tags", json={"id": int(tag["id"]), "name": "New"}).json()
    assert renamed == {"type": "tag", "id": tag["id"], "name": "New"}


def test_create_tag_rename_changing_case_only(api):
    tag = api.post("/tags", json={"name": "vip"}).json()
    assert api.post("/tags", json={"id": tag["id"], "name": "VIP"}).json()["name"] == "VIP"


def test_create_tag_rename_unknown_tag(api):
    assert_error(
        api.post("/tags", json={"id": "999999", "name": "New"}),
        404,
        "not_found",
        "Resource Not Found",
    )


def test_create_tag_rename_malformed_id(api):
    assert_error(
        api.post("/tags", json={"id": "abc", "name": "New"}), 404, "not_found", "Resource Not Found"
    )


def test_create_tag_rename_to_taken_name(api):
    api.post("/tags", json={"name": "Taken"})
    tag = api.post("/tags", json={"name": "Mine"}).json()
    body = assert_error(
        api.post("/tags", json={"id": tag["id"], "name": "TAKEN"}),
        400,
        "parameter_invalid",
        "A tag with the name 'TAKEN' already exists",
    )
    assert body["errors"][0]["field"] == "name"
    assert api.get(f"/tags/{tag['id']}").json()["name"] == "Mine"


def test_create_tag_rename_tag_of_another_workspace(api, other_headers):
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert_error(
        api.post("/tags", json={"id": theirs["id"], "name": "Mine"}),
        404,
        "not_found",
        "Resource Not Found",
    )
    assert api.get(f"/tags/{theirs['id']}", headers=other_headers).json()["name"] == "Theirs"


# --- unrecognised bodies ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"test": "invalid"},
        {},
        {"name": ""},
        {"name": "   "},
        {"name": 5},
        {"name": ["a"]},
        {"name": "x", "test": 1},
        {"id": "1"},
        {"name": "x", "companies": []},
        {"name": "x", "companies": {"id": "1"}},
        {"name": "x", "companies": ["abc"]},
        {"name": "x", "companies": [{}]},
        {"name": "x", "companies": [{"name": "Acme"}]},
        {"name": "x", "companies": [{"id": ""}]},
        {"name": "x", "companies": [{"id": True}]},
        {"name": "x", "companies": [{"company_id": "1", "untag": "yes"}]},
        {"name": "x", "users": []},
        {"name": "x", "users": [{"email": "a@x.test"}]},
        {"name": "x", "users": [{"id": "1"}], "companies": [{"id": "1"}]},
        {"name": "x", "id": "1", "users": [{"id": "1"}]},
        {"name": "x", "id": "1", "companies": [{"id": "1"}]},
        {"name": "x", "id": ""},
        ["name"],
        "name",
    ],
    ids=[
        "unknown-key",
        "empty",
        "blank-name",
        "whitespace-name",
        "number-name",
        "list-name",
        "extra-key",
        "id-without-name",
        "no-companies",
        "companies-object",
        "company-string",
        "company-empty",
        "company-unknown-key",
        "company-blank-id",
        "company-boolean-id",
        "company-untag-word",
        "no-users",
        "user-by-email",
        "users-and-companies",
        "id-and-users",
        "id-and-companies",
        "blank-id",
        "array-body",
        "string-body",
    ],
)
def test_create_tag_invalid_parameters(api, body):
    assert_error(api.post("/tags", json=body), 400, "parameter_invalid", "invalid tag parameters")
    assert api.get("/tags").json()["data"] == []


def test_create_tag_name_too_long(api):
    body = assert_error(
        api.post("/tags", json={"name": "x" * 256}),
        400,
        "parameter_invalid",
        "Name is too long (maximum is 255 characters)",
    )
    assert body["errors"][0]["field"] == "name"
    assert api.post("/tags", json={"name": "x" * 255}).status_code == 200


def test_create_tag_body_not_json(api):
    response = api.post("/tags", content=b"{name", headers={"Content-Type": "application/json"})
    assert_error(response, 400, "parameter_invalid")


# --- {name, companies}: tag and untag companies -------------------------------------------


def test_create_tag_tags_companies_by_id_and_company_id(api, make_company, taggings):
    one = make_company("c-1")
    two = make_company("c-2")
    response = api.post(
        "/tags", json={"name": "Enterprise", "companies": [{"id": one}, {"company_id": "c-2"}]}
    )
    assert response.status_code == 200
    tag = response.json()
    assert tag == {"type": "tag", "id": tag["id"], "name": "Enterprise"}
    assert taggings("company") == {(int(tag["id"]), one), (int(tag["id"]), two)}


def test_create_tag_tags_companies_with_an_existing_tag(api, make_company, taggings):
    company = make_company("c-1")
    tag = api.post("/tags", json={"name": "Enterprise"}).json()
    again = api.post(
        "/tags", json={"name": "ENTERPRISE", "companies": [{"company_id": "c-1"}]}
    ).json()
    assert again == tag
    assert taggings("company") == {(int(tag["id"]), company)}


def test_create_tag_tagging_a_company_twice_is_one_tagging(api, make_company, taggings):
    company = make_company("c-1")
    body = {"name": "Twice", "companies": [{"id": company}, {"company_id": "c-1"}]}
    tag = api.post("/tags", json=body).json()
    api.post("/tags", json=body)
    assert taggings("company") == {(int(tag["id"]), company)}


def test_create_tag_untags_companies(api, make_company, taggings):
    one = make_company("c-1")
    two = make_company("c-2")
    tag = api.post(
        "/tags", json={"name": "Churned", "companies": [{"id": one}, {"id": two}]}
    ).json()
    response = api.post(
        "/tags", json={"name": "churned", "companies": [{"company_id": "c-1", "untag": True}]}
    )
    assert response.status_code == 200
    assert response.json() == tag
    assert taggings("company") == {(int(tag["id"]), two)}


def test_create_tag_untag_accepts_string_true_and_untagged_companies(api, make_company, taggings):
    company = make_company("c-1")
    tag = api.post(
        "/tags", json={"name": "Never applied", "companies": [{"id": company, "untag": "true"}]}
    ).json()
    assert tag["name"] == "Never applied"
    assert taggings("company") == set()


def test_create_tag_untag_false_tags(api, make_company, taggings):
    company = make_company("c-1")
    tag = api.post("/tags", json={"name": "T", "companies": [{"id": company, "untag": False}]})
    assert taggings("company") == {(int(tag.json()["id"]), company)}


def test_create_tag_unknown_company(api):
    assert_error(
        api.post("/tags", json={"name": "test", "companies": [{"company_id": "123"}]}),
        404,
        "company_not_found",
        "Company Not Found",
    )
    assert api.get("/tags").json()["data"] == []  # the tag was not created either


def test_create_tag_companies_all_or_nothing(api, make_company, taggings):
    first = make_company("c-1")
    last = make_company("c-3")
    existing = api.post("/tags", json={"name": "Other", "companies": [{"id": last}]}).json()
    before = taggings("company")
    body = {
        "name": "Batch",
        "companies": [{"id": first}, {"company_id": "missing"}, {"id": last}],
    }
    assert_error(api.post("/tags", json=body), 404, "company_not_found", "Company Not Found")
    assert taggings("company") == before == {(int(existing["id"]), last)}
    assert [t["name"] for t in api.get("/tags").json()["data"]] == ["Other"]


def test_create_tag_untag_all_or_nothing(api, make_company, taggings):
    company = make_company("c-1")
    tag = api.post("/tags", json={"name": "Keep", "companies": [{"id": company}]}).json()
    body = {
        "name": "Keep",
        "companies": [{"id": company, "untag": True}, {"company_id": "missing", "untag": True}],
    }
    assert_error(api.post("/tags", json=body), 404, "company_not_found", "Company Not Found")
    assert taggings("company") == {(int(tag["id"]), company)}


def test_create_tag_deleted_company_not_found(api, make_company):
    make_company("gone", deleted=True)
    assert_error(
        api.post("/tags", json={"name": "x", "companies": [{"company_id": "gone"}]}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_create_tag_company_of_another_workspace(api, make_company, other_workspace):
    theirs = make_company("c-1", target=other_workspace)
    for ref in ({"id": theirs}, {"company_id": "c-1"}):
        assert_error(
            api.post("/tags", json={"name": "x", "companies": [ref]}),
            404,
            "company_not_found",
            "Company Not Found",
        )


# --- {name, users}: tag contacts ----------------------------------------------------------


def test_create_tag_tags_contacts(api, make_contact, workspace, clock):
    one = make_contact(email="one@x.test")
    two = make_contact(role="lead")
    clock.advance(30)
    response = api.post(
        "/tags", json={"name": "Beta", "users": [{"id": one["id"]}, {"id": two["id"]}]}
    )
    assert response.status_code == 200
    tag = response.json()
    assert tag == {"type": "tag", "id": tag["id"], "name": "Beta"}
    for contact in (one, two):
        listed = api.get(f"/contacts/{contact['id']}/tags").json()["data"]
        assert listed == [
            {
                **tag,
                "applied_at": clock.now(),
                "applied_by": {"type": "admin", "id": str(workspace.admin.id)},
            }
        ]


def test_create_tag_unknown_user(api):
    assert_error(
        api.post("/tags", json={"name": "test", "users": [{"id": "123"}]}),
        404,
        "not_found",
        "User Not Found",
    )
    assert api.get("/tags").json()["data"] == []


def test_create_tag_users_all_or_nothing(api, make_contact, taggings):
    contact = make_contact(email="one@x.test")
    body = {"name": "Beta", "users": [{"id": contact["id"]}, {"id": "0123456789abcdef01234567"}]}
    assert_error(api.post("/tags", json=body), 404, "not_found", "User Not Found")
    assert taggings("contact") == set()
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == []


def test_create_tag_archived_user_not_found(api, make_contact):
    contact = make_contact(email="a@x.test")
    api.post(f"/contacts/{contact['id']}/archive")
    assert_error(
        api.post("/tags", json={"name": "x", "users": [{"id": contact["id"]}]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_tag_user_of_another_workspace(api, other_headers):
    theirs = api.post("/contacts", json={"email": "t@x.test"}, headers=other_headers).json()
    assert_error(
        api.post("/tags", json={"name": "x", "users": [{"id": theirs["id"]}]}),
        404,
        "not_found",
        "User Not Found",
    )


def test_create_tag_untags_users(api, make_contact):
    contact = make_contact(email="a@x.test")
    api.post("/tags", json={"name": "Beta", "users": [{"id": contact["id"]}]})
    api.post("/tags", json={"name": "Beta", "users": [{"id": contact["id"], "untag": True}]})
    assert api.get(f"/contacts/{contact['id']}/tags").json()["data"] == []


# --- workspaces -----------------------------------------------------------------------------


def test_create_tag_names_are_per_workspace(api, other_headers, runtime):
    mine = api.post("/tags", json={"name": "VIP"}).json()
    theirs = api.post("/tags", json={"name": "VIP"}, headers=other_headers).json()
    assert mine["id"] != theirs["id"]
    assert api.get("/tags").json()["data"] == [mine]
    with runtime.sessions() as session:
        assert session.execute(select(func.count()).select_from(Tag)).scalar_one() == 2


def test_create_tag_unauthorized(anonymous):
    assert_error(
        anonymous.post("/tags", json={"name": "x"}), 401, "unauthorized", "Access Token Invalid"
    )
