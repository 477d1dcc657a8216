"""hide_companies_without_contacts: lists and scrolls leave out companies with no contacts."""

from __future__ import annotations

import pytest

from backchannel.settings import Settings


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    hide = getattr(request, "param", True)
    return Settings(
        database_url="sqlite://", token_cache_seconds=0, hide_companies_without_contacts=hide
    )


@pytest.fixture
def two(make_company, make_contact, attach, clock):
    """One company with a contact, one without."""
    clock.advance(1)
    with_contact = make_company(company_id="with")
    clock.advance(1)
    without = make_company(company_id="without")
    attach(make_contact()["id"], with_contact["id"])
    return with_contact["id"], without["id"]


def _listed(api):
    retrieved = api.get("/companies").json()
    listed = api.post("/companies/list").json()
    scrolled = api.get("/companies/scroll").json()
    return retrieved, listed, scrolled


@pytest.mark.parametrize("settings", [True], indirect=True)
def test_company_visibility_hides_companies_without_contacts(api, two):
    with_contact, _ = two
    retrieved, listed, scrolled = _listed(api)
    for body in (retrieved, listed):
        assert [c["id"] for c in body["data"]] == [with_contact]
        assert body["total_count"] == 1
        assert body["pages"]["total_pages"] == 1
    assert [c["id"] for c in scrolled["data"]] == [with_contact]


@pytest.mark.parametrize("settings", [True], indirect=True)
def test_company_visibility_lookups_still_find_them(api, two):
    _, without = two
    assert api.get(f"/companies/{without}").status_code == 200
    assert api.get("/companies", params={"company_id": "without"}).json()["id"] == without


@pytest.mark.parametrize("settings", [True], indirect=True)
def test_company_visibility_follows_detach(api, two):
    with_contact, _ = two
    contact = api.get(f"/companies/{with_contact}/contacts").json()["data"][0]
    api.delete(f"/contacts/{contact['id']}/companies/{with_contact}")
    assert api.post("/companies/list").json()["total_count"] == 0


@pytest.mark.parametrize("settings", [False], indirect=True)
def test_company_visibility_off_lists_every_company(api, two):
    with_contact, without = two
    retrieved, listed, scrolled = _listed(api)
    assert [c["id"] for c in retrieved["data"]] == [without, with_contact]  # newest first
    assert retrieved["total_count"] == 2
    assert {c["id"] for c in listed["data"]} == {with_contact, without}
    assert listed["total_count"] == 2
    assert sorted(c["id"] for c in scrolled["data"]) == sorted([with_contact, without])
