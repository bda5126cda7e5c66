"""Export all data (JSON, or a zip of CSV files), import that JSON back, delete everything.

Import is all or nothing: every item is checked first (transfer/importing: the table
declarations in store/tables, the same rules as the app's own writes), then everything is
written in one transaction; if any item is rejected, the database refuses a row or the
person cancels, nothing is written and the report names each rejected item and why. Items
identical to what is already stored are skipped, so importing the same file twice adds
nothing. Settings (Data actions) and `liptwitch import` / `export` run this same code.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from peewee import IntegrityError as PeeweeIntegrityError

from .. import backup
from ..database.db import db_proxy
from ..database.models import Setting
from ..magnesium_notice import hold_unnoticed_magnesium
from ..tables import TABLES
from .exporting import FORMAT, FORMAT_VERSION, collect_export, export_csv_zip, export_json
from .importing import (
    MAX_IMPORT_BYTES,
    Checked,
    Control,
    ImportCancelled,
    ImportRejected,
    Rejection,
    check_import,
    parse_export,
    read_export_file,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_IMPORT_BYTES",
    "Control",
    "ImportCancelled",
    "ImportRejected",
    "ImportReport",
    "Rejection",
    "check_import",
    "collect_export",
    "delete_all_data",
    "export_csv_zip",
    "export_json",
    "import_data",
    "import_json_file",
    "parse_export",
    "read_export_file",
    "rejected_message",
]

# The readable sections' names for the log tables (the report counts by section).
_SECTION_OF = {"episode": "episodes", "intake": "intakes", "checkin": "checkins"}


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped_duplicates: int = 0
    # Per section, as `added`: the rows already stored, skipped (a summary of what the file
    # held counts the person's entries, not the app's reminder rows).
    skipped: dict[str, int] = field(default_factory=dict)
    settings_changed: int = 0
    # Items dated after now (see Checked.future): imported, and named to the person.
    future: dict[str, int] = field(default_factory=dict)
    latest_future: str = ""
    rederived: int = 0  # triage results re-derived from their answers (see triage_sense)
    # A magnesium reminder the import would switch on, held off until the safety notice
    # was shown (store/magnesium_notice.py); the caller says so.
    magnesium_held: bool = False

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


def _user_tables() -> list[str]:
    rows = db_proxy.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows if TABLES.get(name) is None or TABLES[name].export != "never"]


# --- writing ----------------------------------------------------------------------------------


def _stored(table: str, columns: tuple[str, ...]) -> Counter[tuple[Any, ...]]:
    """How many stored rows have each set of values (one read per table, not one per row)."""
    names = ", ".join(f'"{c}"' for c in columns)
    return Counter(tuple(row) for row in db_proxy.execute_sql(f'SELECT {names} FROM "{table}"'))


def _insert(table: str, row: dict[str, Any], verb: str = "INSERT") -> None:
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    db_proxy.execute_sql(f'{verb} INTO "{table}" ({columns}) VALUES ({marks})', tuple(row.values()))


def _second_experiment(row: dict[str, Any], today: date) -> str | None:
    from ..experiments import second_running

    return second_running(row["plan_json"], today)


def _write_table(
    table: str,
    rows: list[tuple[int, dict[str, Any]]],
    report: ImportReport,
    refused: list[Rejection],
    control: Control,
    today: date,
) -> None:
    section = _SECTION_OF.get(table, table)
    declared = TABLES[table]
    columns = tuple(c for c in declared.names if not (declared.integer_id and c == "id"))
    stored = _stored(table, columns)
    by_day = {row[0]: row for row in stored} if table == "checkin" else {}
    added = 0
    for number, row in rows:
        control.tick()
        key = tuple(row[c] for c in columns)
        if stored[key] > 0:  # as many identical rows as were stored before are skipped
            stored[key] -= 1
            report.skipped_duplicates += 1
            report.skipped[section] = report.skipped.get(section, 0) + 1
            continue
        if table == "experiment" and (why := _second_experiment(row, today)):
            if why == "same":  # the same plan in another state: the stored one is kept
                report.skipped_duplicates += 1
            else:
                refused.append(Rejection(section, str(number), row["change_id"], why))
            continue
        if table == "checkin" and row["day"] in by_day:
            refused.append(
                Rejection(
                    section,
                    str(number),
                    row["day"],
                    "this day already has a different check-in; delete or edit one of them",
                )
            )
            continue
        try:
            # A row keyed by name (a reminder's settings) replaces the stored one.
            _insert(table, row, "INSERT" if declared.integer_id else "INSERT OR REPLACE")
        except (sqlite3.IntegrityError, PeeweeIntegrityError) as exc:
            # This row breaks a rule of the schema. (A full disk or a read-only file is not
            # the row's fault: that goes on, as a storage error.)
            refused.append(Rejection(section, str(number), "", f"refused: {exc}"))
            continue
        added += 1
    report.added[section] = added


def _write(
    checked: Checked, report: ImportReport, control: Control, today: date
) -> list[Rejection]:
    """Inside the transaction. Returns rows the database refused (the caller rolls back)."""
    refused: list[Rejection] = []
    for table, rows in checked.rows.items():
        _write_table(table, rows, report, refused, control, today)
    for key, value in checked.settings.items():
        control.tick()
        row = Setting.get_or_none(Setting.key == key)
        if row is None or json.loads(row.value) != value:
            Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
            report.settings_changed += 1
    return refused


class _Rollback(Exception):
    pass


def rejected_message(count: int) -> str:
    from ...core.plurals import count as counted

    items = counted(count, "item") + (" was" if count == 1 else " were")
    return f"{items} rejected, so nothing was imported."


def import_data(data: Any, now: datetime, control: Control | None = None) -> ImportReport:
    """Check, then write everything in one transaction. Raises ImportRejected on any problem
    (ImportCancelled when `control` says cancel), and then nothing was written."""
    control = control or Control()
    checked = check_import(data, now, control)
    if checked.rejections:
        raise ImportRejected(rejected_message(len(checked.rejections)), checked.rejections)
    report = ImportReport(
        future=checked.future, latest_future=checked.latest_future, rederived=checked.rederived
    )
    refused: list[Rejection] = []
    try:
        with db_proxy.atomic():
            refused = _write(checked, report, control, now.date())
            if refused:
                raise _Rollback
            report.magnesium_held = hold_unnoticed_magnesium(now)
    except _Rollback:
        raise ImportRejected(rejected_message(len(refused)), refused) from None
    return report


def import_json_file(path: Path, now: datetime, control: Control | None = None) -> ImportReport:
    """Import an export file: refused before parsing when too big (MAX_IMPORT_BYTES)."""
    return import_data(read_export_file(path), now, control)


# --- delete all -------------------------------------------------------------------------------


def delete_all_data(db_path: Path, backup_dir: Path, today: date) -> tuple[Path, int]:
    """Back the database up (today's backup), then delete every logged row in one transaction.

    Settings and reminder times are kept: they are preferences, not data. Returns the backup
    and how many rows went.
    """
    target = backup_dir / f"liptwitch-{today.isoformat()}.sqlite3"
    backup.copy_database(db_path, target)
    removed = 0
    with db_proxy.atomic():
        for table in _user_tables():
            declared = TABLES.get(table)
            if declared is not None and declared.kept_on_delete:
                continue
            cursor = db_proxy.execute_sql(f'DELETE FROM "{table}"')
            removed += max(0, cursor.rowcount)
    return target, removed
