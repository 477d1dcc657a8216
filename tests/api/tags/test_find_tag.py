"""findTag: GET /tags/{id}."""

from __future__ import annotations

import pytest

from tests.conftest import assert_error


def test_find_tag(api):
    tag = api.post("/tags", json={"name": "Manual tag"}).json()
    response = api.get(f"/tags/{tag['id']}")
    assert response.status_code == 200
    assert response.json() == {"type": "tag", "id": tag["id"], "name": "Manual tag"}


@pytest.mark.parametrize("tag_id", ["999999", "abc", "0", "-1", "1.5", "99999999999999999999"])
def test_find_tag_not_found(api, tag_id):
    api.post("/tags", json={"name": "exists"})
    assert_error(api.get(f"/tags/{tag_id}"), 404, "not_found", "Resource Not Found")


def test_find_tag_of_another_workspace(api, other_headers):
    theirs = api.post("/tags", json={"name": "Theirs"}, headers=other_headers).json()
    assert_error(api.get(f"/tags/{theirs['id']}"), 404, "not_found", "Resource Not Found")


def test_find_tag_unauthorized(anonymous):
    assert_error(anonymous.get("/tags/1"), 401, "unauthorized", "Access Token Invalid")
