"""CSV export of log rows: what the person sees, plus the raw values a spreadsheet wants."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import tzinfo
from enum import Enum
from pathlib import Path

from ...core.entries import CheckIn, Episode, Intake
from ...core.log_rows import LogRow
from ..database.atomic import write_atomically
from ..tables import CHECKIN, EPISODE, INTAKE, Table

# The raw values come from the tables' declaration (store/tables): a column added there is a
# CSV column too, unless it is listed here, as what the CSV says in its own words: the kind,
# the local and UTC times, "what" (the label, the activity, the tags) and the notes.
SHOWN_OTHERWISE = frozenset(
    {"id", "started_at", "taken_at", "day", "kind", "label", "activity", "tags", "notes"}
)
_TABLE_OF: dict[type, Table] = {Episode: EPISODE, Intake: INTAKE, CheckIn: CHECKIN}
VALUE_COLUMNS = tuple(
    dict.fromkeys(
        column
        for table in _TABLE_OF.values()
        for column in table.names
        if column not in SHOWN_OTHERWISE
    )
)
HEADER = ("kind", "local_time", "utc_time", "what", *VALUE_COLUMNS, "notes", "tags")


def _plain(value: object) -> object:
    """A spreadsheet's value: an enum's name in the store, a yes/no as 1/0, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def write_log_csv(rows: Iterable[LogRow], path: Path, zone: tzinfo) -> int:
    """Write atomically and privately (a temporary file renamed into place; nothing left
    behind when the disk refuses it). Returns the row count."""
    counted = [0]
    write_atomically(path, lambda partial: _write(rows, partial, zone, counted))
    return counted[0]


def _write(rows: Iterable[LogRow], partial: Path, zone: tzinfo, counted: list[int]) -> None:
    count = 0
    with partial.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for row in rows:
            entry = row.entry
            values: dict[str, object] = dict.fromkeys(HEADER, "")
            values["kind"] = row.kind.value
            values["what"] = row.what
            values["notes"] = row.notes
            if isinstance(entry, CheckIn):
                values["local_time"] = entry.day.isoformat()
            else:
                values["local_time"] = row.when.astimezone(zone).isoformat(timespec="minutes")
                values["utc_time"] = row.when.isoformat(timespec="seconds")
            table = _TABLE_OF.get(type(entry))  # a medicine says all it holds in "what"
            for column in table.names if table is not None else ():
                if column not in SHOWN_OTHERWISE:
                    values[column] = _plain(getattr(entry, column))
            if isinstance(entry, Episode):  # also in "what"; its own column to sort by
                values["tags"] = "; ".join(entry.tags)
            writer.writerow([values[h] for h in HEADER])
            count += 1
    counted[0] = count
