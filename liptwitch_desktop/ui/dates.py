"""The one place the widgets turn dates and times into text.

One shape everywhere ("1 Dec 2026", "1 Dec 2026, 19:12", "19:12"), in the language of the
app's locale (QLocale: "1 déc. 2026" in French), never strftime's C-locale names or an ISO
date beside a ctime one. The patterns are core/dates.py's, which the doctor report uses
without Qt. File names are not display text: they stay ISO (liptwitch-log-2026-12-01.csv).
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from ..core.dates import DAY_PATTERN, TIME_PATTERN

if TYPE_CHECKING:
    from PySide6.QtCore import QDate

# QDate and QTime are imported where they are used: Today's first frame of a day with nothing
# logged needs neither (its heading is from the locale's names), and PySide makes a Qt class
# the first time it is looked at.


def _qdate(day: date) -> QDate:
    from PySide6.QtCore import QDate

    return QDate(day.year, day.month, day.day)


def day_text(day: date) -> str:
    """ "1 Dec 2026"."""
    return QLocale().toString(_qdate(day), DAY_PATTERN)


def day_month_text(day: date) -> str:
    """ "2 Nov": a day within a year the reader already knows (charts, the experiment)."""
    return QLocale().toString(_qdate(day), "d MMM")


def weekday_day_text(day: date) -> str:
    """ "Tue 1 Dec 2026"."""
    return QLocale().toString(_qdate(day), "ddd " + DAY_PATTERN)


def long_day_text(day: date, with_year: bool = True) -> str:
    """ "Tuesday 1 December 2026" (headings, and a clock that says 1970)."""
    locale = QLocale()
    if not with_year:
        # Today's heading, on the first frame: the same text as toString(QDate, "dddd d
        # MMMM") in every locale Qt has (tests/ui/test_dates.py), without making QDate's,
        # QTime's and QDateTime's classes before the first paint (~1.2 ms).
        return f"{locale.dayName(day.isoweekday())} {locale.toString(day.day)} " + (
            locale.monthName(day.month)
        )
    return locale.toString(_qdate(day), "dddd d MMMM yyyy")


def time_text(when: time | datetime) -> str:
    """ "19:12"."""
    from PySide6.QtCore import QTime

    return QLocale().toString(QTime(when.hour, when.minute), TIME_PATTERN)


def moment_text(when: datetime, zone: tzinfo | None = None) -> str:
    """ "1 Dec 2026, 19:12", in `zone` when given (an aware `when` from the store is UTC)."""
    local = when.astimezone(zone) if zone is not None else when
    return f"{day_text(local.date())}, {time_text(local)}"
