"""`liptwitch [--data-dir DIR] check`: is this data folder healthy? Read-only.

Says: the data file's integrity (every page read), its schema version, whether a WAL beside
it belongs to it, every stored row against its table's declaration, the backups (how many,
the newest, whether it is sound), and when each reminder is next due. Exit 0 when healthy,
1 with the problems listed, 2 when there is no data to check. Nothing is written: the file
is opened read-only, and no migration runs.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, TextIO

from .data import EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, Subcommands, data_dir_of, say

MAX_ROW_PROBLEMS = 20


@dataclass
class Findings:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.lines.append(text)

    def problem(self, text: str) -> None:
        self.problems.append(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Check the data file, the backups and the reminders (read-only)."


def _settings(conn: sqlite3.Connection) -> dict[str, Any]:
    from ..core.settings_schema import SPECS
    from ..store.setting_rules import check_setting

    values = {key: spec.default for key, spec in SPECS.items()}
    for key, raw in conn.execute("SELECT key, value FROM setting"):
        try:
            values[key] = check_setting(key, json.loads(raw))
        except (ValueError, TypeError, RecursionError):
            continue
    return values


def _check_rows(conn: sqlite3.Connection, now: datetime, found: Findings) -> None:
    from ..store.tables import TABLES, RowError

    shown = 0
    for name, table in TABLES.items():
        columns = ", ".join(f'"{c}"' for c in table.names)
        key = "rowid"
        for row in conn.execute(f'SELECT {key}, {columns} FROM "{name}"'):
            values = dict(zip(table.names, row[1:], strict=True))
            try:
                table.clean(values)
            except RowError as exc:
                if shown < MAX_ROW_PROBLEMS:
                    found.problem(f"{name} row {row[0]}: {exc}")
                shown += 1
    if shown > MAX_ROW_PROBLEMS:
        found.problem(f"...and {shown - MAX_ROW_PROBLEMS} more rows the app cannot use")
    _future(conn, now, found)
    _triage_sense(conn, found)


def _triage_sense(conn: sqlite3.Connection, found: Findings) -> None:
    """A saved triage result calmer than its own answers (see store/triage_sense)."""
    from ..core.triage.result import TriageResult
    from ..store.triage_sense import more_urgent_result

    rows = conn.execute("SELECT id, answers_json, result_json FROM triage_result")
    for row_id, answers_json, result_json in rows:
        try:
            saved = TriageResult.from_json(json.loads(result_json))
        except (ValueError, TypeError, KeyError, RecursionError):
            continue  # named among the rows the app cannot use
        derived = more_urgent_result(answers_json, saved)
        if derived is not None:
            found.problem(
                f"triage_result row {row_id}: saved as {saved.urgency.value}, but its answers "
                f"give {derived.urgency.value}; the history shows the result for the answers"
            )


def _future(conn: sqlite3.Connection, now: datetime, found: Findings) -> None:
    """Rows dated after now: written under a clock that was ahead. Entries are for the
    person to correct; firings the reminders ignore."""
    from ..store.future_rows import BOOKKEEPING, describe, future_rows

    for rows in future_rows(conn.execute, now):
        if rows.table in BOOKKEEPING:
            found.note(f"{describe(rows)}: recorded under a wrong clock; the reminders ignore it")
        else:
            found.problem(
                f"{describe(rows)}: logged under a computer clock that was ahead? Correct or "
                "delete them in the Log"
            )


def _reminders(conn: sqlite3.Connection, now: datetime, zone: tzinfo, found: Findings) -> None:
    from ..core.schedule.due import next_fire
    from ..core.schedule.specs import (
        QuietHours,
        ReminderKind,
        ReminderPolicy,
        ReminderSpec,
        sane_policy,
        with_cutoff,
    )
    from ..core.settings_schema import parse_time
    from ..store.setting_rules import stored_instant
    from ..store.tables import REMINDER_SETTING, spec_from_row

    settings = _settings(conn)
    quiet = None
    if settings["reminders_quiet_enabled"]:
        quiet = QuietHours(
            parse_time(settings["reminders_quiet_start"]),
            parse_time(settings["reminders_quiet_end"]),
        )
    # As the service reads it: a value the rule refuses was left out by _settings (and is
    # named among the rows the app cannot use), so this cannot fail.
    paused = stored_instant(settings["reminders_paused_until"])
    policy = sane_policy(ReminderPolicy(quiet, paused), now)
    specs: dict[ReminderKind, ReminderSpec] = {}
    columns = ", ".join(f'"{c}"' for c in REMINDER_SETTING.names)
    for row in conn.execute(f"SELECT {columns} FROM reminder_setting"):
        raw = dict(zip(REMINDER_SETTING.names, row, strict=True))
        try:
            specs[ReminderKind(raw["kind"])] = spec_from_row(REMINDER_SETTING.clean(raw))
        except ValueError:
            continue  # named among the rows the app cannot use
    cutoff = ReminderKind.CAFFEINE_CUTOFF
    if cutoff in specs:
        specs[cutoff] = replace(specs[cutoff], times=(parse_time(settings["caffeine_cutoff"]),))
        last = ReminderKind.CAFFEINE_LAST_CALL
        if last in specs:
            specs[last] = with_cutoff(specs[last], specs[cutoff])
    for kind in ReminderKind:
        spec = specs.get(kind)
        if spec is None:
            found.note(f"  {kind.value}: unreadable (the app uses its default)")
        elif not spec.enabled:
            found.note(f"  {kind.value}: off")
        else:
            due = next_fire(spec, policy, zone, now)
            if due is None:
                found.note(f"  {kind.value}: on, but nothing is due (no day or plan to fire on)")
            else:
                found.note(f"  {kind.value}: next {due.astimezone(zone):%Y-%m-%d %H:%M %Z}")


def _backups(data_dir: Path, today: date, found: Findings) -> None:
    """The backups as the app's recovery sees them: the newest is the newest not named for
    a day ahead (a clock that was ahead), and it must hold LipTwitch data."""
    from ..store import backup

    folder = data_dir / "backups"
    for odd in backup.not_backups(folder):
        found.problem(f"{odd} has a backup's name but is not a file; move it away")
    kept = backup.list_backups(folder)
    if not kept:
        found.note("Backups: none yet (one is taken each day the app starts)")
        return
    ahead = [b for b in kept if backup.dated_ahead(b, today)]
    usable = [b for b in kept if not backup.dated_ahead(b, today)]
    for b in ahead:
        found.note(f"{b.path.name} is named for a day ahead (a wrong clock): never offered first")
    if not usable:
        found.problem(f"Backups: {len(kept)}, all named for days after today (a wrong clock?)")
        return
    newest = usable[0]
    found.note(f"Backups: {len(kept)}, the newest from {newest.day.isoformat()} ({newest.path})")
    reason = backup.why_not_restorable(newest.path)
    if reason is not None:
        good = backup.newest_good_backup(folder, today)
        offered = f"; the app would offer {good.path.name}" if good is not None else ""
        found.problem(f"the newest backup cannot be restored: {reason}{offered}")


def check(data_dir: Path, now: datetime, zone: tzinfo) -> Findings:
    from ..store.database import wal_owner
    from ..store.database.connection import (
        DB_FILENAME,
        DatabaseDamaged,
        NotOurFile,
        check_integrity,
        refuse_odd_files,
        schema_version,
    )
    from ..store.migrations import latest_version

    found = Findings()
    db_path = data_dir / DB_FILENAME
    found.note(f"Data file: {db_path}")
    try:
        refuse_odd_files(db_path)
    except NotOurFile as exc:
        found.problem(exc.strerror or str(exc))
        return found
    id_problem = wal_owner.id_problem(db_path)
    if id_problem is not None:
        found.problem(id_problem)
    mismatch = wal_owner.wal_mismatch(db_path)
    if mismatch is not None:
        found.problem(f"the data file cannot be trusted: {mismatch}")
        return found
    try:
        check_integrity(db_path, thorough=True)
        found.note("Integrity: ok (every page read)")
    except DatabaseDamaged as exc:
        found.problem(f"the data file is damaged: {exc.detail}")
        return found
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        version = schema_version(conn)
        found.note(f"Schema version: {version} (this LipTwitch: {latest_version()})")
        if version > latest_version():
            found.problem(f"the data file is from a newer LipTwitch (schema {version})")
        elif version == latest_version():
            _check_rows(conn, now, found)
            _backups(data_dir, now.astimezone(zone).date(), found)
            found.note("Reminders:")
            _reminders(conn, now, zone, found)
        else:
            found.note("(an older schema: the app upgrades it, with a backup first, at start)")
            _backups(data_dir, now.astimezone(zone).date(), found)
    finally:
        conn.close()
    return found


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from ..core.clock import SystemClock
    from ..core.days import local_zone
    from ..store.database.connection import DB_FILENAME

    out = out or sys.stdout
    data_dir = data_dir_of(args)
    if not (data_dir / DB_FILENAME).exists():
        say("check", f"no LipTwitch data in {data_dir}")
        return EXIT_REFUSED
    found = check(data_dir, SystemClock().now(), local_zone())
    for line in found.lines:
        print(line, file=out)
    if found.problems:
        print(f"Problems found ({len(found.problems)}):", file=out)
        for problem in found.problems:
            print(f"  - {problem}", file=out)
        return EXIT_PROBLEMS
    print("Healthy.", file=out)
    return EXIT_OK


def register(subcommands: Subcommands) -> None:
    subcommands["check"] = (add_arguments, run_check)
