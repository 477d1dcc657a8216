"""Kept rendered bodies: bounded, oldest out first, sent verbatim inside larger bodies."""

from __future__ import annotations

import msgspec

from backchannel.core.rendered import RenderedBodies


def test_put_encodes_and_get_returns_the_same_bytes():
    bodies = RenderedBodies(2)
    kept = bodies.put(("contact", "a"), {"type": "contact", "id": "a"})
    assert bodies.get(("contact", "a")) is kept
    assert msgspec.json.encode({"data": [kept]}) == b'{"data":[{"type":"contact","id":"a"}]}'
    assert bodies.get(("contact", "b")) is None


def test_the_oldest_entry_goes_when_full():
    bodies = RenderedBodies(2)
    for key in ("a", "b", "c"):
        bodies.put(key, {"id": key})
    assert len(bodies) == 2
    assert bodies.get("a") is None
    assert bytes(bodies.get("c")) == b'{"id":"c"}'


def test_no_entries_keeps_nothing_but_still_encodes():
    bodies = RenderedBodies(0)
    assert bytes(bodies.put("a", {"id": "a"})) == b'{"id":"a"}'
    assert len(bodies) == 0 and bodies.get("a") is None
