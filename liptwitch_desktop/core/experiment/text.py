"""Small helpers for the sentences this package writes: translation hook and formats.

Every sentence is a template passed through `tr` before it is filled in, so the UI can pass
Qt's translate and a translation stays a data file; the default leaves English as written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Translate = Callable[[str], str]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def identity(text: str) -> str:
    return text


def format_day(day: date, tr: Translate = identity) -> str:
    """ "Monday 16 March 2026": unambiguous in every locale's reading, unlike 03/16."""
    return tr("{weekday} {day} {month} {year}").format(
        weekday=tr(_WEEKDAYS[day.weekday()]),
        day=day.day,
        month=tr(_MONTHS[day.month - 1]),
        year=day.year,
    )


def format_rate(rate: float) -> str:
    """Twitches a day as people read them: one decimal, two below 1 so 0.4 and 0.35 differ."""
    return f"{rate:.2f}" if rate < 1 else f"{rate:.1f}"


# Beyond these a ratio's digits say nothing (a 2-pair interval can reach 0.00 to a million):
# shown as "under 0.01" and "over 100" instead.
RATIO_SHOWN = (0.01, 100.0)


def format_ratio(ratio: float) -> str:
    low, high = RATIO_SHOWN
    if ratio < low:
        return f"under {low:.2f}"
    if ratio > high:
        return f"over {high:.0f}"
    return f"{ratio:.2f}"


def percent_change(ratio: float) -> int:
    """0.55 -> 45 (% fewer) and 1.3 -> 30 (% more), whole percents, never 0 for a change."""
    pct = round(abs(1.0 - ratio) * 100)
    return max(pct, 1) if ratio != 1.0 else 0
