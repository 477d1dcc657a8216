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


def test_latest_answers_only_under_the_same_stamp():
    bodies = RenderedBodies(2)
    kept = bodies.put(None, {"id": "a"}, name="a", stamp=("conn", 7))
    assert bodies.latest("a", ("conn", 7)) is kept
    assert bodies.latest("a", ("conn", 8)) is None
    assert bodies.latest("a", None) is None  # no stamp, no answer
    assert bodies.latest("b", ("conn", 7)) is None
    assert len(bodies) == 0  # no content key: kept by name only


def test_latest_is_replaced_by_a_newer_read_and_bounded():
    bodies = RenderedBodies(2)
    bodies.put("k1", {"v": 1}, name="a", stamp=1)
    newer = bodies.put("k2", {"v": 2}, name="a", stamp=2)
    assert bodies.latest("a", 1) is None
    assert bodies.latest("a", 2) is newer
    bodies.put(None, {"v": 3}, name="b", stamp=2)
    bodies.put(None, {"v": 4}, name="c", stamp=2)
    assert bodies.latest("a", 2) is None  # the oldest name went
    assert bytes(bodies.latest("c", 2)) == b'{"v":4}'


def test_a_kept_fragment_is_kept_again_as_is():
    bodies = RenderedBodies(2)
    kept = bodies.put("k", {"id": "a"})
    assert bodies.put(None, kept, name="a", stamp=1) is kept
    assert bodies.latest("a", 1) is kept


def test_no_entries_keeps_nothing_by_name_either():
    bodies = RenderedBodies(0)
    bodies.put("k", {"id": "a"}, name="a", stamp=1)
    assert bodies.latest("a", 1) is None
