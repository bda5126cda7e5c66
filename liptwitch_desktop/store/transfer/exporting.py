"""The export: the log in readable form, the settings, and every other declared table.

The person's complete copy of their data. The log (episodes, intakes, check-ins) and the
settings are written in readable sections; every other table the declaration lists
(store/tables, `export="rows"`) row by row with exactly its declared columns, so nothing a
future table adds is left out. Files are written atomically and privately.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ...core import entries as core
from ..database.atomic import write_atomically
from ..database.db import db_proxy
from ..log_reads import all_checkins, all_episodes, all_intakes
from ..setting_rules import check_setting
from ..tables import TABLES

FORMAT = "liptwitch-export"
FORMAT_VERSION = 1
SECTIONS = ("episodes", "intakes", "checkins", "settings")


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def episode_json(ep: core.Episode) -> dict[str, Any]:
    return {
        "started_at": _iso(ep.started_at),
        "duration_s": ep.duration_s,
        "intensity": ep.intensity,
        "location": ep.location.value,
        "activity": ep.activity,
        "notes": ep.notes,
        "tags": list(ep.tags),
    }


def intake_json(intake: core.Intake) -> dict[str, Any]:
    return {
        "taken_at": _iso(intake.taken_at),
        "kind": intake.kind.value,
        "label": intake.label,
        "caffeine_mg": intake.caffeine_mg,
        "magnesium_mg": intake.magnesium_mg,
        "water_ml": intake.water_ml,
        "notes": intake.notes,
    }


def checkin_json(checkin: core.CheckIn) -> dict[str, Any]:
    return {
        "day": checkin.day.isoformat(),
        "sleep_hours": checkin.sleep_hours,
        "stress": checkin.stress,
        "grinding": checkin.grinding,
        "notes": checkin.notes,
    }


def row_tables() -> list[str]:
    """The declared tables exported row by row, in declaration order."""
    return [name for name, table in TABLES.items() if table.export == "rows"]


def raw_rows(table: str) -> list[dict[str, Any]]:
    names = TABLES[table].names
    columns = ", ".join(f'"{n}"' for n in names)
    cursor = db_proxy.execute_sql(f'SELECT {columns} FROM "{table}" ORDER BY rowid')
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _schema_version() -> int:
    row = db_proxy.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _settings() -> dict[str, Any]:
    """Stored settings the app knows and can read (a stale key or value stays behind:
    an import would refuse the whole file for it)."""
    out: dict[str, Any] = {}
    for key, value in db_proxy.execute_sql("SELECT key, value FROM setting ORDER BY key"):
        try:
            out[key] = check_setting(key, json.loads(value))
        except (ValueError, TypeError, RecursionError):
            continue
    return out


def collect_export(now: datetime) -> dict[str, Any]:
    """Everything in the database as one JSON-ready dict (read in one transaction)."""
    from ... import __version__

    with db_proxy.atomic():
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": _schema_version(),
            "exported_at": _iso(now),
            "episodes": [episode_json(e) for e in all_episodes()],
            "intakes": [intake_json(i) for i in all_intakes()],
            "checkins": [checkin_json(c) for c in all_checkins()],
            "settings": _settings(),
            "other_tables": {table: raw_rows(table) for table in row_tables()},
        }


def counts(data: dict[str, Any]) -> dict[str, int]:
    found = {key: len(data[key]) for key in SECTIONS}
    found.update({table: len(rows) for table, rows in data["other_tables"].items()})
    return found


def export_json(path: Path, now: datetime) -> dict[str, int]:
    """Write the whole export as JSON. Returns how many items each section holds."""
    data = collect_export(now)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_atomically(path, lambda p: p.write_text(text + "\n", encoding="utf-8"))
    return counts(data)


def _csv_text(rows: list[dict[str, Any]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def export_csv_zip(path: Path, now: datetime) -> dict[str, int]:
    """The same data as a zip of CSV files, one per section or table (for spreadsheets)."""
    data = collect_export(now)
    files: dict[str, str] = {}
    headers = {
        "episodes": list(episode_json(core.Episode(started_at=now)).keys()),
        "intakes": list(intake_json(core.Intake(now, core.IntakeKind.WATER)).keys()),
        "checkins": list(checkin_json(core.CheckIn(now.date())).keys()),
    }
    for section, header in headers.items():
        files[f"{section}.csv"] = _csv_text(data[section], header)
    settings = [{"key": k, "value": json.dumps(v)} for k, v in data["settings"].items()]
    files["settings.csv"] = _csv_text(settings, ["key", "value"])
    for table, rows in data["other_tables"].items():
        files[f"{table}.csv"] = _csv_text(rows, list(TABLES[table].names))

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(f"liptwitch-export/{name}", text)

    write_atomically(path, write)
    return counts(data)
