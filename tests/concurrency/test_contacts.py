"""Racing contact writes: one identity wins, every loser gets the 409 naming the winner."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.concurrency.race import client, race, search_contacts
from tests.live import Server

RACERS = 24


def _unique() -> str:
    return uuid.uuid4().hex[:10]


def _assert_one_winner(responses: list[httpx.Response]) -> dict[str, Any]:
    """Exactly one 200; every other answer is the 409 ``conflict`` naming its id."""
    winners = [r.json() for r in responses if r.status_code == 200]
    assert len(winners) == 1, [r.status_code for r in responses]
    winner: dict[str, Any] = winners[0]
    message = f"A contact matching those details already exists with id={winner['id']}"
    for response in responses:
        if response.status_code == 200:
            continue
        assert response.status_code == 409, response.text
        body = response.json()
        assert body["type"] == "error.list"
        assert body["errors"] == [{"code": "conflict", "message": message}]
    return winner


def test_create_contact_same_email_concurrently(server: Server) -> None:
    email = f"race-{_unique()}@example.com"

    def create(http: httpx.Client, i: int) -> httpx.Response:
        # Emails are unique whatever their case.
        spelled = email.upper() if i % 2 else email
        return http.post("/contacts", json={"email": spelled, "name": f"Racer {i}"})

    winner = _assert_one_winner(race(server, RACERS, create))
    with client(server) as http:
        found = search_contacts(http, "email", email)
        assert [contact["id"] for contact in found] == [winner["id"]]
        assert http.get(f"/contacts/{winner['id']}").json()["email"] == winner["email"]


def test_create_contact_same_external_id_concurrently(server: Server) -> None:
    external_id = f"ext-{_unique()}"

    def create(http: httpx.Client, i: int) -> httpx.Response:
        role = "lead" if i % 3 == 0 else "user"
        return http.post("/contacts", json={"external_id": external_id, "role": role})

    winner = _assert_one_winner(race(server, RACERS, create))
    with client(server) as http:
        found = search_contacts(http, "external_id", external_id)
        assert [contact["id"] for contact in found] == [winner["id"]]


def test_update_contacts_to_same_email_concurrently(server: Server) -> None:
    tag = _unique()
    email = f"taken-{tag}@example.com"
    with client(server) as http:
        ids = []
        for i in range(RACERS):
            response = http.post("/contacts", json={"external_id": f"{tag}-{i}"})
            assert response.status_code == 200, response.text
            ids.append(response.json()["id"])

    def update(http: httpx.Client, i: int) -> httpx.Response:
        return http.put(f"/contacts/{ids[i]}", json={"email": email})

    winner = _assert_one_winner(race(server, RACERS, update))
    with client(server) as http:
        found = search_contacts(http, "email", email)
        assert [contact["id"] for contact in found] == [winner["id"]]
        for contact_id in ids:
            if contact_id != winner["id"]:
                assert http.get(f"/contacts/{contact_id}").json()["email"] in ("", None)


def test_update_contact_concurrently(server: Server) -> None:
    with client(server) as http:
        response = http.post("/contacts", json={"external_id": f"busy-{_unique()}"})
        assert response.status_code == 200, response.text
        contact_id = response.json()["id"]

    def update(http: httpx.Client, i: int) -> httpx.Response:
        body = {"name": f"Name {i}", "phone": f"+1555{i:07d}"}
        return http.put(f"/contacts/{contact_id}", json=body)

    responses = race(server, RACERS, update)
    assert [r.status_code for r in responses] == [200] * RACERS
    with client(server) as http:
        stored = http.get(f"/contacts/{contact_id}").json()
        # The last write wins whole: name and phone come from the same request.
        i = int(stored["name"].removeprefix("Name "))
        assert stored["phone"] == f"+1555{i:07d}"
        assert [c["id"] for c in search_contacts(http, "name", stored["name"])] == [contact_id]
