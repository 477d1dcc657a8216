"""UpdateCompany: PUT /companies/{id} (the upsert fields; company_id never changes)."""

from __future__ import annotations

from tests.conftest import START, assert_error


def test_update_company(api, make_company, clock):
    created = make_company(company_id="c1", name="Before", size=5, industry="Retail")
    clock.advance(60)
    response = api.put(
        f"/companies/{created['id']}",
        json={
            "name": "After",
            "plan": "Growth",
            "size": 7,
            "website": "https://after.test",
            "monthly_spend": 99.9,
            "remote_created_at": 1_500_000_000,
        },
    )
    assert response.status_code == 200
    updated = response.json()
    assert updated == {
        **created,
        "name": "After",
        "plan": {"type": "plan", "id": updated["plan"]["id"], "name": "Growth"},
        "size": 7,
        "website": "https://after.test",
        "monthly_spend": 99,
        "remote_created_at": 1_500_000_000,
        "updated_at": START + 60,
    }
    assert api.get(f"/companies/{created['id']}").json() == updated


def test_update_company_empty_body_changes_nothing_but_updated_at(api, make_company, clock):
    created = make_company(company_id="c1", name="Same")
    clock.advance(5)
    updated = api.put(f"/companies/{created['id']}").json()
    assert updated == {**created, "updated_at": START + 5}


def test_update_company_clears_with_null(api, make_company):
    created = make_company(company_id="c1", industry="Retail", plan="Pro")
    updated = api.put(f"/companies/{created['id']}", json={"industry": None, "plan": None}).json()
    assert updated["industry"] is None
    assert updated["plan"] == {}


def test_update_company_same_company_id_is_accepted(api, make_company):
    created = make_company(company_id="c1")
    response = api.put(f"/companies/{created['id']}", json={"company_id": "c1", "name": "N"})
    assert response.status_code == 200
    assert response.json()["company_id"] == "c1"


def test_update_company_company_id_cannot_change(api, make_company):
    created = make_company(company_id="c1", name="Kept")
    body = assert_error(
        api.put(f"/companies/{created['id']}", json={"company_id": "c2", "name": "Lost"}),
        400,
        "parameter_invalid",
        "company_id cannot be changed",
    )
    assert body["errors"][0]["field"] == "company_id"
    stored = api.get(f"/companies/{created['id']}").json()
    assert stored["company_id"] == "c1"
    assert stored["name"] == "Kept"


def test_update_company_unknown_key(api, make_company):
    created = make_company(company_id="c1")
    assert_error(
        api.put(f"/companies/{created['id']}", json={"user_count": 4}),
        400,
        "bad_request",
        "bad 'user_count' parameter",
    )


def test_update_company_monthly_spend_too_large(api, make_company):
    created = make_company(company_id="c1")
    assert_error(
        api.put(f"/companies/{created['id']}", json={"monthly_spend": 2**31}),
        400,
        "parameter_invalid",
        "monthly_spend must be between -2147483648 and 2147483647",
    )


def test_update_company_not_found(api):
    assert_error(
        api.put("/companies/0123456789abcdef01234567", json={"name": "x"}),
        404,
        "company_not_found",
        "Company Not Found",
    )


def test_update_company_of_another_workspace(api, make_company, other_headers):
    created = make_company(company_id="c1", name="Mine")
    assert_error(
        api.put(f"/companies/{created['id']}", json={"name": "Theirs"}, headers=other_headers),
        404,
        "company_not_found",
        "Company Not Found",
    )
    assert api.get(f"/companies/{created['id']}").json()["name"] == "Mine"


def test_update_company_unauthorized(anonymous):
    assert_error(
        anonymous.put("/companies/0123456789abcdef01234567", json={"name": "x"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
