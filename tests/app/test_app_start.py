import sqlite3
from datetime import date

from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.app.startup import open_store_interactively
from liptwitch_desktop.cli import parse_arguments
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.database.db import close_database, open_database

from ..modal import with_modal


def _good_db_with_one_episode(path):
    open_database(path)
    from liptwitch_desktop.store.database.db import db_proxy

    db_proxy.execute_sql(
        "INSERT INTO episode (started_at, intensity, location) VALUES (1, 4, 'eyelid')"
    )
    close_database()


def _click(label):
    def interact(box):
        assert isinstance(box, QMessageBox)
        interact.text = box.text() + "\n" + box.informativeText()
        next(b for b in box.buttons() if b.text() == label).click()

    interact.text = ""
    return interact


def test_damaged_file_is_moved_aside_and_newest_backup_restored(qapp, tmp_path):
    data = tmp_path / "data"
    db_path = data / "liptwitch.sqlite3"
    _good_db_with_one_episode(db_path)
    backup.daily_backup(db_path, data / "backups", date(2026, 3, 9))
    db_path.write_bytes(b"\x00garbage" * 512)

    click = _click("Restore backup")
    opened = []
    with_modal(
        click,
        lambda: opened.append(open_store_interactively(db_path, data / "backups", "2026-03-10")),
    )
    assert opened == [True]
    assert "could not be read" in click.text and "9 Mar 2026" in click.text
    assert list(data.glob("liptwitch.sqlite3.damaged-*")), "the damaged file must be kept"
    close_database()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM episode").fetchone()[0] == 1
    conn.close()


def test_damaged_file_without_backup_can_start_empty(qapp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db_path = data / "liptwitch.sqlite3"
    db_path.write_bytes(b"not sqlite" * 100)
    click = _click("Start empty")
    opened = []
    with_modal(
        click,
        lambda: opened.append(open_store_interactively(db_path, data / "backups", "2026-03-10")),
    )
    assert opened == [True]
    assert "Restore backup" not in click.text
    # Started: on a fresh, migrated store, with the damaged file kept beside it.
    [kept] = data.glob("liptwitch.sqlite3.damaged-*")
    assert kept.read_bytes() == b"not sqlite" * 100
    close_database()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM episode").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] > 0
    conn.close()


def test_version_and_demo_data_dir_stay_apart(capsys, tmp_path):
    try:
        parse_arguments(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "LipTwitch 0.1.0" in capsys.readouterr().out
    from liptwitch_desktop.platform.datadir import resolve_data_dir

    assert resolve_data_dir(str(tmp_path), demo=True) == tmp_path / "demo"
    assert resolve_data_dir(str(tmp_path), demo=False) == tmp_path


def test_damage_inside_the_file_is_found_after_paint_and_no_backup_is_taken(qapp, tmp_path):
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.app.after_paint import daily_check_and_backup
    from liptwitch_desktop.core.clock import FakeClock
    from liptwitch_desktop.runtime.context import AppContext
    from liptwitch_desktop.runtime.signals import AppSignals
    from liptwitch_desktop.store.database.db import db_proxy

    from ..conftest import TEST_NOW

    data = tmp_path / "data"
    db_path = data / "liptwitch.sqlite3"
    open_database(db_path)
    with db_proxy.atomic():
        for n in range(3000):
            db_proxy.execute_sql(
                "INSERT INTO episode (started_at, intensity, location, notes) "
                "VALUES (?, 5, 'other', ?)",
                (n, "note " * 30),
            )
    close_database()
    raw = bytearray(db_path.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 8192] = b"\xff" * 8192
    db_path.write_bytes(bytes(raw))

    open_database(db_path)  # the quick start-up check passes: header and schema are intact
    ctx = AppContext(FakeClock(TEST_NOW), ZoneInfo("Europe/London"), AppSignals(), data)
    click = _click("Start empty")  # (no backup to offer: review 13, F8 has the restore)
    result = []
    with_modal(click, lambda: result.append(daily_check_and_backup(ctx, None)))
    close_database()
    assert result == [False]
    assert "found damage in your data file" in click.text and "moved aside" in click.text
    assert list(data.glob("liptwitch.sqlite3.damaged-*")), "kept, not deleted"
    assert not (data / "backups").exists() or not list((data / "backups").iterdir())
