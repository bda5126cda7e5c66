"""What a table declaration is made of: columns with their type and limits, and a row rule.

A value is checked in its stored form (what SQLite holds: instants as whole seconds, days
as ISO text, booleans as 0/1, JSON as text), so the store's own writes, an imported row and
a row read back for export are held to one rule. `Column.clean` returns the value as it is
stored, or raises `ValueError` with a sentence; `Table.clean` does the same for a whole row
and raises `RowError` naming every column that is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from ...core.validation import EARLIEST as EARLIEST  # re-exported with the declaration
from ...core.validation import LATEST as LATEST

Kind = Literal["int", "real", "bool", "text", "instant", "date"]
Export = Literal["section", "rows", "never"]
RowRule = Callable[[dict[str, Any], "datetime | None"], dict[str, str]]

# Nothing LipTwitch stores happened before 2000 or lies past 2100 (core.validation): bounds
# on every instant and day keep each loop over days (trends, reports, schedules) short
# whatever the data.
EARLIEST_DAY = EARLIEST.date()
LATEST_DAY = LATEST.date()
# A clock a minute fast on another device should not make a fresh row "in the future".
FUTURE_TOLERANCE = timedelta(minutes=2)
# The largest integer SQLite stores.
_INT64 = 2**63 - 1


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()  # a column without a default: a row must give it


class RowError(ValueError):
    """A row the table does not accept. `errors` maps column names to what is wrong."""

    def __init__(self, table: str, errors: dict[str, str]) -> None:
        self.table = table
        self.errors = errors
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))


def _number_text(value: float) -> str:
    return f"{value:g}"


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a whole number, not {value!r}"[:120])
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise ValueError(f"must be a whole number, not {value!r}")
        value = int(value)
    if not -_INT64 <= value <= _INT64:
        raise ValueError("is far too large")
    return int(value)


def _real(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number, not {value!r}"[:120])
    if isinstance(value, int) and not -_INT64 <= value <= _INT64:
        raise ValueError("is far too large")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError("must be a finite number")
    return number


def check_text(value: Any, max_length: int | None = None) -> str:
    """Text SQLite can store (valid UTF-8: no lone surrogates) of at most `max_length`."""
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {value!r}"[:120])
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"is limited to {max_length} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("holds characters that are not valid text") from None
    return value


def instant_seconds(value: datetime) -> int:
    return int(value.timestamp())


@dataclass(frozen=True)
class Column:
    """One column as the migrations create it (`sql`: the declared type) and what it holds."""

    name: str
    sql: Literal["INTEGER", "REAL", "TEXT", "DATE"]
    kind: Kind
    null: bool = False
    default: Any = REQUIRED
    primary_key: bool = False
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    not_future: bool = False  # an instant or day no later than now (when now is known)
    earliest_day: date = EARLIEST_DAY  # days only: a medicine may have started long ago
    rule: Callable[[Any], str | None] | None = None  # any further rule: a message or None

    def clean(self, value: Any, now: datetime | None = None) -> Any:
        """The value as stored, or ValueError with what is wrong."""
        if value is None:
            if self.null:
                return None
            raise ValueError("must be given")
        if self.kind == "int":
            cleaned: Any = _whole(value)
            self._in_range(cleaned)
        elif self.kind == "real":
            cleaned = _real(value)
            self._in_range(cleaned)
        elif self.kind == "bool":
            if value not in (0, 1) or isinstance(value, float):
                raise ValueError(f"must be true or false (1 or 0), not {value!r}"[:120])
            cleaned = int(value)
        elif self.kind == "text":
            cleaned = check_text(value, self.max_length)
            if self.choices and cleaned not in self.choices:
                raise ValueError(f"{cleaned!r} is not one of: {', '.join(self.choices)}"[:300])
        elif self.kind == "instant":
            cleaned = self._instant(value, now)
        else:
            cleaned = self._day(value, now)
        if self.rule is not None:
            message = self.rule(cleaned)
            if message:
                raise ValueError(message)
        return cleaned

    def _in_range(self, value: float) -> None:
        low, high = self.minimum, self.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                raise ValueError(f"must be from {_number_text(low)} to {_number_text(high)}")
            if low is not None:
                raise ValueError(f"must be at least {_number_text(low)}")
            raise ValueError(f"must be at most {_number_text(high or 0)}")

    def _instant(self, value: Any, now: datetime | None) -> int:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("is a time without a time zone")
            value = instant_seconds(value)
        seconds = _whole(value)
        if not instant_seconds(EARLIEST) <= seconds < instant_seconds(LATEST):
            raise ValueError("must be a time between the years 2000 and 2100")
        if self.not_future and now is not None and self.after(seconds, now):
            raise ValueError("is in the future")
        return seconds

    def _day(self, value: Any, now: datetime | None) -> str:
        day: date | None
        if isinstance(value, date) and not isinstance(value, datetime):
            day = value
        else:
            text = check_text(value)
            try:
                day = date.fromisoformat(text) if len(text) == 10 else None
            except ValueError:
                day = None
            if day is None:
                raise ValueError(f"{text!r} is not a date like 2026-03-10"[:120])
        if not self.earliest_day <= day < LATEST_DAY:
            raise ValueError(
                f"must be a day between the years {self.earliest_day.year} and {LATEST_DAY.year}"
            )
        if self.not_future and now is not None and self.after(day.isoformat(), now):
            raise ValueError("is in the future")
        return day.isoformat()

    def after(self, stored: Any, now: datetime) -> bool:
        """Whether a clean stored instant or day lies after `now` (beyond the tolerance for a
        clock a little fast; a day is the person's local day, up to a day ahead of UTC)."""
        if self.kind == "instant":
            return bool(stored > instant_seconds(now + FUTURE_TOLERANCE))
        if self.kind == "date":
            return date.fromisoformat(stored) > now.date() + timedelta(days=1)
        return False


@dataclass(frozen=True)
class Table:
    """One table: its columns in DDL order, what the export does with it, and its row rule.

    `export`: "section" for the log tables the export writes in readable form, "rows" for
    the rest (row by row, as stored), "never" for the store's own bookkeeping.
    `row_rule(row, now)` sees a row whose columns are all clean and returns {column: message}.
    """

    name: str
    columns: tuple[Column, ...]
    export: Export = "rows"
    row_rule: RowRule | None = None
    kept_on_delete: bool = False  # preferences, not health data: "delete all" keeps them
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.columns})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @property
    def integer_id(self) -> bool:
        """Rows keyed by a database-assigned `id` (an import gives them new ids)."""
        keys = [c for c in self.columns if c.primary_key]
        return len(keys) == 1 and keys[0].name == "id" and keys[0].sql == "INTEGER"

    def dated_after(self, row: Mapping[str, Any], now: datetime) -> str | None:
        """The first column of a clean row dated after `now`, or None. The app writes such
        rows itself under a clock that is ahead (a 2099 glitch): they are kept and named,
        never a reason to refuse what the app made (the reminder service ignores them)."""
        for col in self.columns:
            if col.not_future and row.get(col.name) is not None and col.after(row[col.name], now):
                return col.name
        return None

    def clean(
        self, row: Mapping[str, Any], now: datetime | None = None, *, partial: bool = False
    ) -> dict[str, Any]:
        """The row as stored (defaults filled in), or RowError.

        `now` (aware) turns on the rules about the future; the store's own writes and the
        import leave it out (the store does not know the person's clock, and an export the
        app made under a clock that was ahead must import again: see `dated_after`). `partial`
        checks only the columns given (an update of some columns).
        """
        errors: dict[str, str] = {}
        unknown = [name for name in row if name not in self._by_name]
        for name in unknown:
            errors[str(name)[:60]] = "unknown column"
        out: dict[str, Any] = {}
        for col in self.columns:
            if col.name not in row:
                if partial or (col.primary_key and col.sql == "INTEGER"):
                    continue  # an integer key is the database's to assign
                if col.default is REQUIRED:
                    errors[col.name] = "is missing"
                    continue
                value = col.default
            else:
                value = row[col.name]
            try:
                out[col.name] = col.clean(value, now)
            except ValueError as exc:
                errors[col.name] = str(exc)
        if not errors and self.row_rule is not None and not partial:
            errors = self.row_rule(out, now)
        if errors:
            raise RowError(self.name, errors)
        return out
