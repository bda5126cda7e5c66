"""Automatic backups with SQLite's online backup API, and restoring one.

One backup a day at first start; keep the last 7 daily ones plus one a week for a month.
A backup is a complete, consistent SQLite file, readable without the app.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .atomic import write_atomically
from .connection import DatabaseDamaged, check_integrity, ensure_private_dir, move_aside

log = logging.getLogger(__name__)

BACKUP_RE = re.compile(r"^liptwitch-(\d{4}-\d{2}-\d{2})(?:-(pre-v\d+))?\.sqlite3$")
KEEP_DAILY = 7
KEEP_WEEKLY_DAYS = 35


@dataclass(frozen=True)
class BackupFile:
    path: Path
    day: date
    note: str = ""  # e.g. "pre-v2": taken before a schema upgrade


def _copy_pages(source: Path, partial: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (WAL included) through the backup API.

    Written beside the target, fsynced and renamed over it: a half-written backup never
    looks complete, and one that fails (a full disk) leaves nothing behind.
    """
    ensure_private_dir(target.parent)
    write_atomically(target, lambda partial: _copy_pages(source, partial))


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """Backups, newest first."""
    if not backup_dir.is_dir():
        return []
    found = []
    for path in backup_dir.iterdir():
        match = BACKUP_RE.match(path.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match[1])
        except ValueError:  # liptwitch-2026-13-45.sqlite3: not ours, whatever made it
            log.info("ignoring %s in the backups folder: not a backup's name", path.name)
            continue
        found.append(BackupFile(path, day, match[2] or ""))
    found.sort(key=lambda b: (b.day, b.note == ""), reverse=True)
    return found


def daily_backup(db_path: Path, backup_dir: Path, today: date) -> BackupFile | None:
    """Take today's backup if there is none yet, then prune. Returns the new backup."""
    if not db_path.exists():
        return None
    existing = {(b.day, b.note) for b in list_backups(backup_dir)}
    made = None
    if (today, "") not in existing:
        target = backup_dir / f"liptwitch-{today.isoformat()}.sqlite3"
        copy_database(db_path, target)
        made = BackupFile(target, today)
    prune(backup_dir, today)
    return made


def backup_before_upgrade(db_path: Path, backup_dir: Path, today: date, to_version: int) -> Path:
    target = backup_dir / f"liptwitch-{today.isoformat()}-pre-v{to_version}.sqlite3"
    copy_database(db_path, target)
    return target


def prune(backup_dir: Path, today: date) -> list[Path]:
    """Keep the 7 newest daily backups and the newest of each week for 35 days."""
    daily = [b for b in list_backups(backup_dir) if not b.note]
    keep = {b.path for b in daily[:KEEP_DAILY]}
    weeks_kept: set[tuple[int, int]] = set()
    for backup in daily:  # newest first: the first seen in a week is that week's newest
        week = backup.day.isocalendar()[:2]
        if today - backup.day <= timedelta(days=KEEP_WEEKLY_DAYS) and week not in weeks_kept:
            weeks_kept.add(week)
            keep.add(backup.path)
    # Pre-upgrade backups are kept for the same month as the weekly ones.
    removed = []
    for backup in list_backups(backup_dir):
        too_old = today - backup.day > timedelta(days=KEEP_WEEKLY_DAYS)
        if (backup.note and too_old) or (not backup.note and backup.path not in keep):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace the database with a backup. The current file is moved aside, never deleted.

    The caller closes the database first. Returns where the previous file went.
    """
    check_integrity(backup)  # refuse a damaged backup before touching anything
    previous = move_aside(db_path, "before-restore") if db_path.exists() else None
    try:
        copy_database(backup, db_path)
    except BaseException:
        # A restore that fails (a full disk) changes nothing: our half copy goes, and the
        # person's own file comes back to its place.
        for suffix in ("", "-wal", "-shm", ".partial"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        if previous is not None:
            for suffix in ("", "-wal", "-shm"):
                side = previous.with_name(previous.name + suffix)
                if side.exists():
                    side.rename(db_path.with_name(db_path.name + suffix))
        raise
    return previous


def newest_good_backup(backup_dir: Path) -> BackupFile | None:
    for backup in list_backups(backup_dir):
        try:
            check_integrity(backup.path)
        except DatabaseDamaged:
            continue
        return backup
    return None
