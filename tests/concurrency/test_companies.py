"""Racing company writes: one company per company_id, exact contact counts."""

from __future__ import annotations

import uuid

import httpx

from tests.concurrency.race import client, make_contacts, race
from tests.live import Server

RACERS = 24


def test_create_company_same_company_id_concurrently(server: Server) -> None:
    company_id = f"co-{uuid.uuid4().hex[:10]}"

    def upsert(http: httpx.Client, i: int) -> httpx.Response:
        body = {"company_id": company_id, "name": f"Company {i}", "plan": f"plan-{company_id}"}
        return http.post("/companies", json=body)

    responses = race(server, RACERS, upsert)
    assert [r.status_code for r in responses] == [200] * RACERS
    ids = {r.json()["id"] for r in responses}
    assert len(ids) == 1
    with client(server) as http:
        found = http.get("/companies", params={"company_id": company_id}).json()
    assert found["id"] in ids
    assert found["name"] in {f"Company {i}" for i in range(RACERS)}
    assert found["plan"]["name"] == f"plan-{company_id}"


def test_attach_contacts_to_company_concurrently(server: Server) -> None:
    with client(server) as http:
        company = http.post("/companies", json={"company_id": f"co-{uuid.uuid4().hex[:10]}"})
        company_id = company.json()["id"]
        contact_ids = make_contacts(http, RACERS)

    def attach(http: httpx.Client, i: int) -> httpx.Response:
        # Every contact is attached at the same moment, a third of them twice over.
        contact_id = contact_ids[i % len(contact_ids)]
        return http.post(f"/contacts/{contact_id}/companies", json={"id": company_id})

    responses = race(server, RACERS * 4 // 3, attach)
    assert {r.status_code for r in responses} == {200}
    with client(server) as http:
        assert http.get(f"/companies/{company_id}").json()["user_count"] == RACERS

    def detach_half(http: httpx.Client, i: int) -> httpx.Response:
        contact_id = contact_ids[i]
        if i % 2:
            return http.delete(f"/contacts/{contact_id}/companies/{company_id}")
        return http.post(f"/contacts/{contact_id}/companies", json={"id": company_id})

    responses = race(server, len(contact_ids), detach_half)
    assert [r.status_code for r in responses] == [200] * len(contact_ids)

    kept = {contact_ids[i] for i in range(0, len(contact_ids), 2)}
    with client(server) as http:
        stored = http.get(f"/companies/{company_id}").json()
        assert stored["user_count"] == len(kept)
        listed = http.get(f"/companies/{company_id}/contacts", params={"per_page": 150}).json()
        assert sorted(contact["id"] for contact in listed["data"]) == sorted(kept)
        for contact_id in contact_ids:
            companies = http.get(f"/contacts/{contact_id}/companies").json()["data"]
            expected = [company_id] if contact_id in kept else []
            assert [c["id"] for c in companies] == expected
