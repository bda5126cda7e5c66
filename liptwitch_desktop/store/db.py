"""Opening the database: pragmas, permissions, integrity check, migrations.

`db_proxy` is what every model binds to; `open_database` initialises it, so tests give each
test a fresh file and the app a real one, with nothing else changing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

from . import migrations

db_proxy = DatabaseProxy()

DB_FILENAME = "liptwitch.sqlite3"
PRAGMAS = {
    "journal_mode": "wal",
    # NORMAL in WAL mode loses nothing committed when the app is killed; only a power cut
    # may drop the last transactions, and it never corrupts the file.
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
}


class DatabaseDamaged(Exception):
    """The file exists but SQLite cannot read it as a sound database."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.detail = detail


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and parents) readable by this user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def _restrict_files(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def check_integrity(path: Path, thorough: bool = True) -> None:
    """Raise DatabaseDamaged unless SQLite reads the file as a sound database.

    `thorough` runs `PRAGMA quick_check`, which reads every page: right before a backup or a
    restore, too slow for start-up on years of data. The quick form reads the header and the
    schema, which is where a file that is not (or no longer) a database fails.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if thorough:
                result = conn.execute("PRAGMA quick_check").fetchone()
            else:
                conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
                result = ("ok",)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(path, str(exc)) from exc
    if not result or result[0] != "ok":
        raise DatabaseDamaged(path, str(result[0] if result else "no answer"))


def open_database(
    path: Path,
    before_upgrade: Callable[[int], None] | None = None,
) -> SqliteDatabase:
    """Open (creating if new) the database at `path`, migrate it and bind the models.

    A damaged file raises DatabaseDamaged before anything is written to it.
    """
    ensure_private_dir(path.parent)
    if path.exists() and path.stat().st_size > 0:
        check_integrity(path, thorough=False)
    old_umask = os.umask(0o077)
    try:
        db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
        try:
            db.connect()
            migrations.apply_migrations(db, before_upgrade=before_upgrade)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise DatabaseDamaged(path, str(exc)) from exc
    finally:
        os.umask(old_umask)
    _restrict_files(path)
    db_proxy.initialize(db)
    return db


def close_database() -> None:
    db = db_proxy.obj
    if db is not None and not db.is_closed():
        # A checkpoint folds the WAL back, so the file alone is a complete copy.
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()


def move_aside(path: Path, label: str) -> Path:
    """Rename a database (and its WAL/SHM) to `<name>.<label>`, never overwriting or deleting
    anything: a numbered name is used if that one is taken. Returns the new path."""
    target = path.with_name(f"{path.name}.{label}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{n}")
        n += 1
    shutil.move(str(path), str(target))
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(str(side), str(target) + suffix)
    return target


def quarantine(path: Path) -> Path:
    """Move a damaged file aside, never deleting it. Returns the new path."""
    return move_aside(path, "damaged-" + datetime.now(UTC).strftime("%Y%m%d-%H%M%S"))
