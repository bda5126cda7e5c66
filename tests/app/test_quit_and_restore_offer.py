"""Issue 13, items 5 and 6 (the app's side): a start that finds only the copy kept before a
restore offers it back; SIGTERM and SIGINT quit cleanly (exit 0, the WAL folded into the
file, a running episode still running)."""

from __future__ import annotations

import signal
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.app.startup import open_store_interactively
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode
from tests.app_process import AppProcess, app_env

from ..modal import with_modal


def test_a_start_with_only_the_copy_kept_before_a_restore_offers_it_back(
    qapp: object, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    db_path = data / "liptwitch.sqlite3"
    open_database(db_path)
    add_episode(Episode(datetime(2026, 3, 1, 9, tzinfo=UTC), notes="my whole history"))
    close_database()
    # What an older version's restore left when it was killed half-way.
    db_path.rename(data / "liptwitch.sqlite3.before-restore")
    seen: dict[str, str] = {}

    def put_back(box: object) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text() + "\n" + box.informativeText()
        next(b for b in box.buttons() if b.text() == "Put it back").click()

    opened: list[bool] = []
    shown = with_modal(
        put_back,
        lambda: opened.append(open_store_interactively(db_path, data / "backups", "2026-03-10")),
    )
    close_database()
    assert shown == ["QMessageBox"], "an empty log was opened without a word"
    assert opened == [True]
    assert "missing" in seen["text"] and "before-restore" in seen["text"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT notes FROM episode").fetchall() == [("my whole history",)]
    conn.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_quits_cleanly(tmp_path: Path, signum: int) -> None:
    data = tmp_path / "data"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    db_path = data / "liptwitch.sqlite3"
    open_database(db_path)
    add_episode(Episode(datetime.now(UTC) - timedelta(minutes=3)))  # twitching right now
    close_database()
    with AppProcess(data, app_env(tmp_path / "home", runtime)).start() as app:
        app.wait_log('Added job "checkin"')
        assert app.proc is not None
        app.proc.send_signal(signum)
        app.proc.wait(timeout=30)
        code, _out, err = app.stop()
    assert code == 0, err
    wal = data / "liptwitch.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL was left live"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT duration_s FROM episode").fetchall() == [(None,)]
    conn.close()
    assert f"quitting on {signal.Signals(signum).name}" in app.new_log()


def test_sigterm_while_a_question_is_open_before_the_window_quits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "liptwitch.sqlite3").write_bytes(b"not a database" * 100)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    import time

    with AppProcess(data, app_env(tmp_path / "home", runtime)).start() as app:
        deadline = time.monotonic() + 30  # moved aside just before the question is shown
        while not list(data.glob("liptwitch.sqlite3.damaged-*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the question is on screen now
        assert app.proc is not None
        app.proc.send_signal(signal.SIGTERM)
        app.proc.wait(timeout=15)
        code, _out, err = app.stop()
    assert code == 0, err
    assert list(data.glob("liptwitch.sqlite3.damaged-*")), "the file was moved aside, kept"
