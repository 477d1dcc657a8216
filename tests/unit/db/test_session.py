"""Transactions behave the same on both databases: a savepoint never outlives its transaction."""

from __future__ import annotations

from sqlalchemy import func, select

from backchannel.db.tables import Contact
from tests.conftest import START


def _contact(workspace_id: int, suffix: str) -> Contact:
    return Contact(
        id=f"{START:08x}{suffix:0>16}",
        workspace_id=workspace_id,
        role="lead",
        created_at=START,
        updated_at=START,
        custom_attributes={},
        social_profiles=[],
    )


def test_savepoint_as_first_write_rolls_back_with_its_transaction(runtime, workspace):
    ws = workspace.workspace.id
    with runtime.sessions() as session:
        with session.begin_nested():
            session.add(_contact(ws, "1"))
        session.rollback()
    with runtime.sessions() as session:
        assert session.execute(select(func.count()).select_from(Contact)).scalar_one() == 0


def test_savepoint_rolled_back_keeps_the_outer_work(runtime, workspace):
    ws = workspace.workspace.id
    with runtime.sessions() as session:
        session.add(_contact(ws, "1"))
        session.flush()
        nested = session.begin_nested()
        session.add(_contact(ws, "2"))
        session.flush()
        nested.rollback()
        session.commit()
    with runtime.sessions() as session:
        ids = session.execute(select(Contact.id)).scalars().all()
    assert ids == [f"{START:08x}{'1':0>16}"]
