"""scrollOverAllCompanies: GET /companies/scroll (one open scroll per workspace, kept in the db)."""

from __future__ import annotations

from backchannel.app import create_app
from backchannel.core.ids import IdFactory
from backchannel.resources.companies.scroll import SCROLL_BATCH
from backchannel.runtime import Runtime
from tests.conftest import assert_error, contract_client


def _scroll_all(api, first_param=None):
    """Every batch of one scroll, up to and including the empty one."""
    batches = []
    params = {} if first_param is None else {"scroll_param": first_param}
    while True:
        response = api.get("/companies/scroll", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        batches.append(body)
        if not body["data"]:
            return batches
        params = {"scroll_param": body["scroll_param"]}


def test_scroll_over_all_companies_first_batch(api, make_company, make_contact, attach):
    contact = make_contact()
    company = attach(contact["id"], make_company(company_id="c1", name="One")["id"])
    response = api.get("/companies/scroll")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "type": "list",
        "data": [company],
        "pages": None,
        "total_count": None,
        "scroll_param": body["scroll_param"],
    }
    assert len(body["scroll_param"]) == 36


def test_scroll_over_all_companies_returns_each_once(api, bulk_companies):
    made = bulk_companies(2 * SCROLL_BATCH + 7)
    batches = _scroll_all(api)
    assert [len(b["data"]) for b in batches] == [SCROLL_BATCH, SCROLL_BATCH, 7, 0]
    seen = [c["id"] for b in batches for c in b["data"]]
    assert len(seen) == len(set(seen))
    assert set(seen) == set(made)
    assert len({b["scroll_param"] for b in batches}) == 1


def test_scroll_over_all_companies_param_gone_after_end(api, bulk_companies):
    bulk_companies(3)
    batches = _scroll_all(api)
    assert_error(
        api.get("/companies/scroll", params={"scroll_param": batches[-1]["scroll_param"]}),
        404,
        "not_found",
        "Scroll parameter not found or expired; start a new scroll",
    )
    assert api.get("/companies/scroll").status_code == 200  # a new scroll may start


def test_scroll_over_all_companies_empty_workspace(api):
    body = api.get("/companies/scroll").json()
    assert body["data"] == []
    assert_error(
        api.get("/companies/scroll", params={"scroll_param": body["scroll_param"]}),
        404,
        "not_found",
    )


def test_scroll_over_all_companies_second_scroll_refused(api, bulk_companies):
    bulk_companies(SCROLL_BATCH + 1)
    first = api.get("/companies/scroll").json()
    assert_error(
        api.get("/companies/scroll"),
        400,
        "scroll_exists",
        "A scroll is already open for this app: only one may be open at a time",
    )
    # the open scroll is unharmed by the refused one
    second = api.get("/companies/scroll", params={"scroll_param": first["scroll_param"]}).json()
    assert len(second["data"]) == 1


def test_scroll_over_all_companies_expires_after_a_minute(api, bulk_companies, clock):
    bulk_companies(SCROLL_BATCH + 1)
    first = api.get("/companies/scroll").json()
    clock.advance(60)
    assert_error(
        api.get("/companies/scroll", params={"scroll_param": first["scroll_param"]}),
        404,
        "not_found",
        "Scroll parameter not found or expired; start a new scroll",
    )
    fresh = api.get("/companies/scroll")
    assert fresh.status_code == 200
    assert fresh.json()["scroll_param"] != first["scroll_param"]


def test_scroll_over_all_companies_each_use_renews_the_minute(api, bulk_companies, clock):
    bulk_companies(2 * SCROLL_BATCH + 1)
    first = api.get("/companies/scroll").json()
    clock.advance(59)
    second = api.get("/companies/scroll", params={"scroll_param": first["scroll_param"]})
    assert second.status_code == 200
    clock.advance(59)
    third = api.get("/companies/scroll", params={"scroll_param": first["scroll_param"]})
    assert third.status_code == 200
    assert len(third.json()["data"]) == 1


def test_scroll_over_all_companies_unknown_param(api):
    assert_error(
        api.get("/companies/scroll", params={"scroll_param": "not-a-scroll"}),
        404,
        "not_found",
        "Scroll parameter not found or expired; start a new scroll",
    )


def test_scroll_over_all_companies_continues_in_another_process(
    api, bulk_companies, engine, clock, settings
):
    """The position is in the database: a second app on the same database continues it."""
    made = bulk_companies(SCROLL_BATCH + 5)
    first = api.get("/companies/scroll").json()
    other_runtime = Runtime.build(settings, engine=engine, clock=clock, ids=IdFactory(seed=99))
    with contract_client(create_app(runtime=other_runtime)) as other:
        other.headers.update(api.headers)
        rest = other.get("/companies/scroll", params={"scroll_param": first["scroll_param"]})
        assert_error(other.get("/companies/scroll"), 400, "scroll_exists")
    seen = [c["id"] for c in first["data"] + rest.json()["data"]]
    assert sorted(seen) == sorted(made)


def test_scroll_over_all_companies_per_workspace(api, bulk_companies, other_headers):
    bulk_companies(SCROLL_BATCH + 1)
    mine = api.get("/companies/scroll").json()
    theirs = api.get("/companies/scroll", headers=other_headers)
    assert theirs.status_code == 200  # their own scroll, not refused by ours
    assert theirs.json()["data"] == []
    assert_error(
        api.get(
            "/companies/scroll",
            params={"scroll_param": mine["scroll_param"]},
            headers=other_headers,
        ),
        404,
        "not_found",
    )


def test_scroll_over_all_companies_skips_deleted(api, bulk_companies):
    made = bulk_companies(4)
    api.delete(f"/companies/{made[1]}")
    seen = [c["id"] for b in _scroll_all(api) for c in b["data"]]
    assert sorted(seen) == sorted(made[:1] + made[2:])


def test_scroll_over_all_companies_unauthorized(anonymous):
    assert_error(anonymous.get("/companies/scroll"), 401, "unauthorized", "Access Token Invalid")
