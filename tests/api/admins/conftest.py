"""Setup shared by the admin operation tests: teammates, a second workspace, log entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from backchannel.provisioning import NewWorkspace, create_admin, create_team
from backchannel.resources.admins import ActivityType, record_activity
from backchannel.runtime import Runtime

BOB_AVATAR = "https://example.com/avatars/bob.png"


@dataclass(frozen=True)
class Staff:
    """Bob, a second admin of the Acme workspace, and the Billing team he leads."""

    bob_id: int
    billing_id: int


@pytest.fixture
def staff(runtime: Runtime, workspace: NewWorkspace) -> Staff:
    """Bob (job title, avatar) is a primary member of Billing; Ada a secondary one."""
    with runtime.sessions.begin() as session:
        bob = create_admin(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Bob Agent",
            email="bob@acme.test",
            job_title="Support Engineer",
            avatar_url=BOB_AVATAR,
        )
        billing = create_team(
            session,
            clock=runtime.clock,
            workspace_id=workspace.workspace.id,
            name="Billing",
            admin_ids=[bob.id],
            secondary_admin_ids=[workspace.admin.id],
        )
        return Staff(bob_id=bob.id, billing_id=billing.id)


AddActivity = Callable[..., str]


@pytest.fixture
def add_activity(runtime: Runtime, workspace: NewWorkspace) -> AddActivity:
    """Record an activity log entry at ``created_at``; returns its id."""

    def add(
        created_at: int,
        *,
        target: NewWorkspace | None = None,
        activity_type: ActivityType = ActivityType.APP_NAME_CHANGE,
        metadata: dict[str, Any] | None = None,
    ) -> str:
        where = target or workspace
        with runtime.sessions.begin() as session:
            row = record_activity(
                session,
                workspace_id=where.workspace.id,
                admin_id=where.admin.id,
                activity_type=activity_type,
                description=f"entry at {created_at}",
                metadata=metadata or {"before": "a", "after": "b"},
                now=created_at,
                ids=runtime.ids,
                ip="203.0.113.7",
            )
            return row.id

    return add
