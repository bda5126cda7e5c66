"""One declaration per table (store/tables): what else reads a table's columns follows it.

- the CSV's raw value columns are the log tables' declared columns (a new column is a CSV
  column unless the CSV lists it as said in its own words);
- the first window's plain-SQL reads (store/log_reads) keep their own SELECT lists, because
  importing the declaration costs the first paint ~30 ms (it pulls in core.medicines and the
  reminder schedule, both on the first paint's forbidden list): they are held to it here,
  column for column and value for value;
- peewee is pinned to the major version store/database/db.py adapts (it overrides private
  hooks of peewee's SqliteDatabase).
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind, Location
from liptwitch_desktop.store import log_reads
from liptwitch_desktop.store.tables import CHECKIN, EPISODE, INTAKE
from liptwitch_desktop.store.tables.log import checkin_from_row, episode_from_row, intake_from_row
from liptwitch_desktop.store.transfer import csv_export

ROOT = Path(__file__).resolve().parents[2]
READS = {
    "episode": (log_reads._EPISODE, log_reads._episode, EPISODE, episode_from_row),
    "intake": (log_reads._INTAKE, log_reads._intake, INTAKE, intake_from_row),
    "checkin": (log_reads._CHECKIN, log_reads._checkin, CHECKIN, checkin_from_row),
}
STORED = {
    "episode": (7, 1_773_156_600, 95, 6, "lower_left", "typing", "after coffee", "tired,work"),
    "intake": (8, 1_773_156_600, "caffeine", "espresso", 63.0, None, None, "double"),
    "checkin": (9, "2026-03-10", 6.5, 4, 1, "late night"),
}


def test_the_first_windows_reads_select_the_declared_columns_in_order() -> None:
    for name, (sql, _read, table, _declared) in READS.items():
        selected = re.fullmatch(r"SELECT (.+) FROM (\w+)", sql)
        assert selected is not None and selected.group(2) == name
        assert tuple(c.strip() for c in selected.group(1).split(",")) == table.names, name


def test_the_first_windows_reads_map_a_row_as_the_declaration_does() -> None:
    for name, (_sql, read, table, declared) in READS.items():
        row = STORED[name]
        assert read(row) == declared(dict(zip(table.names, row, strict=True))), name


def test_the_csv_columns_are_the_declared_ones() -> None:
    declared = [
        c
        for t in (EPISODE, INTAKE, CHECKIN)
        for c in t.names
        if c not in csv_export.SHOWN_OTHERWISE
    ]
    assert list(csv_export.VALUE_COLUMNS) == list(dict.fromkeys(declared))
    # ... and an episode's tags in a column of their own (issue 15: to sort and filter by).
    assert ("kind", "local_time", "utc_time", "what", *declared, "notes", "tags") == (
        csv_export.HEADER
    )
    # Each left-out column is one the CSV says otherwise (or the row's id), none is a typo.
    every = {c for t in (EPISODE, INTAKE, CHECKIN) for c in t.names}
    assert every >= csv_export.SHOWN_OTHERWISE


def test_the_csv_writes_each_declared_value(tmp_path: Path) -> None:
    from liptwitch_desktop.core.log_rows import LogRow, RowKind

    when = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    entries = [
        (RowKind.EPISODE, Episode(when, intensity=6, duration_s=95, location=Location.LOWER_LEFT)),
        (RowKind.MAGNESIUM, Intake(when, IntakeKind.MAGNESIUM, "glycinate", magnesium_mg=200.0)),
        (RowKind.CHECKIN, CheckIn(date(2026, 3, 10), sleep_hours=6.5, stress=4, grinding=True)),
    ]
    rows = [LogRow(k, n, when, "w", "", 0.0, "", e) for n, (k, e) in enumerate(entries, 1)]
    path = tmp_path / "log.csv"
    assert csv_export.write_log_csv(rows, path, ZoneInfo("Europe/London")) == 3
    episode, intake, checkin = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    assert (episode["duration_s"], episode["intensity"], episode["location"]) == (
        "95",
        "6",
        "lower_left",
    )
    assert (intake["magnesium_mg"], intake["caffeine_mg"]) == ("200.0", "")
    assert (checkin["sleep_hours"], checkin["stress"], checkin["grinding"]) == ("6.5", "4", "1")
    assert checkin["local_time"] == "2026-03-10" and checkin["utc_time"] == ""


def test_peewee_is_pinned_to_the_major_version_the_store_adapts() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [pin] = [d for d in project["dependencies"] if d.startswith("peewee")]
    major = int(importlib.metadata.version("peewee").split(".")[0])
    floor, ceiling = re.fullmatch(r"peewee>=([\d.]+),<(\d+)", pin).groups()  # type: ignore[union-attr]
    assert int(floor.split(".")[0]) == major and int(ceiling) == major + 1, pin
