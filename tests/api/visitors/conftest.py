"""Visitors for the visitor tests, made the way ``backchannel visitor create`` makes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backchannel.db.tables import Visitor
from backchannel.provisioning import NewWorkspace
from backchannel.resources.visitors.service import create_visitor
from backchannel.runtime import Runtime


@pytest.fixture
def make_visitor(runtime: Runtime, workspace: NewWorkspace) -> Callable[..., Visitor]:
    """Make a visitor in the Acme workspace (or ``workspace_id``); extra fields are set on it."""

    def make(workspace_id: int | None = None, **fields: Any) -> Visitor:
        name, email = fields.pop("name", None), fields.pop("email", None)
        with runtime.sessions.begin() as session:
            visitor = create_visitor(
                session,
                workspace_id=workspace_id or workspace.workspace.id,
                now=runtime.clock.now(),
                ids=runtime.ids,
                name=name,
                email=email,
            )
            for key, value in fields.items():
                setattr(visitor, key, value)
        return visitor

    return make


@pytest.fixture
def visitor(make_visitor: Callable[..., Visitor]) -> Visitor:
    return make_visitor()


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    return {"Authorization": f"Bearer {other_workspace.token}"}
