"""listActivityLogs: GET /admins/activity_logs."""

from __future__ import annotations

import pytest

from backchannel.resources.admins import ActivityType
from tests.conftest import START, assert_error

PATH = "/admins/activity_logs"


def _list(api, **params):
    response = api.get(PATH, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _all_pages(api, **params):
    """Every page of a listing, following pages.next.starting_after."""
    pages = [_list(api, **params)]
    while "next" in pages[-1]["pages"]:
        cursor = pages[-1]["pages"]["next"]["starting_after"]
        pages.append(_list(api, **params, starting_after=cursor))
    return pages


def test_list_activity_logs_empty(api):
    assert _list(api, created_at_after=START) == {
        "type": "activity_log.list",
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 0},
        "activity_logs": [],
    }


def test_list_activity_logs_entry_shape(api, workspace, add_activity):
    entry_id = add_activity(START + 5, metadata={"before": "Acme", "after": "Acme Inc"})
    assert _list(api, created_at_after=START) == {
        "type": "activity_log.list",
        "pages": {"type": "pages", "page": 1, "per_page": 20, "total_pages": 1},
        "activity_logs": [
            {
                "id": entry_id,
                "performed_by": {
                    "type": "admin",
                    "id": str(workspace.admin.id),
                    "email": "ada@acme.test",
                    "ip": "203.0.113.7",
                },
                "metadata": {"before": "Acme", "after": "Acme Inc"},
                "created_at": START + 5,
                "activity_type": "app_name_change",
                "activity_description": f"entry at {START + 5}",
            }
        ],
    }


def test_list_activity_logs_newest_first(api, add_activity):
    older, newer, newest = add_activity(START + 1), add_activity(START + 2), add_activity(START + 3)
    ids = [entry["id"] for entry in _list(api, created_at_after=START)["activity_logs"]]
    assert ids == [newest, newer, older]


def test_list_activity_logs_same_second_ordered_by_id(api, add_activity):
    ids = [add_activity(START) for _ in range(4)]
    listed = [entry["id"] for entry in _list(api, created_at_after=START)["activity_logs"]]
    assert listed == sorted(ids, reverse=True)


def test_list_activity_logs_created_at_after_is_inclusive(api, add_activity):
    add_activity(START - 1)
    at = add_activity(START)
    later = add_activity(START + 1)
    ids = [entry["id"] for entry in _list(api, created_at_after=START)["activity_logs"]]
    assert ids == [later, at]


def test_list_activity_logs_created_at_before_is_inclusive(api, add_activity):
    first = add_activity(START)
    at = add_activity(START + 10)
    add_activity(START + 11)
    body = _list(api, created_at_after=START, created_at_before=START + 10)
    assert [entry["id"] for entry in body["activity_logs"]] == [at, first]


def test_list_activity_logs_before_earlier_than_after_is_empty(api, add_activity):
    add_activity(START + 5)
    body = _list(api, created_at_after=START + 10, created_at_before=START)
    assert body["activity_logs"] == []
    assert body["pages"]["total_pages"] == 0


def test_list_activity_logs_pages_through_everything(api, add_activity):
    ids = [add_activity(START + second) for second in range(7)]
    pages = _all_pages(api, created_at_after=START, per_page=3)
    assert [page["pages"]["page"] for page in pages] == [1, 2, 3]
    assert all(page["pages"]["total_pages"] == 3 for page in pages)
    assert all(page["pages"]["per_page"] == 3 for page in pages)
    assert [len(page["activity_logs"]) for page in pages] == [3, 3, 1]
    listed = [entry["id"] for page in pages for entry in page["activity_logs"]]
    assert listed == list(reversed(ids))
    assert pages[0]["pages"]["next"]["page"] == 2
    assert pages[0]["pages"]["next"]["per_page"] == 3
    assert "next" not in pages[-1]["pages"]


