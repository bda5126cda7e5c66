"""Which database file a write-ahead log belongs to.

A `-wal` file holds transactions not yet folded into the database; SQLite replays it onto
whatever file sits beside it, and nothing in the WAL says which file it was written for. So
a data file copied over by hand after a crash (a backup, a copy from another computer) would
silently get the old file's last transactions written into it. Each database carries a
random id in its header (`PRAGMA user_version`, unused otherwise), recorded beside it in
`<name>.id` when it is opened; a start that finds a WAL with transactions in it and a file
whose id is not the recorded one treats the file as damaged (moved aside, and said so),
before SQLite can replay anything. Backups get an id of their own, so a backup copied over
the file is told apart too.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

log = logging.getLogger(__name__)

ID_SUFFIX = ".id"
_WAL_HEADER_BYTES = 32  # a WAL with no frames after its header holds nothing to replay


def id_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ID_SUFFIX)


def file_id(db_path: Path) -> int:
    """The id in the file's own header (bytes 60-63), as the file holds it (not the WAL)."""
    try:
        with db_path.open("rb") as fh:
            fh.seek(60)
            raw = fh.read(4)
    except OSError:
        return 0
    return int.from_bytes(raw, "big", signed=True) if len(raw) == 4 else 0


def recorded_id(db_path: Path) -> int | None:
    try:
        # Bytes, not read_text("ascii"): the ascii codec is a module of its own to import
        # (~0.7 ms), and every start reads this before its first paint.
        return int(id_path(db_path).read_bytes().strip())
    except (OSError, ValueError):
        return None


def wal_mismatch(db_path: Path) -> str | None:
    """Why the WAL beside `db_path` must not be replayed onto it, or None."""
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        if wal.stat().st_size <= _WAL_HEADER_BYTES:
            return None
    except OSError:
        return None
    recorded = recorded_id(db_path)
    if recorded is None:  # a file from before ids were recorded: nothing to go by
        return None
    if file_id(db_path) != recorded:
        return (
            "its unsaved changes (the -wal file) belong to another data file; the file may "
            "have been replaced by hand"
        )
    return None


def new_id() -> int:
    """A random id above 0 (from os.urandom: `secrets` would pull hashlib into start-up)."""
    return (int.from_bytes(os.urandom(4), "big") & 0x7FFFFFFF) or 1


def give_new_id(conn: sqlite3.Connection) -> int:
    """A fresh id in this database's header (a backup, a restored copy)."""
    ident = new_id()
    conn.execute(f"PRAGMA user_version = {ident}")
    return ident


def claim(conn: sqlite3.Connection, db_path: Path) -> None:
    """After opening: make sure the file has an id in its header, and record it beside it."""
    ident = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if ident == 0:
        ident = give_new_id(conn)
        # Into the file itself now: the id is read from the file's header, not the WAL.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    if recorded_id(db_path) != ident:
        from .atomic import write_atomically

        old_umask = os.umask(0o077)
        try:
            write_atomically(id_path(db_path), lambda p: p.write_bytes(f"{ident}\n".encode()))
        except OSError as exc:
            # A folder with the id's name, a full disk: the data file opens all the same,
            # without the check on a WAL from another file (`check` names why).
            log.warning("cannot record the data file's id in %s: %s", id_path(db_path), exc)
        finally:
            os.umask(old_umask)


def id_problem(db_path: Path) -> str | None:
    """Why the id beside the data file cannot be kept, or None (for `check`)."""
    path = id_path(db_path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return (
            f"{path.name} is not a file, so a -wal file from another data file would not be "
            "noticed; move it away"
        )
    return None
