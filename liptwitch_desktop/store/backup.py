"""Automatic backups with SQLite's online backup API, and restoring one.

One backup a day at first start; keep the last 7 daily ones plus one a week for a month.
A backup is a complete, consistent SQLite file, readable without the app.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..core.validation import EARLIEST, LATEST
from .database import connection, wal_owner
from .database.atomic import fsync_dir, fsync_file, partial_path, write_atomically

# Re-exported: `liptwitch check` tests the newest backup with them.
from .database.connection import DatabaseDamaged as DatabaseDamaged
from .database.connection import check_integrity as check_integrity
from .database.connection import ensure_private_dir

log = logging.getLogger(__name__)

BACKUP_RE = re.compile(r"^liptwitch-(\d{4}-\d{2}-\d{2})(?:-(pre-v\d+))?\.sqlite3$")
BEFORE_RESTORE = "before-restore"
RESTORING = ".restoring"
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
            # An id of its own: a copy put over the data file by hand is told apart from
            # the file whose WAL may still lie beside it (see wal_owner).
            wal_owner.give_new_id(dst)
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


def _plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def not_backups(backup_dir: Path) -> list[Path]:
    """What has a backup's name but is no plain file (a folder, a link): never listed as a
    backup, never deleted by pruning; `check` names it."""
    if not backup_dir.is_dir():
        return []
    return sorted(p for p in backup_dir.iterdir() if BACKUP_RE.match(p.name) and not _plain_file(p))


def list_backups(backup_dir: Path) -> list[BackupFile]:
    """Backups (plain files with a backup's name and a real day), newest first."""
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
        if not _plain_file(path):
            log.warning("ignoring %s in the backups folder: not a plain file", path.name)
            continue
        found.append(BackupFile(path, day, match[2] or ""))
    found.sort(key=lambda b: (b.day, b.note == ""), reverse=True)
    return found


def dated_ahead(backup: BackupFile, today: date) -> bool:
    """Named for a day after tomorrow: taken under a clock that was ahead (a 2099 glitch).
    Such a backup is kept, but it is never "the newest" and never takes a daily slot."""
    return backup.day > today + timedelta(days=1)


def daily_backup(db_path: Path, backup_dir: Path, today: date) -> BackupFile | None:
    """Take today's backup if there is none yet, then prune. Returns the new backup.

    Under a clock outside the years the store keeps (a flat CMOS battery says 1970) no
    backup is taken: its name would be a wrong day, and nothing is pruned by that clock.
    """
    clean_restore_leftovers(db_path)
    if not db_path.exists():
        return None
    if not EARLIEST.date() <= today < LATEST.date():
        log.warning("no daily backup: the computer's clock says %s", today.isoformat())
        return None
    backups = list_backups(backup_dir)
    existing = {(b.day, b.note) for b in backups}
    previous = next((b.day for b in backups if not b.note and not dated_ahead(b, today)), None)
    made = None
    if (today, "") not in existing:
        target = backup_dir / f"liptwitch-{today.isoformat()}.sqlite3"
        _refuse_a_folder(target)
        copy_database(db_path, target)
        made = BackupFile(target, today)
    # A clock far ahead of the last backup (a glitch, or a long absence) is no measure of
    # the others' age: nothing is pruned by it. The next start, a day after this backup,
    # prunes as usual.
    if previous is None or today - previous <= timedelta(days=KEEP_WEEKLY_DAYS):
        prune(backup_dir, today)
    return made


def _refuse_a_folder(target: Path) -> None:
    """A folder with today's backup's name cannot be replaced: say so (a link is replaced
    by the backup, the file it pointed to left as it was)."""
    if target.is_dir() and not target.is_symlink():
        raise IsADirectoryError(
            errno.EISDIR,
            f"{target.name} in the backups folder is a folder, not a backup; move it away so "
            "that today's backup can be taken",
            str(target),
        )
    if target.is_symlink():
        log.warning("%s was a link, not a backup: today's backup replaces it", target.name)


def backup_before_upgrade(db_path: Path, backup_dir: Path, today: date, to_version: int) -> Path:
    target = backup_dir / f"liptwitch-{today.isoformat()}-pre-v{to_version}.sqlite3"
    copy_database(db_path, target)
    return target


def prune(backup_dir: Path, today: date) -> list[Path]:
    """Keep the 7 newest daily backups and the newest of each week for 35 days.

    Backups named for a day after tomorrow (a clock that was ahead) are kept and counted
    in no slot; folders and links with a backup's name are not backups, and stay.
    """
    daily = [b for b in list_backups(backup_dir) if not b.note and not dated_ahead(b, today)]
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
        if dated_ahead(backup, today):
            continue
        too_old = today - backup.day > timedelta(days=KEEP_WEEKLY_DAYS)
        if (backup.note and too_old) or (not backup.note and backup.path not in keep):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


class RestoreRefused(ValueError):
    """The backup cannot be restored (nothing was changed); the message says why."""


def schema_version_of(path: Path) -> int:
    """The schema version a database file is at (0 for none), read without changing it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.schema_version(conn)
    finally:
        conn.close()


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the file, so the file alone is the whole database."""
    if not db_path.exists():
        return
    conn = sqlite3.connect(db_path)
    try:
        busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise RestoreRefused("the data file is still in use; close LipTwitch's other windows")


def _keep_previous(db_path: Path) -> Path:
    """A second name for the current file (`.before-restore`), made without ever leaving
    the database's own name empty: a hard link where the file system allows, else a copy."""
    target = db_path.with_name(f"{db_path.name}.{BEFORE_RESTORE}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.name}.{BEFORE_RESTORE}-{n}")
        n += 1
    try:
        os.link(db_path, target)
    except OSError:
        shutil.copy2(db_path, target)
        fsync_file(target)
    return target


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace the database with a backup; crash-safe. Returns where the previous file went.

    The caller closes the database first. The backup is refused (RestoreRefused, or
    DatabaseDamaged) before anything is touched when it is damaged or from a newer schema.
    Then: the backup is copied to a temporary file in the same folder and fsynced, the
    current file gets a second name (`.before-restore`, kept for good), and the copy is
    renamed over the database. A kill at any moment leaves a complete database in place,
    the old one or the restored one. The result is checked; if it fails, the old file is
    put back.
    """
    from .migrations import latest_version

    check_integrity(backup)  # refuse a damaged backup before touching anything
    version = schema_version_of(backup)
    if version > latest_version():
        raise RestoreRefused(
            f"this backup was made by a newer LipTwitch (schema {version}); update the app "
            "to restore it"
        )
    if version == 0:
        raise RestoreRefused(
            "this backup holds no LipTwitch data (it is empty, or not a LipTwitch file)"
        )
    temp = db_path.with_name(db_path.name + RESTORING)
    clean_restore_leftovers(db_path)  # what an interrupted restore left
    ensure_private_dir(db_path.parent)
    write_atomically(temp, lambda partial: _copy_pages(backup, partial))
    check_integrity(temp)
    _remove_sides(temp)  # the check's own (empty) -wal and -shm: never beside the data file
    previous = None
    if db_path.exists():
        _checkpoint(db_path)
        previous = _keep_previous(db_path)
    for side in ("-wal", "-shm"):  # empty after the checkpoint; never to meet the new file
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    os.replace(temp, db_path)
    fsync_dir(db_path.parent)
    try:
        check_integrity(db_path)
    except DatabaseDamaged:
        if previous is not None:
            os.replace(previous, db_path)
            fsync_dir(db_path.parent)
        raise
    return previous


def _remove_sides(path: Path) -> None:
    for side in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + side).unlink()


def clean_restore_leftovers(db_path: Path) -> list[Path]:
    """Remove what a restore killed half-way left: the copy being made (`.restoring`, its
    `.partial` and their SQLite side files). Each is only ever a copy of a backup that is
    still in the backups folder; the data file and `.before-restore` are never touched."""
    removed = []
    temp = db_path.with_name(db_path.name + RESTORING)
    for base in (temp, partial_path(temp)):
        for path in (base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal"))):
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
    if removed:
        log.info("removed what an interrupted restore left: %s", ", ".join(p.name for p in removed))
    return removed


def interrupted_restore(db_path: Path) -> Path | None:
    """The copy kept before a restore, when there is no database beside it (a restore by an
    older version, killed half-way, or a file deleted by hand): the one to offer back."""
    if db_path.exists():
        return None
    kept = [
        p
        for p in db_path.parent.glob(f"{db_path.name}.{BEFORE_RESTORE}*")
        if not p.name.endswith(("-wal", "-shm")) and p.is_file()
    ]
    return max(kept, key=lambda p: p.stat().st_mtime) if kept else None


def put_back(previous: Path, db_path: Path) -> None:
    """Make `previous` (and its WAL) the database again."""
    for side in ("-wal", "-shm"):
        source = previous.with_name(previous.name + side)
        if source.exists():
            os.replace(source, db_path.with_name(db_path.name + side))
    os.replace(previous, db_path)
    fsync_dir(db_path.parent)


def why_not_restorable(path: Path) -> str | None:
    """Why this file cannot be restored (damaged, no LipTwitch data in it, from a newer
    version), or None. An empty file passes SQLite's own check: it has no schema."""
    from .migrations import latest_version

    try:
        check_integrity(path)
        version = schema_version_of(path)
    except (DatabaseDamaged, sqlite3.Error) as exc:
        return f"it is damaged ({getattr(exc, 'detail', exc)})"
    if version == 0:
        return "it holds no LipTwitch data (it is empty, or not a LipTwitch file)"
    if version > latest_version():
        return f"it was made by a newer LipTwitch (schema {version}); update the app to restore it"
    return None


def newest_good_backup(backup_dir: Path, today: date | None = None) -> BackupFile | None:
    """The newest backup that can be restored. With `today`, one named for a day after
    tomorrow (a clock that was ahead) is not "the newest": it is offered only if nothing
    dated before it can be."""
    backups = list_backups(backup_dir)
    if today is not None:
        backups = [b for b in backups if not dated_ahead(b, today)] + [
            b for b in backups if dated_ahead(b, today)
        ]
    for backup in backups:
        reason = why_not_restorable(backup.path)
        if reason is None:
            return backup
        log.warning("backup %s not offered: %s", backup.path.name, reason)
    return None
