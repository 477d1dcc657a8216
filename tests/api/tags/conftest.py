"""Setup shared by the tag tests: contacts, companies and segments of a workspace.

Companies and segments are written straight to the database: these tests are about tags,
and only need the rows to exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from backchannel.db.tables import Company, Segment, Tagging
from backchannel.provisioning import NewWorkspace
from backchannel.runtime import Runtime

MakeCompany = Callable[..., str]
MakeSegment = Callable[..., str]


@pytest.fixture
def make_company(runtime: Runtime, workspace: NewWorkspace) -> MakeCompany:
    """Store a company; returns its Intercom id."""

    def make(company_id: str, *, target: NewWorkspace | None = None, deleted: bool = False) -> str:
        now = runtime.clock.now()
        with runtime.sessions.begin() as session:
            company = Company(
                id=runtime.ids.object_id(now),
                workspace_id=(target or workspace).workspace.id,
                company_id=company_id,
                name=f"Company {company_id}",
                created_at=now,
                updated_at=now,
                custom_attributes={},
                deleted=deleted,
            )
            session.add(company)
        return company.id

    return make


@pytest.fixture
def make_segment(runtime: Runtime, workspace: NewWorkspace) -> MakeSegment:
    """Store a segment with a stored query; returns its id."""

    def make(name: str, query: dict[str, Any], *, target: NewWorkspace | None = None) -> str:
        runtime.clock.advance(1)
        now = runtime.clock.now()
        with runtime.sessions.begin() as session:
            segment = Segment(
                id=runtime.ids.object_id(now),
                workspace_id=(target or workspace).workspace.id,
                name=name,
                person_type="user",
                query=query,
                created_at=now,
                updated_at=now,
            )
            session.add(segment)
        return segment.id

    return make


@pytest.fixture
def taggings(runtime: Runtime) -> Callable[[str], set[tuple[int, str]]]:
    """The (tag id, target id) pairs stored for a target type."""

    def read(target_type: str) -> set[tuple[int, str]]:
        with runtime.sessions() as session:
            rows = session.execute(
                select(Tagging.tag_id, Tagging.target_id).where(Tagging.target_type == target_type)
            )
            return {(tag_id, target_id) for tag_id, target_id in rows}

    return read


@pytest.fixture
def other_headers(other_workspace: NewWorkspace) -> dict[str, str]:
    """Headers that make the ``api`` client act for the second workspace."""
    return {"Authorization": f"Bearer {other_workspace.token}"}
