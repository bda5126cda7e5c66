"""Stored rows dated after now: what a clock that was ahead (a 2099 glitch) left behind.

The app writes them itself, so they are kept and exported, and an export holding them
imports again (store/tables `Table.dated_after`); the reminder service ignores firings
"in the future". `check` and `export` name them, so a person can correct the entries.
Plain SQL through whatever `execute` is given: the store's connection, or check's own
read-only one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .database.instants import from_seconds
from .tables import TABLES
from .tables.base import FUTURE_TOLERANCE, instant_seconds

Execute = Callable[[str, tuple[Any, ...]], Any]
# Bookkeeping the reminder service ignores when it lies ahead: nothing for a person to fix.
BOOKKEEPING = frozenset({"reminder_firing"})


@dataclass(frozen=True)
class FutureRows:
    table: str
    count: int
    latest: date


def future_rows(execute: Execute, now: datetime) -> list[FutureRows]:
    """Per table, how many rows are dated after `now` and the latest such day."""
    found = []
    for name, table in TABLES.items():
        columns = [c for c in table.columns if c.not_future]
        if not columns:
            continue
        limits: list[Any] = []
        for col in columns:
            if col.kind == "instant":
                limits.append(instant_seconds(now + FUTURE_TOLERANCE))
            else:
                limits.append((now.date() + timedelta(days=1)).isoformat())
        where = " OR ".join(f'"{c.name}" > ?' for c in columns)
        latest = ", ".join(f'MAX(CASE WHEN "{c.name}" > ? THEN "{c.name}" END)' for c in columns)
        row = execute(
            f'SELECT COUNT(*), {latest} FROM "{name}" WHERE {where}', (*limits, *limits)
        ).fetchone()
        if not row or not row[0]:
            continue
        days = [
            from_seconds(value).date() if col.kind == "instant" else date.fromisoformat(value)
            for col, value in zip(columns, row[1:], strict=True)
            if value is not None
        ]
        found.append(FutureRows(name, int(row[0]), max(days)))
    return found


def describe(found: FutureRows) -> str:
    from ..core.plurals import count

    rows = count(found.count, "row")
    return f"{found.table}: {rows} dated after today (the latest {found.latest.isoformat()})"
