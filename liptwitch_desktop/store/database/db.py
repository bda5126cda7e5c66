"""peewee over the store's one connection: the proxy every model binds to, and migrations.

`connection` opens the file without the ORM (the first paint does not wait for
peewee). The first time a model touches `db_proxy`, the proxy adopts that open connection,
so tests and the app open a file once and every layer reads and writes the same one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import DatabaseProxy, SqliteDatabase

from .. import migrations
from . import connection

# Re-exported: callers that open, check or move files have always found them here.
from .connection import (
    PRAGMAS,
    DatabaseDamaged,
)


class _SharedSqliteDatabase(SqliteDatabase):
    """A peewee database whose first connection is the one `connection` opened.

    On some errors (SQLITE_FULL, an I/O error) SQLite rolls the transaction back itself;
    the ORM's own rollback then fails with "cannot rollback - no transaction is active",
    which would hide the cause ("the disk is full") from the person. Rolling back what is
    already rolled back is skipped here, so the cause is what the caller sees.
    """

    def rollback(self) -> None:
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and not self.connection().in_transaction:
            return None
        return super().execute_sql(sql, params)

    def _connect(self) -> sqlite3.Connection:
        conn = connection.take_raw_connection()
        if conn is None:  # a reconnect after close, or another thread
            # peewee's private hook, absent from its stubs (why peewee is pinned to one major).
            fresh = super()._connect()  # type: ignore[misc]
            assert isinstance(fresh, sqlite3.Connection)
            return fresh
        self._add_conn_hooks(conn)  # type: ignore[attr-defined]  # private as well, same reason
        return conn


class _AdoptingProxy(DatabaseProxy):
    """Binds itself to the open file the first time a model needs it.

    (No `__slots__` here: peewee's Proxy checks attribute names against the class's own.)
    """

    def __getattr__(self, attr: str) -> Any:
        if self.obj is None and connection.open_path() is not None:
            _adopt_open_connection()
        return super().__getattr__(attr)


db_proxy = _AdoptingProxy()


def _adopt_open_connection() -> SqliteDatabase:
    path = connection.open_path()
    if path is None:
        raise RuntimeError("no database is open")
    db = _SharedSqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    db.connect()

    def close() -> None:
        db_proxy.initialize(None)
        if not db.is_closed():
            connection.checkpoint_quietly(db.connection())
            db.close()

    db_proxy.initialize(db)
    connection.adopted_by(db.connection, close)
    return db


def migrate_open_database(before_upgrade: Callable[[int], None] | None = None) -> int:
    """Bring the open file's schema up to date. Returns the version reached."""
    path = connection.open_path()
    db = db_proxy.obj or _adopt_open_connection()
    try:
        return migrations.apply_migrations(db, before_upgrade=before_upgrade)
    except sqlite3.DatabaseError as exc:
        close_database()
        raise DatabaseDamaged(Path(str(path)), str(exc)) from exc


def open_database(
    path: Path,
    before_upgrade: Callable[[int], None] | None = None,
) -> SqliteDatabase:
    """Open (creating if new) the database at `path`, migrate it and bind the models.

    A damaged file raises DatabaseDamaged before anything is written to it.
    """
    connection.open_connection(path)
    migrate_open_database(before_upgrade)
    connection.restrict_files(path)
    db = db_proxy.obj
    assert isinstance(db, SqliteDatabase)  # bound by migrate_open_database
    return db


def close_database() -> None:
    connection.close_connection()
