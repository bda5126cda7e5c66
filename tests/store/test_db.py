import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from liptwitch_desktop.store import backup, migrations
from liptwitch_desktop.store.database.connection import DatabaseDamaged, check_integrity, quarantine
from liptwitch_desktop.store.database.db import close_database, open_database


def test_new_database_is_private_and_at_latest_version(tmp_path):
    path = tmp_path / "d" / "liptwitch.sqlite3"
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.latest_version()
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        close_database()
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_migrations_from_version_1_keep_data_and_back_up_first(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);"
    )
    for statement in migrations.all_migrations()[0].migrate.__globals__["DDL"]:
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, 'then')")
    conn.execute(
        "INSERT INTO episode (started_at, intensity, location) VALUES (1700000000, 6, 'eyelid')"
    )
    conn.commit()
    conn.close()

    backups = []
    db = open_database(path, before_upgrade=lambda v: backups.append(v))
    try:
        assert migrations.current_version(db) == migrations.latest_version()
        row = db.execute_sql("SELECT intensity, location FROM episode").fetchone()
        assert row == (6, "eyelid")
    finally:
        close_database()
    expected = [1] if migrations.latest_version() > 1 else []
    assert backups == expected


def test_newer_schema_is_refused_without_change(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    open_database(path)
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer LipTwitch"):
        open_database(path)
    close_database()


def test_damaged_file_is_reported_and_moved_aside_not_deleted(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseDamaged):
        open_database(path)
    moved = quarantine(path)
    assert not path.exists()
    assert moved.read_bytes().startswith(b"this is not a database")


def test_truncated_database_is_detected(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    db = open_database(path)
    with db.atomic():
        for n in range(2000):
            db.execute_sql(
                "INSERT INTO episode (started_at, intensity, location, notes) "
                "VALUES (?, 5, 'x', ?)",
                (n, "note " * 20),
            )
    close_database()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"\0" * 4096 + data[len(data) // 2 + 4096 :])
    with pytest.raises(DatabaseDamaged):
        check_integrity(path)


def test_daily_backup_prune_and_restore(tmp_path):
    data = tmp_path / "data"
    path = data / "liptwitch.sqlite3"
    bdir = data / "backups"
    db = open_database(path)
    db.execute_sql("INSERT INTO episode (started_at, intensity, location) VALUES (1, 3, 'other')")
    made = backup.daily_backup(path, bdir, date(2026, 3, 1))
    assert made is not None and backup.daily_backup(path, bdir, date(2026, 3, 1)) is None
    for day in range(2, 32):  # a month of daily starts
        backup.daily_backup(path, bdir, date(2026, 3, day))
    kept = backup.list_backups(bdir)
    days = [b.day.day for b in kept]
    assert days[:7] == [31, 30, 29, 28, 27, 26, 25]
    assert len(kept) <= 7 + 5
    assert all(oct(b.path.stat().st_mode & 0o777) == "0o600" for b in kept)

    db.execute_sql("DELETE FROM episode")
    close_database()
    previous = backup.restore_backup(kept[0].path, path)
    assert previous is not None and previous.exists()
    db = open_database(path)
    assert db.execute_sql("SELECT COUNT(*) FROM episode").fetchone()[0] == 1
    close_database()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    open_database(path)
    close_database()
    bad = tmp_path / "backups" / "liptwitch-2026-03-01.sqlite3"
    bad.parent.mkdir()
    bad.write_bytes(b"garbage" * 1000)
    before = path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        backup.restore_backup(bad, path)
    assert path.read_bytes() == before
    assert backup.newest_good_backup(bad.parent) is None


def test_a_restore_that_fails_half_way_puts_the_current_file_back(tmp_path, monkeypatch):
    path = tmp_path / "liptwitch.sqlite3"
    db = open_database(path)
    db.execute_sql("INSERT INTO episode (started_at, intensity, location) VALUES (1, 3, 'other')")
    made = backup.daily_backup(path, tmp_path / "backups", date(2026, 3, 1))
    assert made is not None
    good = made.path
    close_database()
    before = path.read_bytes()

    def disk_full(source, partial):  # type: ignore[no-untyped-def]
        partial.write_bytes(b"half a copy")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_copy_pages", disk_full)
    with pytest.raises(OSError, match="No space"):
        backup.restore_backup(good, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backups",
        "liptwitch.sqlite3",
        "liptwitch.sqlite3.id",
    ]


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from liptwitch_desktop.core.entries import Episode
    from liptwitch_desktop.store.database.db import open_database
    from liptwitch_desktop.store.entries import add_episode
    open_database(Path(sys.argv[1]))
    t = datetime(2026, 1, 1, tzinfo=UTC)
    n = 0
    while True:
        add_episode(Episode(started_at=t + timedelta(seconds=n), intensity=1 + n % 10,
                            duration_s=n, notes="x" * (n % 300)))
        n += 1
        print(n, flush=True)
    """
)


def test_sigkill_during_writes_loses_no_committed_entry(tmp_path):
    path = tmp_path / "liptwitch.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert proc.stdout is not None
    committed = 0
    for line in proc.stdout:
        committed = int(line)
        if committed >= 400:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    check_integrity(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT COUNT(*) FROM episode").fetchone()[0]
    conn.close()
    # Every entry the writer reported as committed is there (it may have written one more).
    assert count >= committed


def test_the_latest_version_constant_names_the_newest_migration_module():
    assert migrations.all_migrations()[-1].version == migrations.LATEST_VERSION
