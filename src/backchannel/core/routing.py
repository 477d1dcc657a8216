"""Finding a request's route by dictionary lookup instead of a scan of every route.

Starlette's router tries each route's regular expression in turn; with Backchannel's hundred
operations that scan costs more than some of the handlers it leads to. Every operation path
starts with a literal segment and has a fixed number of segments, so :class:`Dispatcher`
files the routes by ``(method, first segment, segment count)`` and tries only the few routes
in one bucket, in the order they were declared. The first route there that matches is the
one Starlette's scan would have chosen, since no route outside the bucket can match the
method and the path.

Anything the buckets do not answer (an unknown path, a wrong method, a trailing slash, an
app mounted under a ``root_path``) goes on to Starlette's own router, so its
answers (the 404 and 405 handling, redirects) stay exactly Starlette's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.convertors import PathConvertor, StringConvertor
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

__all__ = ["Dispatcher", "DispatchingStarlette"]

_Key = tuple[str, str, int]


def _key(method: str, path: str) -> _Key | None:
    segments = path.split("/")
    if len(segments) < 2 or segments[0]:
        return None
    return method, segments[1], len(segments)


class Dispatcher:
    """The routes filed by ``(method, first path segment, segment count)``."""

    def __init__(self, routes: Sequence[Route]) -> None:
        self._buckets: dict[_Key, list[_Candidate]] = {}
        for route in routes:
            if "{" in route.path.split("/")[1]:
                raise ValueError(f"{route.path}: a routed path starts with a literal segment")
            if any(isinstance(c, PathConvertor) for c in route.param_convertors.values()):
                raise ValueError(f"{route.path}: a routed path has a fixed number of segments")
            # Plain ``{name}`` parameters are strings as matched; others need converting.
            converting = any(
                not isinstance(convertor, StringConvertor)
                for convertor in route.param_convertors.values()
            )
            candidate = _Candidate(route, route.path_regex.match, converting)
            for method in sorted(route.methods or ()):
                key = _key(method, route.path)
                assert key is not None
                self._buckets.setdefault(key, []).append(candidate)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, Any]] | None:
        """The route for ``method`` and ``path`` and its path parameters, or None."""
        key = _key(method, path)
        candidates = self._buckets.get(key) if key is not None else None
        if not candidates:
            return None
        for route, match, converting in candidates:
            found = match(path)
            if found is not None:
                params: dict[str, Any] = found.groupdict()
                if converting:
                    for name, value in params.items():
                        params[name] = route.param_convertors[name].convert(value)
                return route, params
        return None


class _Candidate(NamedTuple):
    route: Route
    match: Callable[[str], re.Match[str] | None]
    converting: bool


class DispatchingStarlette(Starlette):
    """A Starlette app that sends a request straight to its route's ASGI app when the
    :class:`Dispatcher` finds it, and through Starlette's middleware and router otherwise.

    Routes given to the dispatcher must handle their own errors: their exceptions do not
    pass through Starlette's exception middleware.
    """

    def __init__(self, *, dispatched: Sequence[Route], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dispatcher = Dispatcher(dispatched)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            found = self.dispatcher.match(scope["method"], scope["path"])
            if found is not None:
                route, params = found
                scope["app"] = self
                scope["endpoint"] = route.endpoint
                scope["path_params"] = params
                await route.app(scope, receive, send)
                return
        await super().__call__(scope, receive, send)
