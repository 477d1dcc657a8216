"""createOrUpdateCompany: POST /companies (upsert keyed by company_id)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from backchannel.db.tables import Company, DataAttribute, Plan
from tests.conftest import START, assert_error


def test_create_or_update_company_creates(api, workspace):
    response = api.post(
        "/companies",
        json={
            "company_id": "company_remote_id",
            "name": "my company",
            "remote_created_at": 1374138000,
        },
    )
    assert response.status_code == 200
    company = response.json()
    assert company == {
        "type": "company",
        "id": company["id"],
        "name": "my company",
        "app_id": workspace.workspace.id_code,
        "plan": {},
        "company_id": "company_remote_id",
        "remote_created_at": 1374138000,
        "created_at": START,
        "updated_at": START,
        "last_request_at": None,
        "size": None,
        "website": None,
        "industry": None,
        "monthly_spend": 0,
        "session_count": 0,
        "user_count": 0,
        "custom_attributes": {},
        "tags": {"type": "tag.list", "tags": []},
        "segments": {"type": "segment.list", "segments": []},
    }
    assert len(company["id"]) == 24
    assert int(company["id"][:8], 16) == START


def test_create_or_update_company_updates_by_company_id(api, make_company, clock):
    created = make_company(company_id="c1", name="Before", industry="Retail", size=10)
    clock.advance(30)
    response = api.post("/companies", json={"company_id": "c1", "name": "After", "size": 12})
    assert response.status_code == 200
    updated = response.json()
    assert updated["id"] == created["id"]
    assert updated["name"] == "After"
    assert updated["size"] == 12
    assert updated["industry"] == "Retail"  # absent keys stay as they were
    assert updated["created_at"] == START
    assert updated["updated_at"] == START + 30
    assert api.get(f"/companies/{created['id']}").json() == updated


def test_create_or_update_company_all_fields(api):
    company = api.post(
        "/companies",
        json={
            "company_id": "full",
            "name": "Full Co",
            "plan": "Enterprise",
            "size": 250,
            "website": "not a url, and that is fine",
            "industry": "Manufacturing",
            "remote_created_at": 1_600_000_000,
            "monthly_spend": 1000,
        },
    ).json()
    assert company["plan"] == {"type": "plan", "id": company["plan"]["id"], "name": "Enterprise"}
    assert company["plan"]["id"].isdigit()
    assert company["size"] == 250
    assert company["website"] == "not a url, and that is fine"
    assert company["industry"] == "Manufacturing"
    assert company["remote_created_at"] == 1_600_000_000
    assert company["monthly_spend"] == 1000


def test_create_or_update_company_plan_is_shared_by_name(api, runtime, workspace):
    one = api.post("/companies", json={"company_id": "a", "plan": "Pro"}).json()
    two = api.post("/companies", json={"company_id": "b", "plan": "Pro"}).json()
    assert one["plan"] == two["plan"]
    with runtime.sessions() as session:
        count = session.execute(
            select(func.count()).where(Plan.workspace_id == workspace.workspace.id)
        ).scalar_one()
    assert count == 1


def test_create_or_update_company_plan_cleared_with_null(api):
    api.post("/companies", json={"company_id": "p", "plan": "Pro"})
    company = api.post("/companies", json={"company_id": "p", "plan": None}).json()
    assert company["plan"] == {}


@pytest.mark.parametrize(
    ("sent", "stored"), [(155.98, 155), (155, 155), (-3.7, -3), (2**31 - 1, 2**31 - 1)]
)
def test_create_or_update_company_monthly_spend_truncated(api, sent, stored):
    company = api.post("/companies", json={"company_id": "m", "monthly_spend": sent}).json()
    assert company["monthly_spend"] == stored


@pytest.mark.parametrize("sent", [2**31, -(2**31) - 1, 1e12])
def test_create_or_update_company_monthly_spend_too_large(api, sent):
    body = assert_error(
        api.post("/companies", json={"company_id": "m", "monthly_spend": sent}),
        400,
        "parameter_invalid",
        "monthly_spend must be between -2147483648 and 2147483647",
    )
    assert body["errors"][0]["field"] == "monthly_spend"


def test_create_or_update_company_unknown_key(api):
    assert_error(
        api.post("/companies", json={"test": "invalid"}),
        400,
        "bad_request",
        "bad 'test' parameter",
    )


def test_create_or_update_company_unknown_key_changes_nothing(api, make_company):
    make_company(company_id="c1", name="Kept")
    assert_error(
        api.post("/companies", json={"company_id": "c1", "name": "Lost", "bogus": 1}),
        400,
        "bad_request",
        "bad 'bogus' parameter",
    )
    assert api.get("/companies", params={"company_id": "c1"}).json()["name"] == "Kept"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"size": "many"}, "size"),
        ({"name": 5}, "name"),
        ({"monthly_spend": "100"}, "monthly_spend"),
        ({"remote_created_at": -1}, "remote_created_at"),
        ({"name": "x" * 256}, "name"),
        ({"custom_attributes": ["a"]}, "custom_attributes"),
    ],
)
def test_create_or_update_company_invalid_value(api, body, field):
    response = api.post("/companies", json={"company_id": "v", **body})
    error = assert_error(response, 400, "parameter_invalid")
    assert error["errors"][0]["field"] == field


def test_create_or_update_company_invalid_json(api):
    response = api.post(
        "/companies", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "parameter_invalid")


def test_create_or_update_company_without_company_id_creates_each_time(api):
    one = api.post("/companies", json={"name": "Nameless"}).json()
    two = api.post("/companies", json={"name": "Nameless"}).json()
    assert one["id"] != two["id"]
    assert one["company_id"] is None
    assert two["company_id"] is None


def test_create_or_update_company_empty_body_creates(api):
    response = api.post("/companies")
    assert response.status_code == 200
    assert response.json()["name"] is None


def test_create_or_update_company_updates_by_intercom_id(api, make_company):
    created = make_company(name="Saved by id")
    updated = api.post("/companies", json={"id": created["id"], "industry": "Shipping"}).json()
    assert updated["id"] == created["id"]
    assert updated["industry"] == "Shipping"


def test_create_or_update_company_unknown_intercom_id(api):
    assert_error(
        api.post("/companies", json={"id": "0123456789abcdef01234567", "name": "x"}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_create_or_update_company_company_id_wins_over_id(api, make_company):
    one = make_company(company_id="one")
    two = make_company(company_id="two")
    updated = api.post("/companies", json={"company_id": "two", "id": one["id"], "size": 3}).json()
    assert updated["id"] == two["id"]
    assert updated["size"] == 3


def test_create_or_update_company_custom_attributes_merge(api, runtime, workspace):
    with runtime.sessions.begin() as session:
        for name in ("industry_code", "paid", "seats"):
            session.add(
                DataAttribute(
                    workspace_id=workspace.workspace.id,
                    model="company",
                    name=name,
                    label=name,
                    data_type={"paid": "boolean", "seats": "integer"}.get(name, "string"),
                    created_at=START,
                    updated_at=START,
                )
            )
    first = api.post(
        "/companies",
        json={"company_id": "ca", "custom_attributes": {"industry_code": "B2", "paid": True}},
    ).json()
    assert first["custom_attributes"] == {"industry_code": "B2", "paid": True}
    second = api.post(
        "/companies",
        json={"company_id": "ca", "custom_attributes": {"paid": None, "seats": 9}},
    ).json()
    assert second["custom_attributes"] == {"industry_code": "B2", "seats": 9}


def test_create_or_update_company_recreates_after_delete(api, make_company, runtime):
    first = make_company(company_id="again", name="First")
    api.delete(f"/companies/{first['id']}")
    second = make_company(company_id="again", name="Second")
    assert second["id"] != first["id"]
    assert second["name"] == "Second"
    assert second["user_count"] == 0
    with runtime.sessions() as session:
        stored = session.execute(
            select(func.count()).where(Company.company_id == "again")
        ).scalar_one()
    assert stored == 2


def test_create_or_update_company_same_company_id_in_two_workspaces(
    api, make_company, other_headers
):
    mine = make_company(company_id="shared", name="Mine")
    response = api.post(
        "/companies", json={"company_id": "shared", "name": "Theirs"}, headers=other_headers
    )
    theirs = response.json()
    assert theirs["id"] != mine["id"]
    assert theirs["app_id"] != mine["app_id"]
    assert api.get(f"/companies/{mine['id']}").json()["name"] == "Mine"


def test_create_or_update_company_unauthorized(anonymous):
    assert_error(
        anonymous.post("/companies", json={"company_id": "x"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
