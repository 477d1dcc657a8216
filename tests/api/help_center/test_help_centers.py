"""listHelpCenters and retrieveHelpCenter: read-only help centers, a default one per
workspace."""

from __future__ import annotations

from sqlalchemy import delete

from backchannel.db.tables import HelpCenter
from tests.conftest import START, assert_error


def _default(workspace, help_center_id):
    code = workspace.workspace.id_code
    return {
        "id": str(help_center_id),
        "workspace_id": code,
        "created_at": START,
        "updated_at": START,
        "identifier": code,
        "website_turned_on": False,
        "display_name": "Acme Help Center",
        "url": f"https://intercom.help/{code}",
        "custom_domain": None,
    }


def test_list_help_centers_has_the_default(api, workspace):
    response = api.get("/help_center/help_centers")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "list"
    assert len(body["data"]) == 1
    assert body["data"][0] == _default(workspace, body["data"][0]["id"])


def test_list_help_centers_with_a_second_one(api, workspace, help_center, second_help_center):
    body = api.get("/help_center/help_centers").json()
    assert body["data"] == [
        help_center,
        {
            "id": str(second_help_center),
            "workspace_id": workspace.workspace.id_code,
            "created_at": START,
            "updated_at": START,
            "identifier": "docs",
            "website_turned_on": True,
            "display_name": "Developer Docs",
            "url": "https://docs.acme.test",
            "custom_domain": "docs.acme.test",
        },
    ]


def test_list_help_centers_makes_a_missing_default(api, runtime, workspace, clock):
    """A workspace made before help centers existed gets its default on first use."""
    with runtime.sessions.begin() as session:
        session.execute(delete(HelpCenter))
    clock.advance(60)
    body = api.get("/help_center/help_centers").json()
    assert len(body["data"]) == 1
    made = body["data"][0]
    assert made == {
        **_default(workspace, made["id"]),
        "created_at": START + 60,
        "updated_at": START + 60,
    }
    assert api.get("/help_center/help_centers").json()["data"] == [made]


def test_list_help_centers_only_the_workspaces(api, other_headers, help_center):
    theirs = api.get("/help_center/help_centers", headers=other_headers).json()["data"]
    assert [hc["id"] for hc in theirs] != [help_center["id"]]
    assert api.get("/help_center/help_centers").json()["data"] == [help_center]


def test_retrieve_help_center(api, help_center):
    response = api.get(f"/help_center/help_centers/{help_center['id']}")
    assert response.status_code == 200
    assert response.json() == help_center


def test_retrieve_help_center_not_found(api):
    assert_error(
        api.get("/help_center/help_centers/999999"), 404, "not_found", "Resource Not Found"
    )
    assert_error(api.get("/help_center/help_centers/abc"), 404, "not_found", "Resource Not Found")


def test_retrieve_help_center_of_another_workspace(api, other_headers):
    theirs = api.get("/help_center/help_centers", headers=other_headers).json()["data"][0]
    assert_error(
        api.get(f"/help_center/help_centers/{theirs['id']}"), 404, "not_found", "Resource Not Found"
    )


def test_help_centers_unauthorized(anonymous):
    assert_error(
        anonymous.get("/help_center/help_centers"), 401, "unauthorized", "Access Token Invalid"
    )
    assert_error(
        anonymous.get("/help_center/help_centers/1"), 401, "unauthorized", "Access Token Invalid"
    )


def test_list_help_centers_page_by_page(api, help_center, second_help_center):
    """The SDKs' page-number pagers send page and per_page and stop at an empty page."""
    first = api.get("/help_center/help_centers", params={"page": 1, "per_page": 1}).json()
    assert first == {"type": "list", "data": [help_center]}
    second = api.get("/help_center/help_centers", params={"page": 2, "per_page": 1}).json()
    assert [hc["id"] for hc in second["data"]] == [str(second_help_center)]
    past_the_end = api.get("/help_center/help_centers", params={"page": 3, "per_page": 1})
    assert past_the_end.status_code == 200
    assert past_the_end.json() == {"type": "list", "data": []}


def test_list_help_centers_second_page_without_per_page_is_empty(api, help_center):
    first = api.get("/help_center/help_centers", params={"page": 1}).json()
    assert first["data"] == [help_center]
    assert api.get("/help_center/help_centers", params={"page": 2}).json()["data"] == []
