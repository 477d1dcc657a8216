"""Page-number paging: pages, the end of the list, and a result cap."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from backchannel.core.pagination import number_page
from backchannel.db.tables import Admin
from backchannel.provisioning import create_admin


@pytest.fixture
def admins(runtime, workspace):
    with runtime.sessions.begin() as session:
        for n in range(6):
            create_admin(
                session,
                clock=runtime.clock,
                workspace_id=workspace.workspace.id,
                name=f"A{n}",
                email=f"a{n}@x.test",
            )
    return workspace.workspace.id


def _page(db, workspace_id, page, per_page, max_results=None):
    stmt = select(Admin).where(Admin.workspace_id == workspace_id)
    return number_page(
        db, stmt, page=page, per_page=per_page, order=[Admin.id], max_results=max_results
    )


def test_number_page_pages_and_ends_empty(db, admins):
    pages = [_page(db, admins, n, 3) for n in (1, 2, 3, 4)]
    assert [len(p.items) for p in pages] == [3, 3, 1, 0]  # the owner plus six admins
    assert all(p.total_count == 7 and p.total_pages == 3 for p in pages)


def test_number_page_max_results_caps_total_and_pages(db, admins):
    pages = [_page(db, admins, n, 3, max_results=5) for n in (1, 2, 3)]
    assert [len(p.items) for p in pages] == [3, 2, 0]
    assert all(p.total_count == 5 and p.total_pages == 2 for p in pages)
    assert pages[0].pages(lambda n: f"/x?page={n}")["next"] == "/x?page=2"
    assert pages[1].pages(lambda n: f"/x?page={n}")["next"] is None
