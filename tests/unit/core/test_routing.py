"""The dispatcher finds exactly the route Starlette's own scan would find."""

from __future__ import annotations

import itertools
import re
import uuid

import pytest
from starlette.routing import Match, Route

from backchannel.core.ids import IdFactory
from backchannel.core.routing import Dispatcher
from backchannel.resources import OPERATIONS

ROUTES = [operation.route() for operation in OPERATIONS]
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")


def _scan(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    """What Starlette's router does: the first route, in order, matching path and method."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    for route in ROUTES:
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route, child["path_params"]
    return None


def _paths() -> list[str]:
    """Every operation path with its parameters filled in, also with a literal segment of
    another operation where a parameter is (``/contacts/search`` against ``/contacts/{id}``),
    plus paths no operation has."""
    literals = {segment for r in ROUTES for segment in r.path.split("/") if "{" not in segment}
    paths = {"/", "/nothing", "/contacts/", "/contacts/1/", "/contacts/1/tags/2/3", "//contacts"}
    for route in ROUTES:
        template = re.sub(r"\{[^}]+\}", "{}", route.path)
        holes = template.count("{}")
        for fill in itertools.product(["5f3c", "a b", *sorted(literals)[:12]], repeat=holes):
            paths.add(template.format(*fill))
    return sorted(paths)


@pytest.mark.parametrize("method", METHODS)
def test_dispatcher_agrees_with_starlette(method: str) -> None:
    dispatcher = Dispatcher(ROUTES)
    for path in _paths():
        found = dispatcher.match(method, path)
        expected = _scan(method, path)
        if found is None:
            assert expected is None, (method, path)
            continue
        assert expected is not None, (method, path)
        assert found[0] is expected[0], (method, path)
        assert found[1] == expected[1], (method, path)


def test_dispatcher_refuses_routes_it_cannot_file() -> None:
    with pytest.raises(ValueError, match="literal segment"):
        Dispatcher([Route("/{id}", lambda request: None)])
    with pytest.raises(ValueError, match="fixed number of segments"):
        Dispatcher([Route("/files/{rest:path}", lambda request: None)])


def test_dispatcher_converts_typed_parameters() -> None:
    numbered = Route("/things/{number:int}", lambda request: None)
    named = Route("/things/{name}", lambda request: None)
    dispatcher = Dispatcher([numbered, named])
    assert dispatcher.match("GET", "/things/42") == (numbered, {"number": 42})
    assert dispatcher.match("GET", "/things/forty-two") == (named, {"name": "forty-two"})
    assert dispatcher.match("POST", "/things/42") is None


def test_request_ids_are_unique_uuid4_strings() -> None:
    ids = IdFactory()
    made = [ids.request_id() for _ in range(1000)]
    assert len(set(made)) == 1000
    for value in made[:5] + made[-5:]:
        parsed = uuid.UUID(value)
        assert str(parsed) == value and parsed.version == 4
    # Two factories (two server processes) do not share a prefix.
    assert IdFactory().request_id()[:24] != IdFactory().request_id()[:24]
    # A seeded factory repeats its request ids.
    assert IdFactory(seed=3).request_id() == IdFactory(seed=3).request_id()
