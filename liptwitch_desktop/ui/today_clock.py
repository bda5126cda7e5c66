"""What Today (and the error hook) say about a computer clock that cannot be right.

A clock reset to 1970 (a flat CMOS battery, a virtual machine without time sync) or set
decades ahead cannot date an entry (core/clock_sense.py): Today says so in a banner, and a
running episode started under a clock that was ahead says when it started instead of a
negative duration.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import QApplication

from ..core.clock_sense import clock_looks_wrong, started_after
from ..core.durations import format_duration
from .dates import long_day_text, moment_text

CLOCK_BANNER = "clock_looks_wrong"


def clock_says(now: datetime) -> str:
    """The day the clock says, with its year ("Friday 2 January 1970")."""
    return long_day_text(now.date())


def clock_banner(now: datetime, zone: tzinfo) -> str | None:
    """The banner's text while the clock cannot be right, else None."""
    if not clock_looks_wrong(now):
        return None
    return QApplication.translate(
        "TodayPage",
        "Your computer's clock says %1. Set its date and time: until then LipTwitch "
        "cannot date new entries (they are not saved), and reminders come at the wrong times.",
    ).replace("%1", clock_says(now.astimezone(zone)))


def stop_text(started_at: datetime, now: datetime, zone: tzinfo) -> str:
    """The Twitching now button's text while an episode runs."""
    tr = QApplication.translate
    if started_after(started_at, now):
        return tr(
            "TodayPage", "■ Stop — started %1, which is later than now: check the computer's clock"
        ).replace("%1", moment_text(started_at, zone))
    seconds = max(0, int((now - started_at).total_seconds()))  # a clock a moment behind
    return tr("TodayPage", "■ Stop — twitching for %1").replace("%1", format_duration(seconds))
