"""Issue 13, item 3: each step after the first paint runs on its own. A failure is logged and
shown once in a banner; the tray, the reminders and the single-instance listener still start.
"""

from __future__ import annotations

import errno
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.store import backup
from tests.app_process import AppProcess, app_env


def test_a_garbage_backup_name_stops_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = app_env(tmp_path / "home", runtime)
    with AppProcess(data, env).start() as first:
        first.wait_log('Added job "checkin"')
    (data / "backups" / "liptwitch-2026-13-45.sqlite3").write_bytes(b"not mine")
    with AppProcess(data, env).start() as app:
        app.wait_log('Added job "checkin"')  # the reminders started ...
        second = app.second_start()  # ... and the single-instance listener
        assert "brought to the front" in second.stdout, second.stdout + second.stderr
        assert "Traceback" not in app.new_log()
    assert (data / "backups" / "liptwitch-2026-13-45.sqlite3").exists()  # not ours to delete


def test_a_backup_with_an_impossible_date_in_its_name_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "liptwitch-2026-13-45.sqlite3").write_bytes(b"x")
    (folder / "liptwitch-2026-03-01.sqlite3").write_bytes(b"x")
    assert [b.day for b in backup.list_backups(folder)] == [date(2026, 3, 1)]


def test_a_full_disk_during_the_backup_leaves_no_partial(
    db: object, tmp_path: Path, tiny_disk: Path
) -> None:
    from liptwitch_desktop.store.database.db import db_proxy

    with db_proxy.atomic():  # a file larger than the disk the backups go to
        for n in range(400):
            db_proxy.execute_sql(
                "INSERT INTO episode (started_at, intensity, location, notes) "
                "VALUES (?, 5, 'other', ?)",
                (1773000000 + n, "note " * 60),
            )
    folder = tiny_disk / "backups"
    with pytest.raises((sqlite3.OperationalError, OSError)):
        backup.daily_backup(tmp_path / "data" / "liptwitch.sqlite3", folder, date(2026, 3, 10))
    assert list(folder.iterdir()) == []


@pytest.mark.expect_log_error(r"^after-paint step 'the daily check and backup' failed$")
def test_a_failing_step_is_shown_once_and_the_others_start(
    ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liptwitch_desktop.app.after_paint import (
        after_paint_steps,
        report_startup_problems,
        run_steps,
    )
    from liptwitch_desktop.app.bootstrap import Root
    from liptwitch_desktop.platform.single_instance import SingleInstance

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "daily_backup", disk_full)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    instance = SingleInstance(run / "liptwitch.sock", data_dir=ctx.data_dir)
    assert instance.claim()
    qapp = QApplication.instance()
    root = Root(qapp, ctx, instance)  # type: ignore[arg-type]
    qtbot.addWidget(root.window.get())
    failed = run_steps(after_paint_steps(root))
    report_startup_problems(root.banners, failed)
    try:
        assert [name for name, _exc in failed] == ["the daily check and backup"]
        assert root.reminders is not None and root.reminders.running
        assert root.tray is not None
        assert instance.listening
        banners = root.window.page("today").banners

        def problems() -> list[str]:
            return [t for t in banners.texts() if "could not start" in t]

        qtbot.waitUntil(lambda: len(problems()) == 1, timeout=2000)
        problem = problems()[0]
        assert "the daily check and backup: the disk is full" in problem
        # Shown once: the same failure reported again does not add a second banner.
        report_startup_problems(root.banners, failed)
        qtbot.wait(50)
        assert len(problems()) == 1
    finally:
        root.reminders.stop()  # type: ignore[union-attr]
        root.tray.shutdown()  # type: ignore[union-attr]
        root.zone_watch.stop()  # type: ignore[union-attr]
        instance.release()
