"""Dates as the app shows them, for the texts built without Qt (the report, core's words).

The one shape everywhere: "1 Dec 2026", "1 Dec 2026, 19:12", times "19:12". ui/dates.py
gives the same patterns through QLocale in the person's language; the doctor report is
written in English, so its month names are English here rather than strftime's, which
follow whatever C locale the process happens to have. File names stay ISO (2026-12-01).
"""

from __future__ import annotations

from datetime import date, datetime, time

# The patterns, in Qt's notation, that ui/dates.py formats with QLocale.
DAY_PATTERN = "d MMM yyyy"
TIME_PATTERN = "HH:mm"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date) -> str:
    """ "1 Dec 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def time_text(when: time | datetime) -> str:
    """ "19:12", "07:05"."""
    return f"{when.hour:02d}:{when.minute:02d}"


def moment_text(when: datetime) -> str:
    """ "1 Dec 2026, 19:12" (in the zone `when` is in)."""
    return f"{day_text(when.date())}, {time_text(when)}"
