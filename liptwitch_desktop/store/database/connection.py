"""The one SQLite connection, opened with the standard library alone.

Opening the file, checking it and reading what the first window shows need no ORM, and
importing peewee costs ~40 ms that the first paint does not wait for. `db` adopts
this same connection the first time a model is used, so there is one connection, one
transaction state and one truth whichever layer asks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

DB_FILENAME = "liptwitch.sqlite3"
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite keeps beside the data file
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


class NotOurFile(OSError):
    """Something with the name of the data file or one of SQLite's files beside it that is
    no plain file (a folder, a link, a pipe): nothing is opened, moved or changed."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            errno.EEXIST,
            f"{path.name} in {path.parent} is {what}, not LipTwitch's; move it away, then "
            "start again",
            str(path),
        )
        self.path = path


def _kind_of(info: os.stat_result) -> str:
    if stat.S_ISDIR(info.st_mode):
        return "a folder"
    if stat.S_ISLNK(info.st_mode):
        return "a link"
    return "not a plain file"


def refuse_odd_files(path: Path) -> None:
    """NotOurFile when the data file or its -wal, -shm or -journal is there but is no
    plain file. SQLite would fail on it and the file would look damaged (a healthy data
    file moved aside for a folder named -wal), or hang (a pipe)."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(info.st_mode):
            raise NotOurFile(candidate, _kind_of(info))


def unwritable_file(path: Path) -> tuple[Path, OSError] | None:
    """The first of the data file and its -wal and -shm that exists and cannot be opened
    for writing (a file left by `sudo liptwitch`, restored read-only, on a read-only disk),
    with why; None when all can. Nothing is written: each is opened and closed again."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            if not stat.S_ISREG(os.lstat(candidate).st_mode):
                continue  # not a file at all: refuse_odd_files says so
            fd = os.open(candidate, os.O_RDWR | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except FileNotFoundError:
            continue
        except OSError as exc:
            return candidate, exc
        os.close(fd)
    return None


class _State:
    """The open file: the connection until the ORM adopts it, then the ORM's own."""

    path: Path | None = None
    raw: sqlite3.Connection | None = None
    # Set by db.py once peewee has adopted the connection: where to get it and how to
    # close it, so this module never imports peewee.
    provider: Callable[[], sqlite3.Connection] | None = None
    closer: Callable[[], None] | None = None


_state = _State()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder (and parents) readable by this user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def restrict_files(path: Path) -> None:
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


def apply_pragmas(conn: sqlite3.Connection) -> None:
    for name, value in PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}").fetchall()


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if new) the file at `path`, private to this user, with our pragmas.

    Closes whatever was open before. A damaged file raises DatabaseDamaged before anything
    is written to it.
    """
    from . import wal_owner

    close_connection()
    ensure_private_dir(path.parent)
    refuse_odd_files(path)
    mismatch = wal_owner.wal_mismatch(path)  # before SQLite replays anything
    if mismatch is not None:
        raise DatabaseDamaged(path, mismatch)
    if path.exists() and path.stat().st_size > 0:
        check_integrity(path, thorough=False)
    old_umask = os.umask(0o077)
    try:
        # Autocommit, as peewee opens it: transactions are explicit, one per user action.
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            apply_pragmas(conn)
            wal_owner.claim(conn, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseDamaged(path, str(exc)) from exc
    finally:
        os.umask(old_umask)
    restrict_files(path)
    _state.path, _state.raw = path, conn
    return conn


def open_path() -> Path | None:
    """The file open now, or None."""
    return _state.path


def take_raw_connection() -> sqlite3.Connection | None:
    """Hand the connection opened here to the ORM (once); None if there is none to hand."""
    conn, _state.raw = _state.raw, None
    return conn


def adopted_by(provider: Callable[[], sqlite3.Connection], closer: Callable[[], None]) -> None:
    """The ORM now owns the connection: reads go through `provider`, closing through `closer`."""
    _state.provider, _state.closer = provider, closer


def connection() -> sqlite3.Connection:
    """The live connection, for reads in plain SQL (see store.log_reads)."""
    if _state.provider is not None:
        return _state.provider()
    if _state.raw is not None:
        return _state.raw
    raise RuntimeError("no database is open")


def schema_version(conn: sqlite3.Connection) -> int:
    """The version the file's schema is at: 0 for a new, empty file."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def close_connection() -> None:
    """Fold the WAL back into the file and close, so the file alone is a complete copy."""
    closer, raw = _state.closer, _state.raw
    _state.path, _state.raw, _state.provider, _state.closer = None, None, None, None
    if closer is not None:
        closer()
    if raw is not None:
        checkpoint_quietly(raw)
        raw.close()


def checkpoint_quietly(conn: sqlite3.Connection) -> None:
    """Fold the WAL into the file now, if SQLite can. When it cannot (a read still open after
    an error, a full disk), closing the connection still does it, so closing goes on."""
    with contextlib.suppress(sqlite3.Error):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


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
