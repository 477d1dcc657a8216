"""Racing tag writes: one tag per name, one link per tagged object, reads that agree."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.concurrency.race import client, make_contacts, race, search_contacts
from tests.live import Server

RACERS = 24


def _name() -> str:
    return f"tag-{uuid.uuid4().hex[:10]}"


def _tag(http: httpx.Client) -> str:
    response = http.post("/tags", json={"name": _name()})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def _contact_tag_ids(http: httpx.Client, contact_id: str) -> list[str]:
    response = http.get(f"/contacts/{contact_id}/tags")
    assert response.status_code == 200, response.text
    return [str(tag["id"]) for tag in response.json()["data"]]


def test_create_tag_same_name_concurrently(server: Server) -> None:
    name = _name()

    def create(http: httpx.Client, i: int) -> httpx.Response:
        return http.post("/tags", json={"name": name.upper() if i % 2 else name})

    responses = race(server, RACERS, create)
    assert [r.status_code for r in responses] == [200] * RACERS
    assert len({r.json()["id"] for r in responses}) == 1
    with client(server) as http:
        tags = http.get("/tags").json()["data"]
    assert [tag["id"] for tag in tags if tag["name"].casefold() == name] == [
        responses[0].json()["id"]
    ]


def test_attach_and_detach_tags_on_contacts_concurrently(server: Server) -> None:
    with client(server) as http:
        first, second = _tag(http), _tag(http)
        contact_ids = make_contacts(http, 8)

    def attach(http: httpx.Client, i: int) -> httpx.Response:
        # Three attaches of each tag to each contact, all at the same moment.
        contact_id = contact_ids[i % len(contact_ids)]
        tag_id = first if (i // len(contact_ids)) % 2 == 0 else second
        return http.post(f"/contacts/{contact_id}/tags", json={"id": tag_id})

    responses = race(server, len(contact_ids) * 4, attach)
    assert {r.status_code for r in responses} == {200}

    def detach_or_attach(http: httpx.Client, i: int) -> httpx.Response:
        # The first tag is detached (three times over) from the first half, attached again
        # to the second half.
        contact_id = contact_ids[i % len(contact_ids)]
        if i % len(contact_ids) < len(contact_ids) // 2:
            return http.delete(f"/contacts/{contact_id}/tags/{first}")
        return http.post(f"/contacts/{contact_id}/tags", json={"id": first})

    responses = race(server, len(contact_ids) * 3, detach_or_attach)
    assert {r.status_code for r in responses} == {200}

    half = len(contact_ids) // 2
    with client(server) as http:
        for n, contact_id in enumerate(contact_ids):
            expected = [second] if n < half else [first, second]
            assert sorted(_contact_tag_ids(http, contact_id)) == sorted(expected)
            contact = http.get(f"/contacts/{contact_id}").json()
            assert contact["tags"]["total_count"] == len(expected)
        tagged = [contact["id"] for contact in search_contacts(http, "tag_id", first)]
        assert sorted(tagged) == sorted(contact_ids[half:])
        tagged = [contact["id"] for contact in search_contacts(http, "tag_id", second)]
        assert sorted(tagged) == sorted(contact_ids)


def test_attach_and_detach_one_tag_concurrently(server: Server) -> None:
    """Attaches and detaches of one tag on one contact, interleaved: every request
    succeeds, and every read afterwards agrees on the outcome."""
    with client(server) as http:
        tag_id = _tag(http)
        (contact_id,) = make_contacts(http, 1)

    def toggle(http: httpx.Client, i: int) -> httpx.Response:
        if i % 2:
            return http.delete(f"/contacts/{contact_id}/tags/{tag_id}")
        return http.post(f"/contacts/{contact_id}/tags", json={"id": tag_id})

    responses = race(server, RACERS, toggle)
    assert {r.status_code for r in responses} == {200}
    with client(server) as http:
        listed = _contact_tag_ids(http, contact_id)
        assert listed in ([], [tag_id])
        found = [contact["id"] for contact in search_contacts(http, "tag_id", tag_id)]
        assert found == ([contact_id] if listed else [])
        assert http.get(f"/contacts/{contact_id}").json()["tags"]["total_count"] == len(listed)


def test_tag_companies_concurrently(server: Server) -> None:
    name = _name()
    with client(server) as http:
        company_ids = []
        for i in range(6):
            body = {"company_id": f"{name}-{i}", "name": f"Company {i}"}
            company_ids.append(http.post("/companies", json=body).json()["id"])

    def tag(http: httpx.Client, i: int) -> httpx.Response:
        # The tag is made by whichever request comes first; untag the last two again.
        company_id = company_ids[i % len(company_ids)]
        entry: dict[str, Any] = {"id": company_id}
        if i >= len(company_ids) * 2 and i % len(company_ids) >= 4:
            entry["untag"] = True
        return http.post("/tags", json={"name": name, "companies": [entry]})

    responses = race(server, len(company_ids) * 3, tag)
    assert {r.status_code for r in responses} == {200}
    assert len({r.json()["id"] for r in responses}) == 1
    tag_id = str(responses[0].json()["id"])
    with client(server) as http:
        for company_id in company_ids:
            tags = http.get(f"/companies/{company_id}").json()["tags"]["tags"]
            assert len(tags) <= 1 and all(str(t["id"]) == tag_id for t in tags)


def test_attach_and_detach_tags_on_conversation_concurrently(server: Server) -> None:
    with client(server) as http:
        admin_id = http.get("/me").json()["id"]
        (contact_id,) = make_contacts(http, 1)
        started = http.post(
            "/conversations", json={"from": {"type": "user", "id": contact_id}, "body": "Hi"}
        )
        conversation_id = started.json()["conversation_id"]
        tag_ids = [_tag(http) for _ in range(6)]

    def attach(http: httpx.Client, i: int) -> httpx.Response:
        body = {"id": tag_ids[i % len(tag_ids)], "admin_id": admin_id}
        return http.post(f"/conversations/{conversation_id}/tags", json=body)

    responses = race(server, len(tag_ids) * 3, attach)
    assert {r.status_code for r in responses} == {200}

    def detach(http: httpx.Client, i: int) -> httpx.Response:
        tag_id = tag_ids[i % 3]
        return http.request(
            "DELETE",
            f"/conversations/{conversation_id}/tags/{tag_id}",
            json={"admin_id": admin_id},
        )

    responses = race(server, 9, detach)
    assert {r.status_code for r in responses} == {200}
    with client(server) as http:
        conversation = http.get(f"/conversations/{conversation_id}").json()
    stored = sorted(str(tag["id"]) for tag in conversation["tags"]["tags"])
    assert stored == sorted(tag_ids[3:])
