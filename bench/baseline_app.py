"""The baseline: a bare Starlette "hello JSON" app, served exactly like Backchannel.

Whatever Backchannel costs beyond this (routing its operations, auth, the database, encoding
a real object) is what the benchmark's ratios show.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

__all__ = ["app"]

_PAYLOAD = {"type": "hello", "id": "1", "message": "hello, world"}


async def hello(request: Request) -> JSONResponse:
    """A small JSON object."""
    return JSONResponse(_PAYLOAD)


app = Starlette(routes=[Route("/", hello, methods=["GET"])])
