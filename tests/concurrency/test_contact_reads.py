"""Every process of ``backchannel serve --workers N`` shows a contact's latest state at once.

Each process keeps the contacts it rendered (``core/rendered.py``), and on SQLite answers a
repeat read of an unchanged database from them without a query. A change made through another
process, or written straight to the database, must still show on the very next read, in
every process.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update

from backchannel.db.session import make_engine
from backchannel.db.tables import Contact
from tests.concurrency.conftest import WORKERS
from tests.concurrency.race import client
from tests.live import Server

# Reads over new connections until each of the server's processes has answered this many.
READS_PER_PROCESS = 3
MAX_READS = 200


def _read_everywhere(server: Server, contact_id: str) -> dict[str, list[dict[str, Any]]]:
    """Read the contact over new connections (so the reads spread over the processes) until
    every process answered several times; the bodies by process (request-id prefix)."""
    processes = WORKERS["sqlite" if server.database_url.startswith("sqlite") else "postgresql"]
    bodies: dict[str, list[dict[str, Any]]] = {}
    for _ in range(MAX_READS):
        with client(server) as http:
            response = http.get(f"/contacts/{contact_id}")
        assert response.status_code == 200, response.text
        # A request id is a per-process prefix and a counter.
        bodies.setdefault(response.headers["X-Request-Id"][:24], []).append(response.json())
        if len(bodies) == processes and all(
            len(seen) >= READS_PER_PROCESS for seen in bodies.values()
        ):
            return bodies
    raise AssertionError(f"{MAX_READS} reads reached only {len(bodies)} of {processes} processes")


def _names(bodies: dict[str, list[dict[str, Any]]]) -> set[str]:
    return {body["name"] for seen in bodies.values() for body in seen}


def test_every_process_shows_a_change_made_elsewhere(server: Server) -> None:
    email = f"kept-{uuid.uuid4().hex[:10]}@example.com"
    with client(server) as http:
        created = http.post("/contacts", json={"email": email, "name": "Kept"})
    assert created.status_code == 200, created.text
    contact = created.json()
    assert _names(_read_everywhere(server, contact["id"])) == {"Kept"}

    # Through the API: one process writes, every process must show it.
    with client(server) as http:
        changed = http.put(f"/contacts/{contact['id']}", json={"name": "Changed"})
    assert changed.status_code == 200, changed.text
    assert _names(_read_everywhere(server, contact["id"])) == {"Changed"}

    # Straight to the database, as a script would.
    engine = make_engine(server.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(update(Contact).where(Contact.id == contact["id"]).values(name="Direct"))
    finally:
        engine.dispose()
    everywhere = _read_everywhere(server, contact["id"])
    assert _names(everywhere) == {"Direct"}
    expected = {**changed.json(), "name": "Direct"}
    assert all(body == expected for seen in everywhere.values() for body in seen)
