"""``backchannel serve --workers N`` enforces one allowance per workspace for the server as a
whole: its processes share their counts (``core/ratelimit.py``), so spreading calls over them
gains nothing.

The counting does not touch the database, so this runs on SQLite only.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import httpx

from tests import spec
from tests.live import live_server

PER_MINUTE = 60  # 10 calls per 10-second window


def test_worker_processes_share_one_allowance(tmp_path: Path):
    environment = {
        "BACKCHANNEL_RATE_LIMIT_PER_MINUTE": str(PER_MINUTE),
        "BACKCHANNEL_RATE_LIMIT_ENFORCED": "true",
    }
    database_url = f"sqlite:///{tmp_path / 'backchannel.db'}"
    with live_server(database_url, workers=2, env=environment) as server:
        accepted: dict[str, int] = defaultdict(int)  # by window (its reset time)
        processes: dict[str, set[str]] = defaultdict(set)  # request-id prefixes, by window
        for _ in range(40):
            # A new connection per call, so the calls spread over the processes.
            with httpx.Client(
                base_url=server.base_url,
                timeout=10,
                event_hooks={"response": [spec.check_httpx_response]},
            ) as client:
                response = client.get("/me", headers={"Authorization": f"Bearer {server.token}"})
            assert response.status_code in (200, 429), response.text
            window = response.headers["X-RateLimit-Reset"]
            # A request id is a per-process prefix and a counter: the prefix tells the process.
            processes[window].add(response.headers["X-Request-Id"][:24])
            if response.status_code == 200:
                accepted[window] += 1
    assert all(count <= 10 for count in accepted.values()), accepted
    # The calls of some window were answered by both processes and used up its allowance.
    assert any(len(processes[window]) == 2 and accepted[window] == 10 for window in accepted), (
        accepted,
        processes,
    )
