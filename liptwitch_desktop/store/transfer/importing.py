"""Reading an export file and checking every item in it, before anything is written.

A file is refused whole, in words, when it cannot be read as an export (import_file) or is
not a LipTwitch export of a known format. Otherwise each item is parsed and then held to its
table's declaration (store/tables) in the form it will be stored: exactly the rules the
app's own writes meet. Every refused item is named with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ...core import entries as core
from ...core.settings_schema import SPECS, SettingError
from ..database.instants import from_seconds
from ..database.models import CheckIn, Episode, Intake
from ..entries import _episode_fields, _intake_fields
from ..setting_rules import check_setting
from ..tables import TABLES, RowError, Table
from .exporting import FORMAT, FORMAT_VERSION

# Re-exported: the import's one set of names.
from .import_file import MAX_IMPORT_BYTES as MAX_IMPORT_BYTES
from .import_file import ImportCancelled as ImportCancelled
from .import_file import ImportRejected as ImportRejected
from .import_file import Rejection as Rejection
from .import_file import nothing_imported as nothing_imported
from .import_file import parse_export as parse_export
from .import_file import read_export_file as read_export_file
from .import_file import safe as safe
from .rowcheck import db_form


class Control:
    """Progress and Cancel for a long import: `tick()` between items."""

    def __init__(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.total = 1
        self.done = 0

    def tick(self, step: int = 1) -> None:
        self.done += step
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled
        if self._progress is not None and (self.done % 200 == 0 or self.done >= self.total):
            self._progress(min(self.done, self.total), self.total)


# --- the items -----------------------------------------------------------------------------------


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
        raise _Bad(safe(f"{key} must be a number, not {value!r}"))
    if whole:
        if value != int(value):
            raise _Bad(f"{key} must be a whole number, not {value!r}")
        return int(value)
    return float(value)


def _instant(item: dict[str, Any], key: str) -> datetime:
    value = item.get(key)
    if not isinstance(value, str):
        raise _Bad(f"{key} is missing")
    example = "like 2026-03-10T15:30:00Z"
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            raise _Bad(safe(f"{key} {value!r} has no time zone (add Z for UTC)", 160))
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, _Bad):
            raise
        raise _Bad(safe(f"{key} {value!r} is not a date and time {example}", 160)) from None


def _parse_episode(item: dict[str, Any]) -> dict[str, Any]:
    try:
        location = core.Location(item.get("location", core.Location.LOWER_CENTRE.value))
    except (ValueError, TypeError):
        raise _Bad(safe(f"unknown location {item.get('location')!r}")) from None
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
    return db_form(Episode, _episode_fields(episode))


def _parse_intake(item: dict[str, Any]) -> dict[str, Any]:
    try:
        kind = core.IntakeKind(item.get("kind", ""))
    except (ValueError, TypeError):
        known = ", ".join(k.value for k in core.IntakeKind)
        raise _Bad(safe(f"unknown kind {item.get('kind')!r} (known: {known})", 200)) from None
    intake = core.Intake(
        taken_at=_instant(item, "taken_at"),
        kind=kind,
        label=_text(item, "label").strip(),
        caffeine_mg=_number(item, "caffeine_mg"),
        magnesium_mg=_number(item, "magnesium_mg"),
        water_ml=_number(item, "water_ml"),
        notes=_text(item, "notes"),
    )
    return db_form(Intake, _intake_fields(intake))


def _parse_checkin(item: dict[str, Any]) -> dict[str, Any]:
    value = item.get("day")
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise _Bad(safe(f"day {value!r} is not a date like 2026-03-10"))
    grinding = item.get("grinding", False)
    if not isinstance(grinding, bool):
        raise _Bad("grinding must be true or false")
    fields = {
        "day": day,
        "sleep_hours": _number(item, "sleep_hours"),
        "stress": _number(item, "stress", whole=True),
        "grinding": grinding,
        "notes": _text(item, "notes"),
    }
    return db_form(CheckIn, fields)


_SECTIONS: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]], tuple[str, ...]]] = {
    "episodes": ("episode", _parse_episode, ("started_at", "intensity")),
    "intakes": ("intake", _parse_intake, ("taken_at", "kind")),
    "checkins": ("checkin", _parse_checkin, ("day",)),
}


def _summary(item: Any, *keys: str) -> str:
    if not isinstance(item, dict):
        return ""
    return safe(" ".join(str(item[k]) for k in keys if item.get(k) not in (None, "")))


@dataclass
class Checked:
    """Every item as the row it will be stored as, by table; and every item refused."""

    rows: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    # Items dated after now, by section (written under a clock that was ahead: imported as
    # they are, and named), and the latest such day.
    future: dict[str, int] = field(default_factory=dict)
    latest_future: str = ""
    # Triage results whose saved result was calmer than their answers: re-derived.
    rederived: int = 0

    def note_future(self, section: str, table: Table, row: dict[str, Any], now: datetime) -> None:
        column = table.dated_after(row, now)
        if column is None:
            return
        self.future[section] = self.future.get(section, 0) + 1
        value = row[column]
        day = from_seconds(value).date().isoformat() if isinstance(value, int) else str(value)
        self.latest_future = max(self.latest_future, day)

    @property
    def items(self) -> int:
        return sum(len(rows) for rows in self.rows.values()) + len(self.settings)

    def reject(self, section: str, item: object, summary: str, reason: str) -> None:
        self.rejections.append(Rejection(safe(section, 60), safe(item, 60), summary, reason))


def _check_rows(
    checked: Checked,
    section: str,
    table: str,
    items: Any,
    parse: Callable[[dict[str, Any]], dict[str, Any]] | None,
    summary_keys: tuple[str, ...],
    now: datetime,
    control: Control,
) -> None:
    if not isinstance(items, list):
        checked.reject(section, "-", "", "must be a list")
        return
    declared = TABLES[table]
    good = checked.rows.setdefault(table, [])
    # A table keyed by name (a reminder's kind): two rows for one key would replace each
    # other silently, the last one winning.
    keys = () if declared.integer_id else tuple(c.name for c in declared.columns if c.primary_key)
    first_of: dict[tuple[Any, ...], int] = {}
    for number, item in enumerate(items, start=1):
        control.tick()
        summary = _summary(item, *summary_keys)
        if not isinstance(item, dict):
            checked.reject(section, number, "", "not an object")
            continue
        try:
            row = parse(item) if parse is not None else dict(item)
            if declared.integer_id:
                row.pop("id", None)  # a new id here: the rows join what is stored
            row = declared.clean(row)  # the store's own rules: see Table.dated_after
            if keys:
                key = tuple(row[k] for k in keys)
                if key in first_of:
                    what = ", ".join(f"{k} {v!r}" for k, v in zip(keys, key, strict=True))
                    checked.reject(
                        section,
                        number,
                        summary,
                        f"a second row for {what} (first: #{first_of[key]})",
                    )
                    continue
                first_of[key] = number
            good.append((number, row))
            checked.note_future(section, declared, row, now)
        except RowError as exc:
            checked.reject(section, number, summary, str(exc))
        except (_Bad, ValueError, TypeError, OverflowError) as exc:
            checked.reject(section, number, summary, safe(exc, 300))


def _check_version(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise nothing_imported(f'this is not a LipTwitch export (its "format" is not {FORMAT}).')
    version = data.get("format_version")
    if type(version) is not int or version < 1:
        raise nothing_imported(
            safe(f"the export's format_version {version!r} is not a known version.", 200)
        )
    if version > FORMAT_VERSION:
        raise nothing_imported(
            f"this export was made by a newer LipTwitch (format {version}); update the app."
        )


def _length(value: Any) -> int:
    return len(value) if isinstance(value, list | dict) else 0


def check_import(data: Any, now: datetime, control: Control | None = None) -> Checked:
    """Check everything in an export without writing. Raises ImportRejected for a wrong file."""
    control = control or Control()
    _check_version(data)
    tables = data.get("other_tables", {})
    checked = Checked()
    if not isinstance(tables, dict):
        checked.reject("other_tables", "-", "", "must be an object")
        tables = {}
    control.total = 2 * (
        sum(_length(data.get(section)) for section in (*_SECTIONS, "settings"))
        + sum(_length(rows) for rows in tables.values())
    )
    for section, (table, parse, keys) in _SECTIONS.items():
        _check_rows(checked, section, table, data.get(section, []), parse, keys, now, control)
    days: dict[str, int] = {}
    for number, row in checked.rows.get("checkin", []):
        if row["day"] in days:
            checked.reject(
                "checkins",
                number,
                row["day"],
                f"a second check-in for the same day (first: #{days[row['day']]})",
            )
        days.setdefault(row["day"], number)
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        checked.reject("settings", "-", "", "must be an object")
        settings = {}
    for key, value in settings.items():
        control.tick()
        if key in SPECS and not SPECS[key].importable:
            continue  # this computer's own fact (the magnesium notice was shown here)
        try:
            checked.settings[key] = check_setting(key, value)
        except (SettingError, RecursionError) as exc:
            checked.reject("settings", key, safe(repr(value)), safe(exc, 300))
    for table, rows in tables.items():
        declared = TABLES.get(table)
        if declared is None or declared.export != "rows":
            checked.reject(table, "-", "", "unknown table")
            continue
        _check_rows(checked, table, table, rows, None, (), now, control)
    _triage_from_answers(checked)
    return checked


def _triage_from_answers(checked: Checked) -> None:
    """A triage result from a file is kept only as urgent as its own answers give: one
    calmer than them (face droop "yes", result "self_care") gets the engine's result."""
    rows = checked.rows.get("triage_result")
    if not rows:
        return
    from ..triage_sense import sensible_row

    for n, (number, row) in enumerate(rows):
        row, rederived = sensible_row(row)
        if rederived:
            rows[n] = (number, row)
            checked.rederived += 1
