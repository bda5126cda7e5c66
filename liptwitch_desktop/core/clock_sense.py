"""Whether the computer's clock can date what a person logs.

A flat CMOS battery or a virtual machine without time sync starts the clock at 1970; a
clock set by hand can be decades ahead. The store keeps every instant between 2000 and 2100
(core/validation), so an entry dated by such a clock would be refused: say so in words, and
keep what is running (a running episode) as it is until the clock is right.
"""

from __future__ import annotations

from datetime import datetime

from .validation import EARLIEST, FUTURE_TOLERANCE, LATEST


def clock_looks_wrong(now: datetime) -> bool:
    """True if `now` cannot be a real date for this app (before 2000, or from 2100 on)."""
    return not EARLIEST <= now < LATEST


def started_after(started_at: datetime, now: datetime) -> bool:
    """True if an episode's start is later than `now` by more than another device's clock
    may be ahead: it was started under a clock that was ahead (or the clock is behind now)."""
    return started_at > now + FUTURE_TOLERANCE


class ClockLooksWrong(ValueError):
    """Nothing was saved: the entry would be dated by a clock that says `now`."""

    def __init__(self, now: datetime) -> None:
        super().__init__(f"the computer's clock says {now.isoformat()}")
        self.now = now


def can_date(now: datetime) -> None:
    """Before writing what `now` dates (an entry, a triage result): ClockLooksWrong if the
    clock cannot be right. The store would refuse such a row, or keep one that no export
    of it can import again."""
    if clock_looks_wrong(now):
        raise ClockLooksWrong(now)
