"""Export all data (JSON, or a zip of CSV files), import that JSON back, delete everything.

The JSON export is the person's complete copy of their data: the log (episodes, intakes,
check-ins) in readable form, the settings, and every other table of the database (triage
results, medicines, reminders) row by row, so nothing a future feature adds is left out.

Import is all or nothing: every item is checked first (types, ranges, dates, known kinds,
the same rules as the entry dialogs), then everything is written in one transaction; if any
item is rejected, or the database refuses a row, nothing is written and the report names each
rejected item and why. Items identical to what is already stored are skipped, so importing
the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from peewee import DatabaseError as PeeweeDatabaseError

from ..core import entries as core
from ..core.settings_schema import SPECS, SettingError, coerce
from ..core.validation import validate_checkin, validate_episode, validate_intake
from . import backup
from .db import db_proxy
from .entries import _episode_fields, _intake_fields
from .log_reads import all_checkins, all_episodes, all_intakes, get_checkin
from .models import CheckIn, Episode, Intake, Setting

FORMAT = "liptwitch-export"
FORMAT_VERSION = 1
# Tables the export writes in their own readable sections, or never exports.
LOG_TABLES = {"episode", "intake", "checkin", "setting"}
INTERNAL_TABLES = {"schema_version"}
# What "delete all data" keeps: preferences, not health data.
KEPT_ON_DELETE = {"setting", "reminder_setting"}


class ImportRejected(Exception):
    """Nothing was imported. `rejections` says which items and why (empty: see the message)."""

    def __init__(self, message: str, rejections: list[Rejection] | None = None) -> None:
        super().__init__(message)
        self.rejections = rejections or []


@dataclass(frozen=True)
class Rejection:
    section: str  # "episodes", "intakes", "checkins", "settings" or a table name
    item: str  # "3" (1-based position in the file) or a setting key
    summary: str  # what the item is, so a person can find it
    reason: str

    def __str__(self) -> str:
        what = f" ({self.summary})" if self.summary else ""
        return f"{self.section} #{self.item}{what}: {self.reason}"


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped_duplicates: int = 0
    settings_changed: int = 0

    @property
    def total_added(self) -> int:
        return sum(self.added.values())


# --- export ---------------------------------------------------------------------------------


def _iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _episode_json(ep: core.Episode) -> dict[str, Any]:
    return {
        "started_at": _iso(ep.started_at),
        "duration_s": ep.duration_s,
        "intensity": ep.intensity,
        "location": ep.location.value,
        "activity": ep.activity,
        "notes": ep.notes,
        "tags": list(ep.tags),
    }


def _intake_json(intake: core.Intake) -> dict[str, Any]:
    return {
        "taken_at": _iso(intake.taken_at),
        "kind": intake.kind.value,
        "label": intake.label,
        "caffeine_mg": intake.caffeine_mg,
        "magnesium_mg": intake.magnesium_mg,
        "water_ml": intake.water_ml,
        "notes": intake.notes,
    }


def _checkin_json(checkin: core.CheckIn) -> dict[str, Any]:
    return {
        "day": checkin.day.isoformat(),
        "sleep_hours": checkin.sleep_hours,
        "stress": checkin.stress,
        "grinding": checkin.grinding,
        "notes": checkin.notes,
    }


def _user_tables() -> list[str]:
    rows = db_proxy.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows if name not in INTERNAL_TABLES]


def _columns(table: str) -> list[str]:
    return [row[1] for row in db_proxy.execute_sql(f'PRAGMA table_info("{table}")').fetchall()]


def _raw_rows(table: str) -> list[dict[str, Any]]:
    cursor = db_proxy.execute_sql(f'SELECT * FROM "{table}" ORDER BY rowid')
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _schema_version() -> int:
    row = db_proxy.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def collect_export(now: datetime) -> dict[str, Any]:
    """Everything in the database as one JSON-ready dict (read in one transaction)."""
    from .. import __version__

    with db_proxy.atomic():
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "schema_version": _schema_version(),
            "exported_at": _iso(now),
            "episodes": [_episode_json(e) for e in all_episodes()],
            "intakes": [_intake_json(i) for i in all_intakes()],
            "checkins": [_checkin_json(c) for c in all_checkins()],
            "settings": {
                r.key: json.loads(r.value) for r in Setting.select().order_by(Setting.key)
            },
            "other_tables": {
                table: _raw_rows(table) for table in _user_tables() if table not in LOG_TABLES
            },
        }
    return data


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    partial = path.with_name(path.name + ".partial")
    old_umask = os.umask(0o077)  # health data: readable by this user only
    try:
        write(partial)
    finally:
        os.umask(old_umask)
    os.replace(partial, path)


def export_json(path: Path, now: datetime) -> dict[str, int]:
    """Write the whole export as JSON. Returns how many items each section holds."""
    data = collect_export(now)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    _write_atomically(path, lambda p: p.write_text(text + "\n", encoding="utf-8"))
    return _counts(data)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    counts = {key: len(data[key]) for key in ("episodes", "intakes", "checkins", "settings")}
    counts.update({table: len(rows) for table, rows in data["other_tables"].items()})
    return counts


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
        "episodes": list(_episode_json(core.Episode(started_at=now)).keys()),
        "intakes": list(_intake_json(core.Intake(now, core.IntakeKind.WATER)).keys()),
        "checkins": list(_checkin_json(core.CheckIn(now.date())).keys()),
    }
    for section, header in headers.items():
        files[f"{section}.csv"] = _csv_text(data[section], header)
    settings = [{"key": k, "value": json.dumps(v)} for k, v in data["settings"].items()]
    files["settings.csv"] = _csv_text(settings, ["key", "value"])
    for table, rows in data["other_tables"].items():
        files[f"{table}.csv"] = _csv_text(rows, _columns(table))

    def write(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(f"liptwitch-export/{name}", text)

    _write_atomically(path, write)
    return _counts(data)


# --- import: checking -----------------------------------------------------------------------


class _Bad(ValueError):
    pass


def _text(item: dict[str, Any], key: str, default: str = "") -> str:
    value = item.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _Bad(f"{key} must be text")
    return value


def _number(item: dict[str, Any], key: str, *, whole: bool = False) -> Any:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"{key} must be a number, not {value!r}")
    if whole:
        if value != int(value):
            raise _Bad(f"{key} must be a whole number, not {value!r}")
        return int(value)
    return float(value)


def _instant(item: dict[str, Any], key: str) -> datetime:
    value = item.get(key)
    if not isinstance(value, str):
        raise _Bad(f"{key} is missing")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(f"{key} {value!r} is not a date and time like 2026-03-10T15:30:00Z") from None
    if parsed.tzinfo is None:
        raise _Bad(f"{key} {value!r} has no time zone (add Z for UTC)")
    return parsed.astimezone(UTC)


def _first_error(errors: dict[str, str]) -> None:
    if errors:
        name, message = next(iter(errors.items()))
        raise _Bad(f"{name}: {message}")


def _parse_episode(item: dict[str, Any], now: datetime) -> core.Episode:
    try:
        location = core.Location(item.get("location", core.Location.LOWER_CENTRE.value))
    except ValueError:
        raise _Bad(f"unknown location {item.get('location')!r}") from None
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _Bad("tags must be a list of words")
    intensity = _number(item, "intensity", whole=True)
    if intensity is None:
        raise _Bad("intensity is missing")
    episode = core.Episode(
        started_at=_instant(item, "started_at"),
        intensity=intensity,
        location=location,
        duration_s=_number(item, "duration_s", whole=True),
        activity=_text(item, "activity"),
        notes=_text(item, "notes"),
        tags=tuple(sorted({t.strip().lower() for t in tags if t.strip()})),
    )
    _first_error(validate_episode(episode, now))
    return episode


def _parse_intake(item: dict[str, Any], now: datetime) -> core.Intake:
    try:
        kind = core.IntakeKind(item.get("kind"))
    except ValueError:
        known = ", ".join(k.value for k in core.IntakeKind)
        raise _Bad(f"unknown kind {item.get('kind')!r} (known: {known})") from None
    intake = core.Intake(
        taken_at=_instant(item, "taken_at"),
        kind=kind,
        label=_text(item, "label").strip(),
        caffeine_mg=_number(item, "caffeine_mg"),
        magnesium_mg=_number(item, "magnesium_mg"),
        water_ml=_number(item, "water_ml"),
        notes=_text(item, "notes"),
    )
    _first_error(validate_intake(intake, now))
    return intake


def _parse_checkin(item: dict[str, Any], now: datetime) -> core.CheckIn:
    value = item.get("day")
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise _Bad(f"day {value!r} is not a date like 2026-03-10")
    grinding = item.get("grinding", False)
    if not isinstance(grinding, bool):
        raise _Bad("grinding must be true or false")
    checkin = core.CheckIn(
        day=day,
        sleep_hours=_number(item, "sleep_hours"),
        stress=_number(item, "stress", whole=True),
        grinding=grinding,
        notes=_text(item, "notes"),
    )
    _first_error(validate_checkin(checkin, now))
    return checkin


def _summary(item: Any, *keys: str) -> str:
    if not isinstance(item, dict):
        return ""
    return " ".join(str(item[k]) for k in keys if item.get(k) not in (None, ""))[:80]


@dataclass
class _Checked:
    episodes: list[core.Episode] = field(default_factory=list)
    intakes: list[core.Intake] = field(default_factory=list)
    checkins: list[tuple[int, core.CheckIn]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)


def _check_list(
    data: dict[str, Any],
    section: str,
    parse: Callable[[dict[str, Any], datetime], Any],
    now: datetime,
    summary_keys: tuple[str, ...],
    checked: _Checked,
) -> list[tuple[int, Any]]:
    items = data.get(section, [])
    if not isinstance(items, list):
        checked.rejections.append(Rejection(section, "-", "", "must be a list"))
        return []
    parsed = []
    for number, item in enumerate(items, start=1):
        summary = _summary(item, *summary_keys)
        if not isinstance(item, dict):
            checked.rejections.append(Rejection(section, str(number), "", "not an object"))
            continue
        try:
            parsed.append((number, parse(item, now)))
        except _Bad as exc:
            checked.rejections.append(Rejection(section, str(number), summary, str(exc)))
    return parsed


def check_import(data: Any, now: datetime) -> _Checked:
    """Check everything in an export without writing. Raises ImportRejected for a wrong file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRejected('This is not a LipTwitch export (its "format" is not ' + FORMAT + ").")
    version = data.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportRejected(
            f"This export was made by a newer LipTwitch (format {version!r}); update the app."
        )
    checked = _Checked()
    checked.episodes = [
        e
        for _n, e in _check_list(
            data, "episodes", _parse_episode, now, ("started_at", "intensity"), checked
        )
    ]
    checked.intakes = [
        i
        for _n, i in _check_list(data, "intakes", _parse_intake, now, ("taken_at", "kind"), checked)
    ]
    checked.checkins = _check_list(data, "checkins", _parse_checkin, now, ("day",), checked)
    days: dict[date, int] = {}
    for number, checkin in checked.checkins:
        if checkin.day in days:
            checked.rejections.append(
                Rejection(
                    "checkins",
                    str(number),
                    checkin.day.isoformat(),
                    f"a second check-in for the same day (first: #{days[checkin.day]})",
                )
            )
        days.setdefault(checkin.day, number)
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        checked.rejections.append(Rejection("settings", "-", "", "must be an object"))
        settings = {}
    for key, value in settings.items():
        spec = SPECS.get(key)
        if spec is None:
            checked.rejections.append(Rejection("settings", key, "", "unknown setting"))
            continue
        try:
            checked.settings[key] = coerce(spec, value)
        except SettingError as exc:
            checked.rejections.append(Rejection("settings", key, repr(value), str(exc)))
    tables = data.get("other_tables", {})
    if not isinstance(tables, dict):
        checked.rejections.append(Rejection("other_tables", "-", "", "must be an object"))
        tables = {}
    known = set(_user_tables())
    for table, rows in tables.items():
        if table not in known or table in LOG_TABLES:
            checked.rejections.append(Rejection(table, "-", "", "unknown table"))
            continue
        columns = set(_columns(table))
        if not isinstance(rows, list):
            checked.rejections.append(Rejection(table, "-", "", "must be a list"))
            continue
        good = []
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                checked.rejections.append(Rejection(table, str(number), "", "not an object"))
            elif unknown := sorted(set(row) - columns):
                checked.rejections.append(
                    Rejection(table, str(number), "", "unknown columns: " + ", ".join(unknown))
                )
            else:
                good.append(row)
        checked.tables[table] = good
    return checked


