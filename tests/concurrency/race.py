"""Many HTTP clients hitting one real server at the same moment.

:func:`race` runs a request in ``count`` threads, each with its own connection, released
together by a barrier, so the requests reach the server's worker processes as close to
simultaneously as the machine allows. Every response is checked against the spec, and a
500 fails at once with the server's log attached.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx

from tests import spec
from tests.live import Server

__all__ = ["client", "make_contacts", "race", "search_contacts"]

T = TypeVar("T")


@contextmanager
def client(server: Server) -> Iterator[httpx.Client]:
    """An authenticated client of ``server`` whose responses are checked against the spec."""
    with httpx.Client(
        base_url=server.base_url,
        headers={"Authorization": f"Bearer {server.token}", "Accept": "application/json"},
        timeout=60,
        event_hooks={"response": [spec.check_httpx_response]},
    ) as http:
        yield http


def race(
    server: Server, count: int, request: Callable[[httpx.Client, int], T], *, threads: int = 0
) -> list[T]:
    """``request(client, i)`` for i in ``range(count)``, all started at once; the results in
    order of ``i``. ``threads`` bounds the parallelism (default: one thread per request)."""
    width = threads or count
    barrier = threading.Barrier(width, timeout=60)

    def run(start: int) -> list[tuple[int, T]]:
        with client(server) as http:
            barrier.wait()
            return [(i, request(http, i)) for i in range(start, count, width)]

    with ThreadPoolExecutor(max_workers=width) as pool:
        chunks = list(pool.map(run, range(width)))
    results = dict(pair for chunk in chunks for pair in chunk)
    for value in results.values():
        if isinstance(value, httpx.Response) and value.status_code >= 500:
            raise AssertionError(f"{value.status_code}: {value.text}\n{server.output()}")
    return [results[i] for i in range(count)]


def make_contacts(http: httpx.Client, count: int) -> list[str]:
    """``count`` new contacts (each with a unique external_id); their ids."""
    prefix = uuid.uuid4().hex[:10]
    ids = []
    for i in range(count):
        response = http.post("/contacts", json={"external_id": f"{prefix}-{i}"})
        assert response.status_code == 200, response.text
        ids.append(response.json()["id"])
    return ids


def search_contacts(http: httpx.Client, field: str, value: Any) -> list[dict[str, Any]]:
    """Every visible contact whose ``field`` equals ``value`` (all pages)."""
    found: list[dict[str, Any]] = []
    pagination: dict[str, Any] = {"per_page": 150}
    while True:
        body = {"query": {"field": field, "operator": "=", "value": value}}
        response = http.post("/contacts/search", json={**body, "pagination": pagination})
        assert response.status_code == 200, response.text
        page = response.json()
        found.extend(page["data"])
        after = (page.get("pages") or {}).get("next", {}) or {}
        if not after.get("starting_after"):
            return found
        pagination = {"per_page": 150, "starting_after": after["starting_after"]}
