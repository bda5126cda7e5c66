"""Issue 13, items 5 and 6 (the store's side): a restore that is killed at any moment leaves a
complete data file (the old one or the restored one), a newer backup is refused before
anything moves, and a WAL that belongs to another file is never replayed onto this one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.database.connection import DatabaseDamaged
from liptwitch_desktop.store.database.db import close_database, db_proxy, open_database
from liptwitch_desktop.store.entries import add_episode

from ..conftest import TEST_NOW


def make_db(path: Path, marker: str, rows: int = 3) -> None:
    open_database(path)
    for n in range(rows):
        add_episode(Episode(TEST_NOW - timedelta(hours=n + 1), notes=marker))
    close_database()


def markers(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {notes for (notes,) in conn.execute("SELECT notes FROM episode")}
    finally:
        conn.close()


CRASHING_RESTORE = textwrap.dedent(
    """
    import os, shutil, signal, sqlite3, sys
    from pathlib import Path
    when = int(sys.argv[3])
    calls = [0]

    def killing(fn):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if calls[0] == when:
                os.kill(os.getpid(), signal.SIGKILL)  # the power cut, the OOM killer
            return fn(*args, **kwargs)
        return wrapper

    for owner, name in [(os, "replace"), (os, "rename"), (os, "link"), (os, "unlink"),
                        (os, "fsync"), (shutil, "move"), (shutil, "copy2"),
                        (Path, "unlink"), (Path, "rename"), (sqlite3, "connect")]:
        setattr(owner, name, killing(getattr(owner, name)))
    from liptwitch_desktop.store import backup
    backup.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    print("DONE", calls[0], flush=True)
    """
)


def test_a_restore_killed_at_any_step_leaves_a_whole_data_file(tmp_path: Path) -> None:
    finished = False
    for when in range(1, 80):
        folder = tmp_path / f"run{when}"
        db_path = folder / "liptwitch.sqlite3"
        make_db(db_path, "old")
        source = folder / "source.sqlite3"
        make_db(source, "restored", rows=5)
        kept = folder / "backups" / "liptwitch-2026-03-01.sqlite3"
        backup.copy_database(source, kept)
        done = subprocess.run(
            [sys.executable, "-c", CRASHING_RESTORE, str(kept), str(db_path), str(when)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode in (0, -9), done.stderr
        # What the next start finds: a whole data file, the old or the restored one ...
        assert db_path.exists(), f"killed at step {when}: no data file left"
        backup.check_integrity(db_path)
        found = markers(db_path)
        assert found in ({"old"}, {"restored"}), (when, found)
        # ... and the old data is never lost: in place, or kept beside it.
        if found == {"restored"}:
            kept_before = list(folder.glob("liptwitch.sqlite3.before-restore*"))
            assert any(markers(p) == {"old"} for p in kept_before if p.suffix != ".id")
        if done.returncode == 0:
            assert done.stdout.startswith("DONE") and found == {"restored"}
            finished = True
            break
    assert finished, "the restore never got to the end"


def test_a_backup_from_a_newer_schema_is_refused_before_anything_moves(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "liptwitch.sqlite3"
    make_db(db_path, "mine")
    newer = tmp_path / "newer.sqlite3"
    make_db(newer, "theirs")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')")
    conn.commit()
    conn.close()
    before = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(ValueError, match="newer LipTwitch"):  # backup.RestoreRefused
        backup.restore_backup(newer, db_path)
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
    assert markers(db_path) == {"mine"}


CRASHED_WRITER = textwrap.dedent(
    """
    import os, sys
    from datetime import UTC, datetime, timedelta
    from pathlib import Path
    from liptwitch_desktop.core.entries import Episode
    from liptwitch_desktop.store.database.db import open_database
    from liptwitch_desktop.store.entries import add_episode
    open_database(Path(sys.argv[1]))
    for n in range(20):
        add_episode(Episode(datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=n),
                            notes="in the wal"))
    os._exit(0)  # a crash: nothing folded back into the file
    """
)


def _crash_leaving_a_wal(db_path: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASHED_WRITER, str(db_path)], check=True, timeout=60)
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 32


def test_a_crash_leaves_a_wal_that_is_replayed_onto_its_own_file(tmp_path: Path) -> None:
    db_path = tmp_path / "liptwitch.sqlite3"
    make_db(db_path, "before")
    _crash_leaving_a_wal(db_path)
    open_database(db_path)
    count = db_proxy.execute_sql("SELECT COUNT(*) FROM episode WHERE notes = 'in the wal'")
    assert count.fetchone()[0] == 20
    close_database()


@pytest.mark.parametrize("replacement", ["another computer's file", "a backup of this one"])
def test_a_wal_left_beside_a_file_copied_over_by_hand_is_not_replayed(
    tmp_path: Path, replacement: str
) -> None:
    db_path = tmp_path / "data" / "liptwitch.sqlite3"
    make_db(db_path, "before")
    other = tmp_path / "other" / "liptwitch.sqlite3"
    if replacement == "a backup of this one":
        backup.copy_database(db_path, other)
    else:
        make_db(other, "other computer")
    _crash_leaving_a_wal(db_path)
    db_path.write_bytes(other.read_bytes())  # copied over by hand; the old -wal stays
    with pytest.raises(DatabaseDamaged, match="belong to another data file"):
        open_database(db_path)
    # Nothing was replayed onto the copy: it still holds exactly what was copied.
    assert db_path.read_bytes() == other.read_bytes()