# --- import: writing ------------------------------------------------------------------------


def _integer_id_table(table: str) -> bool:
    info = db_proxy.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
    keys = [row for row in info if row[5]]
    return len(keys) == 1 and keys[0][1] == "id" and keys[0][2].upper() == "INTEGER"


def _count_rows(table: str, row: dict[str, Any]) -> int:
    where = " AND ".join(f'"{c}" IS ?' for c in row) or "1"
    found = db_proxy.execute_sql(
        f'SELECT COUNT(*) FROM "{table}" WHERE {where}', tuple(row.values())
    ).fetchone()
    return int(found[0])


class _Duplicates:
    """Which rows of a file are already stored. Two identical rows in the file (two glasses of
    water logged in the same minute) are both real: only as many as were stored before the
    import are skipped."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.stored: dict[tuple[Any, ...], int] = {}
        self.seen: dict[tuple[Any, ...], int] = {}

    def already_stored(self, row: dict[str, Any]) -> bool:
        key = tuple(sorted(row.items(), key=lambda kv: kv[0]))
        if key not in self.stored:
            self.stored[key] = _count_rows(self.table, row)
        self.seen[key] = self.seen.get(key, 0) + 1
        return self.seen[key] <= self.stored[key]


def _write(checked: _Checked, report: ImportReport) -> list[Rejection]:
    """Inside the transaction. Returns rows the database refused (the caller rolls back)."""
    refused: list[Rejection] = []

    def insert(
        section: str, table: str, rows: Iterable[dict[str, Any]], verb: str = "INSERT"
    ) -> None:
        added = 0
        duplicates = _Duplicates(table)
        for number, row in enumerate(rows, start=1):
            if duplicates.already_stored(row):
                report.skipped_duplicates += 1
                continue
            columns = ", ".join(f'"{c}"' for c in row)
            marks = ", ".join("?" for _ in row)
            try:
                db_proxy.execute_sql(
                    f'{verb} INTO "{table}" ({columns}) VALUES ({marks})', tuple(row.values())
                )
            except (sqlite3.DatabaseError, PeeweeDatabaseError) as exc:
                refused.append(Rejection(section, str(number), "", f"refused: {exc}"))
                continue
            added += 1
        report.added[section] = added

    def db_row(model: type, fields: dict[str, Any]) -> dict[str, Any]:
        return {
            model._meta.fields[k].column_name: model._meta.fields[k].db_value(v)
            for k, v in fields.items()
        }

    insert("episodes", "episode", (db_row(Episode, _episode_fields(e)) for e in checked.episodes))
    insert("intakes", "intake", (db_row(Intake, _intake_fields(i)) for i in checked.intakes))
    checkins_added = 0
    for number, checkin in checked.checkins:
        existing = get_checkin(checkin.day)
        if existing is not None:
            if existing == _with_id(checkin, existing.id):
                report.skipped_duplicates += 1
            else:
                refused.append(
                    Rejection(
                        "checkins",
                        str(number),
                        checkin.day.isoformat(),
                        "this day already has a different check-in; delete or edit one of them",
                    )
                )
            continue
        CheckIn.insert(
            day=checkin.day,
            sleep_hours=checkin.sleep_hours,
            stress=checkin.stress,
            grinding=checkin.grinding,
            notes=checkin.notes,
        ).execute()
        checkins_added += 1
    report.added["checkins"] = checkins_added
    for key, value in checked.settings.items():
        row = Setting.get_or_none(Setting.key == key)
        if row is None or json.loads(row.value) != value:
            Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
            report.settings_changed += 1
    for table, rows in checked.tables.items():
        if _integer_id_table(table):
            # New ids: the rows join what is there instead of colliding with it.
            insert(table, table, ({k: v for k, v in r.items() if k != "id"} for r in rows))
        else:
            # Keyed by name (reminder settings): the imported row replaces the stored one.
            insert(table, table, rows, verb="INSERT OR REPLACE")
    return refused


def _with_id(checkin: core.CheckIn, checkin_id: int) -> core.CheckIn:
    from dataclasses import replace

    return replace(checkin, id=checkin_id)


class _Rollback(Exception):
    pass


def parse_export(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            "Nothing was imported."
        ) from None


def import_data(data: Any, now: datetime) -> ImportReport:
    """Check, then write everything in one transaction. Raises ImportRejected on any problem."""
    checked = check_import(data, now)
    if checked.rejections:
        raise ImportRejected(_rejected_message(len(checked.rejections)), checked.rejections)
    report = ImportReport()
    refused: list[Rejection] = []
    try:
        with db_proxy.atomic():
            refused = _write(checked, report)
            if refused:
                raise _Rollback
    except _Rollback:
        raise ImportRejected(_rejected_message(len(refused)), refused) from None
    return report


def import_json_file(path: Path, now: datetime) -> ImportReport:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ImportRejected("The file is not a text (UTF-8) file. Nothing was imported.") from None
    return import_data(parse_export(text), now)


def _rejected_message(count: int) -> str:
    items = "1 item was" if count == 1 else f"{count} items were"
    return f"{items} rejected, so nothing was imported."


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
            if table in KEPT_ON_DELETE:
                continue
            cursor = db_proxy.execute_sql(f'DELETE FROM "{table}"')
            removed += max(0, cursor.rowcount)
    return target, removed
