"""Segments read custom attributes with their declared types, exactly as contact search does."""

from __future__ import annotations

from backchannel.resources.segments.service import create_segment
from tests.factories import declare_attributes


def test_segment_counts_a_declared_string_attribute_like_search(api, runtime, workspace):
    declare_attributes(api, code="string")
    api.post("/contacts", json={"email": "a@x.test", "custom_attributes": {"code": "123"}})
    api.post("/contacts", json={"email": "b@x.test", "custom_attributes": {"code": "124"}})
    # An integer value for a string attribute is read as the string "123".
    query = {"field": "custom_attributes.code", "operator": "=", "value": 123}
    with runtime.sessions.begin() as session:
        segment = create_segment(
            session,
            workspace_id=workspace.workspace.id,
            name="Code 123",
            person_type="user",
            query=query,
            now=runtime.clock.now(),
            ids=runtime.ids,
        )
    searched = api.post("/contacts/search", json={"query": query}).json()
    assert [c["email"] for c in searched["data"]] == ["a@x.test"]
    counted = api.get(f"/segments/{segment.id}", params={"include_count": "true"}).json()
    assert counted["count"] == 1
    member = searched["data"][0]["id"]
    listed = api.get(f"/contacts/{member}/segments").json()
    assert segment.id in [s["id"] for s in listed["data"]]
