"""What went wrong when the disk or the data file refused something, in words.

SQLite and the OS report a refused write in many ways: SQLITE_FULL, a read-only file
(SQLITE_READONLY), a folder that cannot be written (SQLITE_CANTOPEN, EACCES), ENOSPC from a
backup. Worse, the first disk-full error inside a transaction reaches the caller as "cannot
rollback - no transaction is active" (SQLite rolled back on its own; the ORM's rollback then
fails), which hides the cause. `classify` walks the whole exception chain for the cause;
`describe` says it the way a person understands it.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from enum import StrEnum


class Problem(StrEnum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    NO_PERMISSION = "no_permission"
    LOCKED = "locked"
    IO = "io"


_SQLITE_NAMES = {
    "SQLITE_FULL": Problem.DISK_FULL,
    "SQLITE_READONLY": Problem.READ_ONLY,
    "SQLITE_CANTOPEN": Problem.NO_PERMISSION,
    "SQLITE_PERM": Problem.NO_PERMISSION,
    "SQLITE_BUSY": Problem.LOCKED,
    "SQLITE_LOCKED": Problem.LOCKED,
    "SQLITE_IOERR": Problem.IO,
}
_SQLITE_TEXTS = (
    ("disk is full", Problem.DISK_FULL),
    ("readonly database", Problem.READ_ONLY),
    ("read-only", Problem.READ_ONLY),
    ("unable to open database file", Problem.NO_PERMISSION),
    ("database is locked", Problem.LOCKED),
    ("disk i/o error", Problem.IO),
)
_ERRNOS = {
    errno.ENOSPC: Problem.DISK_FULL,
    errno.EDQUOT: Problem.DISK_FULL,
    errno.EROFS: Problem.READ_ONLY,
    errno.EACCES: Problem.NO_PERMISSION,
    errno.EPERM: Problem.NO_PERMISSION,
}

MESSAGES = {
    Problem.DISK_FULL: "the disk is full",
    Problem.READ_ONLY: "the data file or its disk is read-only",
    Problem.NO_PERMISSION: "this user may not write there",
    Problem.LOCKED: "another program is using the data file",
    Problem.IO: "the disk reported an error",
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [a for a in current.args if isinstance(a, BaseException)]  # peewee wraps so


def _one(exc: BaseException) -> Problem | None:
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, problem in _SQLITE_NAMES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return problem
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return _ERRNOS[exc.errno]
    if isinstance(exc, sqlite3.Error) or type(exc).__module__ == "peewee":
        text = str(exc).lower()
        for fragment, problem in _SQLITE_TEXTS:
            if fragment in text:
                return problem
    return None


def classify(exc: BaseException) -> Problem | None:
    """The storage problem behind `exc` (looking through its causes), or None."""
    found = [p for p in (_one(e) for e in _chain(exc)) if p is not None]
    # A full disk explains a read-only or I/O error that follows it, not the other way round.
    for problem in (Problem.DISK_FULL, Problem.READ_ONLY, Problem.NO_PERMISSION, Problem.LOCKED):
        if problem in found:
            return problem
    return found[0] if found else None


def is_storage_error(exc: BaseException) -> bool:
    return classify(exc) is not None


def describe(exc: BaseException) -> str:
    """A short reason for a person: "the disk is full", or the error's own words."""
    problem = classify(exc)
    if problem is not None:
        return MESSAGES[problem]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


# SQLite's words for a file whose pages do not hold a database any more.
_DAMAGE_NAMES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_DAMAGE_TEXTS = ("database disk image is malformed", "file is not a database")


def is_damage(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the data file is damaged: a read that met a
    page which is not what it should be. Not a storage refusal: nothing is wrong with the
    disk, and writing again will not help."""
    for current in _chain(exc):
        if type(current).__name__ == "DatabaseDamaged":
            return True
        name = getattr(current, "sqlite_errorname", "") or ""
        if any(name == n or name.startswith(n + "_") for n in _DAMAGE_NAMES):
            return True
        sqlite_error = isinstance(current, sqlite3.DatabaseError)
        if (sqlite_error or type(current).__module__ == "peewee") and any(
            text in str(current).lower() for text in _DAMAGE_TEXTS
        ):
            return True
    return False
