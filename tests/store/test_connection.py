"""One connection for the whole store: opened without the ORM, adopted by it on first use."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store import log_reads
from liptwitch_desktop.store.database import connection
from liptwitch_desktop.store.database.db import close_database, db_proxy, open_database
from liptwitch_desktop.store.database.opening import open_store

from ..conftest import TEST_NOW


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "liptwitch.sqlite3"


def test_reads_work_before_the_orm_and_writes_then_share_the_connection(path: Path) -> None:
    open_database(path)  # a file at the current schema
    close_database()
    open_store(path)  # what the app does before its first paint
    try:
        raw = connection.connection()
        assert db_proxy.obj is None, "a current file needs no ORM to open"
        assert log_reads.running_episode() is None
        from liptwitch_desktop.store.entries import add_episode

        saved = add_episode(Episode(TEST_NOW - timedelta(minutes=3), intensity=5))
        assert db_proxy.obj is not None  # the first write adopted the open connection
        assert db_proxy.connection() is raw, "one connection, not two"
        assert connection.connection() is raw
        assert log_reads.get_episode(saved.id or 0) == saved
    finally:
        close_database()
    assert db_proxy.obj is None
    assert not path.with_name(path.name + "-wal").exists()  # checkpointed on close
    with pytest.raises(RuntimeError):
        connection.connection()


def test_a_new_file_is_migrated_and_an_old_one_backed_up_first(path: Path) -> None:
    from liptwitch_desktop.store import migrations

    open_store(path)
    try:
        assert connection.schema_version(connection.connection()) == migrations.latest_version()
    finally:
        close_database()
    # Pretend the file is one version behind: open_store must upgrade it, backup first.
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = ?", (migrations.latest_version(),))
    conn.close()
    asked: list[int] = []
    # Re-running the last migration's DDL may fail loudly (version 5 rebuilds its table, so
    # it runs twice without harm)...
    try:
        open_store(path, before_upgrade=asked.append)
    except Exception as exc:
        assert "already exists" in str(exc)
    assert asked == [migrations.latest_version() - 1]  # ...but only after the backup hook
    close_database()


def test_reopening_closes_the_previous_file(path: Path, tmp_path: Path) -> None:
    open_database(path)
    other = tmp_path / "other" / "liptwitch.sqlite3"
    open_database(other)
    try:
        assert connection.open_path() == other
        assert Path(db_proxy.database) == other
    finally:
        close_database()
