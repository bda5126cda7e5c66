"""Opening the store at start-up: the connection, and migrations only when they are due.

On a returning user's file the schema is current, and the ORM is not imported before the
first paint; a new file, or one from an older version, is migrated through peewee first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .. import migrations
from . import connection
from .connection import DatabaseDamaged


def open_store(path: Path, before_upgrade: Callable[[int], None] | None = None) -> None:
    """Open the file at `path` with its schema up to date. Raises DatabaseDamaged."""
    conn = connection.open_connection(path)
    try:
        version = connection.schema_version(conn)
    except sqlite3.DatabaseError as exc:
        connection.close_connection()
        raise DatabaseDamaged(path, str(exc)) from exc
    if version != migrations.latest_version():
        from .db import migrate_open_database

        migrate_open_database(before_upgrade)


def read_what_the_window_shows(path: Path, day: date) -> None:
    """The reads the first window makes (the settings, Today, whether there is a triage
    history), made once at start: a damaged page among them raises DatabaseDamaged (the
    file closed) before any window is built on it. Cheap: the window reads the same pages
    a moment later, from the cache."""
    from ...core.days import local_zone
    from ..log_reads import has_triage_history, today_summary
    from ..settings import get_time
    from .storage_errors import is_damage

    try:
        today_summary(day, local_zone(), get_time("day_start"))
        has_triage_history()
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        connection.close_connection()
        raise DatabaseDamaged(path, str(exc)) from exc
