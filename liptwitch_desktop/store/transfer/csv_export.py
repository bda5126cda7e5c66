"""CSV export of log rows: what the person sees, plus the raw values a spreadsheet wants."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path

from ...core.entries import CheckIn, Episode, Intake
from ...core.log_rows import LogRow
from ..database.atomic import write_atomically

HEADER = (
    "kind",
    "local_time",
    "utc_time",
    "what",
    "duration_s",
    "intensity",
    "location",
    "caffeine_mg",
    "magnesium_mg",
    "water_ml",
    "sleep_hours",
    "stress",
    "grinding",
    "notes",
    "tags",  # an episode's tags, separated by "; " (issue 15: the export kept no tags)
)


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
            values = dict.fromkeys(HEADER, "")
            values["kind"] = row.kind.value
            values["what"] = row.what
            values["notes"] = row.notes
            if isinstance(entry, CheckIn):
                values["local_time"] = entry.day.isoformat()
                values["sleep_hours"] = entry.sleep_hours
                values["stress"] = entry.stress
                values["grinding"] = int(entry.grinding)
            else:
                values["local_time"] = row.when.astimezone(zone).isoformat(timespec="minutes")
                values["utc_time"] = row.when.isoformat(timespec="seconds")
            if isinstance(entry, Episode):
                values["duration_s"] = entry.duration_s
                values["intensity"] = entry.intensity
                values["location"] = entry.location.value
                values["tags"] = "; ".join(entry.tags)
            if isinstance(entry, Intake):
                values["caffeine_mg"] = entry.caffeine_mg
                values["magnesium_mg"] = entry.magnesium_mg
                values["water_ml"] = entry.water_ml
            writer.writerow(["" if values[h] is None else values[h] for h in HEADER])
            count += 1
    counted[0] = count
