"""The rows of the Log page: every kind of entry in a date range, newest first."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, time, tzinfo

from ..core.days import day_bounds
from ..core.log_rows import (
    LogRow,
    RowKind,
    checkin_row,
    episode_row,
    intake_row,
    medicine_row,
)
from .entries import checkins_between, episodes_between, intakes_between
from .medicines import active_between


def log_rows(
    first: date,
    last: date,
    zone: tzinfo,
    day_start: time,
    kinds: Collection[RowKind] | None = None,
) -> list[LogRow]:
    """Entries of the user's days first..last inclusive, filtered by kind."""
    wanted = set(kinds) if kinds else set(RowKind)
    start, _ = day_bounds(first, zone, day_start)
    _, end = day_bounds(last, zone, day_start)
    rows: list[LogRow] = []
    if RowKind.EPISODE in wanted:
        rows += [episode_row(ep) for ep in episodes_between(start, end)]
    whole_day = (RowKind.EPISODE, RowKind.CHECKIN, RowKind.MEDICINE)
    if wanted & {k for k in RowKind if k not in whole_day}:
        rows += [
            intake_row(i) for i in intakes_between(start, end) if RowKind(i.kind.value) in wanted
        ]
    if RowKind.CHECKIN in wanted:
        rows += [checkin_row(c) for c in checkins_between(first, last)]
    if RowKind.MEDICINE in wanted:
        # Every medicine taken during the range, so a long-running one is never out of view.
        rows += [medicine_row(m) for m in active_between(first, last)]
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows
