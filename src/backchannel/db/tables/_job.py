from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backchannel.db.base import Base, IntPK, TimestampMixin, WorkspaceMixin, partial_index

__all__ = ["Job", "JobOutput"]

# A job is active until it reaches a final status.
_ACTIVE = "status IN ('pending', 'in_progress')"


class Job(WorkspaceMixin, TimestampMixin, Base):
    """A unit of background work, run by :mod:`backchannel.jobs` (in process or by a worker).

    ``status`` goes ``pending`` -> ``in_progress`` -> a final status (``completed``,
    ``failed``, ``canceled``, or one of the handler's own such as ``no_data``). A runner
    claims a job by moving it to ``in_progress`` with a fresh ``claim_token`` and a lease
    (``lease_expires_at``); a job whose lease ran out (its runner died) can be claimed again.
    Finishing is conditional on the claim token, so a job is finished once, by the runner
    that holds it, and never after it was canceled.

    Jobs with the same ``exclusive_key`` in a workspace never run side by side: at most one
    of them is active (a partial unique index; ``NULL`` keys never collide).
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("uq_jobs_identifier", "identifier", unique=True),
        Index("ix_jobs_status_kind", "status", "kind", "id"),
        partial_index(
            "uq_jobs_ws_exclusive_active",
            "workspace_id",
            "exclusive_key",
            unique=True,
            where=_ACTIVE,
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(IntPK, primary_key=True, autoincrement=True)
    identifier: Mapped[str] = mapped_column(String(32), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="pending")
    exclusive_key: Mapped[str | None] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    summary: Mapped[dict[str, Any] | None] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    claim_token: Mapped[str | None] = mapped_column(String(36))
    lease_expires_at: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[int | None] = mapped_column(BigInteger)
    finished_at: Mapped[int | None] = mapped_column(BigInteger)
    # Until when the job's output (a JobOutput row) may be fetched; NULL: no expiry.
    output_expires_at: Mapped[int | None] = mapped_column(BigInteger)


class JobOutput(Base):
    """The file a finished job produced (e.g. a gzipped CSV export), kept in the database.

    In the database rather than on disk so that every API process and worker, on any host,
    serves the same file, on SQLite and PostgreSQL alike. Deleted once the job's output has
    expired.
    """

    __tablename__ = "job_outputs"

    job_id: Mapped[int] = mapped_column(
        IntPK, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True
    )
    media_type: Mapped[str] = mapped_column(String(127), nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    created_at: Mapped[int] = mapped_column(BigInteger, nullable=False)
