"""Jobs run inside the API process: a :class:`JobRunner` polling on a background thread."""

from __future__ import annotations

import asyncio
import threading

from backchannel.jobs._runner import JobRunner

__all__ = ["InlineJobs"]


class InlineJobs:
    """Starts and stops a runner's polling loop on a daemon thread (the app's lifespan).

    The loop runs in its own thread, not on the event loop: a job reads and writes the
    database synchronously and may take a while, and requests must not wait for it.
    """

    def __init__(self, runner: JobRunner, *, poll_seconds: float) -> None:
        self.runner = runner
        self.poll_seconds = poll_seconds
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        return f"InlineJobs({self.runner!r}, poll_seconds={self.poll_seconds})"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.runner.run_forever,
            args=(self.poll_seconds,),
            name="backchannel-jobs",
            daemon=True,
        )
        self._thread.start()

    async def stop(self) -> None:
        """Stop polling; a running job is handed back to the queue at its next checkpoint."""
        self.runner.stop()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join)
            self._thread = None
