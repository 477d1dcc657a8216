"""A unit of work that must wait for another's open transaction.

:func:`waits_for` runs the second one in a thread while the first holds its transaction
open, checks that it is still waiting, then commits the first and returns what the second
returned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

from sqlalchemy.orm import Session

__all__ = ["waits_for"]

T = TypeVar("T")


class _Outcome(Generic[T]):
    def __init__(self) -> None:
        self.value: T | None = None
        self.error: BaseException | None = None


def waits_for(first: Session, second: Callable[[], T], *, wait: float = 0.5) -> T:
    """Run ``second`` while ``first``'s transaction is open; it must still be running after
    ``wait`` seconds. ``first`` is then committed (and closed whatever happens)."""
    outcome: _Outcome[T] = _Outcome()

    def run() -> None:
        try:
            outcome.value = second()
        except BaseException as error:  # re-raised in the test's thread
            outcome.error = error

    thread = threading.Thread(target=run)
    thread.start()
    try:
        thread.join(wait)
        assert thread.is_alive(), "the second unit of work did not wait for the first"
        first.commit()
    finally:
        first.close()
        thread.join(30)
    assert not thread.is_alive(), "the second unit of work did not finish"
    if outcome.error is not None:
        raise outcome.error
    return cast(T, outcome.value)