def test_list_activity_logs_pages_with_created_at_before(api, add_activity):
    ids = [add_activity(START + second) for second in range(10)]
    pages = _all_pages(api, created_at_after=START + 2, created_at_before=START + 7, per_page=2)
    assert [len(page["activity_logs"]) for page in pages] == [2, 2, 2]
    assert all(page["pages"]["total_pages"] == 3 for page in pages)
    listed = [entry["id"] for page in pages for entry in page["activity_logs"]]
    assert listed == list(reversed(ids[2:8]))


def test_list_activity_logs_pages_across_same_second_ties(api, add_activity):
    ids = [add_activity(START + second // 3) for second in range(8)]
    pages = _all_pages(api, created_at_after=START, per_page=3)
    listed = [entry["id"] for page in pages for entry in page["activity_logs"]]
    assert sorted(listed) == sorted(ids) and len(set(listed)) == 8
    flat = _list(api, created_at_after=START, per_page=150)["activity_logs"]
    assert listed == [entry["id"] for entry in flat]


def test_list_activity_logs_new_entries_do_not_shift_later_pages(api, add_activity):
    ids = [add_activity(START + second) for second in range(4)]
    first = _list(api, created_at_after=START, per_page=2)
    add_activity(START + 100)  # newer than everything already listed
    cursor = first["pages"]["next"]["starting_after"]
    second = _list(api, created_at_after=START, per_page=2, starting_after=cursor)
    assert [entry["id"] for entry in second["activity_logs"]] == [ids[1], ids[0]]


def test_list_activity_logs_hides_other_workspaces(api, other_workspace, add_activity):
    mine = add_activity(START)
    add_activity(START, target=other_workspace)
    ids = [entry["id"] for entry in _list(api, created_at_after=START)["activity_logs"]]
    assert ids == [mine]


def test_list_activity_logs_lists_every_activity_type(api, add_activity):
    add_activity(
        START,
        activity_type=ActivityType.ADMIN_LOGIN_SUCCESS,
        metadata={"sign_in_method": "email_password"},
    )
    [entry] = _list(api, created_at_after=START)["activity_logs"]
    assert entry["activity_type"] == "admin_login_success"
    assert entry["metadata"] == {"sign_in_method": "email_password"}


def test_list_activity_logs_missing_created_at_after(api):
    response = api.get(PATH)
    assert_error(response, 400, "parameter_not_found", "created_at_after is a required parameter.")


@pytest.mark.parametrize(
    ("param", "expected"),
    [("created_at_after", "int"), ("created_at_before", "int | null")],
)
def test_list_activity_logs_non_numeric_timestamp(api, param, expected):
    params = {"created_at_after": START, param: "yesterday"}
    response = api.get(PATH, params=params)
    assert_error(response, 400, "parameter_invalid", f"{param}: Expected {expected}, got str")


def test_list_activity_logs_invalid_cursor(api):
    response = api.get(PATH, params={"created_at_after": START, "starting_after": "not-a-cursor"})
    assert_error(
        response,
        400,
        "client_error",
        "Invalid starting_after param. Please try again using a starting_after value from a "
        "paginated response",
    )


def test_list_activity_logs_cursor_from_another_filter(api, add_activity):
    for second in range(3):
        add_activity(START + second)
    cursor = _list(api, created_at_after=START, per_page=1)["pages"]["next"]["starting_after"]
    response = api.get(
        PATH, params={"created_at_after": START + 1, "per_page": 1, "starting_after": cursor}
    )
    assert_error(response, 400, "client_error")


@pytest.mark.parametrize(("per_page", "expected"), [("0", 1), ("-5", 1), ("500", 150)])
def test_list_activity_logs_per_page_is_clamped(api, per_page, expected):
    body = _list(api, created_at_after=START, per_page=per_page)
    assert body["pages"]["per_page"] == expected


def test_list_activity_logs_without_token_is_401(anonymous, workspace):
    response = anonymous.get(PATH, params={"created_at_after": START})
    assert_error(response, 401, "unauthorized", "Access Token Invalid")
