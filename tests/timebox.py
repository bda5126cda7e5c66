"""A hard time limit for code that must end whatever the data: a runaway loop fails the test
instead of hanging the suite (SIGALRM, so the main thread only)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator


class TookTooLong(AssertionError):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise TookTooLong(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
