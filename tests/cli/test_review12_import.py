"""Review 12, S5: an import never switches the magnesium reminder on before the safety notice
was shown on this computer; the command says so in one line; the next start shows the notice
before the reminder is scheduled; the notice-shown flag cannot be imported."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.settings import set_settings
from liptwitch_desktop.store.transfer import export_import
from tests.app_process import AppProcess, app_env

NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def export_with_magnesium_on(tmp_path: Path) -> Path:
    """An export whose magnesium reminder is on and that says the notice was shown."""
    source = tmp_path / "source" / "liptwitch.sqlite3"
    open_database(source)
    set_settings({"magnesium_notice_shown": True, "adult": "yes"})
    rs.save_spec(replace(rs.get_spec(ReminderKind.MAGNESIUM), enabled=True), NOW)
    out = tmp_path / "export.json"
    export_import.export_json(out, NOW)
    close_database()
    data = json.loads(out.read_text("utf-8"))
    assert data["settings"]["magnesium_notice_shown"] is True
    return out


def stored(folder: Path) -> tuple[int, dict[str, str]]:
    with sqlite3.connect(folder / "liptwitch.sqlite3") as conn:
        enabled = conn.execute(
            "SELECT enabled FROM reminder_setting WHERE kind = 'magnesium'"
        ).fetchone()[0]
        settings = dict(conn.execute("SELECT key, value FROM setting").fetchall())
    conn.close()
    return enabled, settings


def test_s5_the_cli_import_leaves_magnesium_off_and_says_so(
    tmp_path: Path, export_with_magnesium_on: Path
) -> None:
    fresh = tmp_path / "fresh"
    code, said, err = run("--data-dir", str(fresh), "import", str(export_with_magnesium_on))
    assert (code, err) == (0, "")
    lines = said.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("The magnesium reminder stays off until you have read its safety")
    enabled, settings = stored(fresh)
    assert enabled == 0
    assert "magnesium_notice_shown" not in settings  # not importable: this computer's fact
    assert json.loads(settings["magnesium_reminder_held"]) is True


def test_s5_the_next_start_schedules_magnesium_only_after_the_notice(
    tmp_path: Path, export_with_magnesium_on: Path
) -> None:
    fresh = tmp_path / "fresh"
    assert run("--data-dir", str(fresh), "import", str(export_with_magnesium_on))[0] == 0
    with sqlite3.connect(fresh / "liptwitch.sqlite3") as conn:  # an older file: on, no notice
        conn.execute("UPDATE reminder_setting SET enabled = 1 WHERE kind = 'magnesium'")
        conn.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('first_run_done', 'true')"
        )
    conn.close()
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    with AppProcess(fresh, app_env(tmp_path / "home", runtime)).start() as app:
        log = app.wait_log('Added job "checkin"')  # the reminders started ...
        assert 'Added job "magnesium"' not in log  # ... without the unread magnesium one
    enabled, settings = stored(fresh)
    assert enabled == 0 and json.loads(settings["magnesium_reminder_held"]) is True


def test_s5_the_held_notice_at_start_turns_the_reminder_on_when_understood(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.store.magnesium_notice import hold_unnoticed_magnesium
    from liptwitch_desktop.store.settings import get_setting
    from liptwitch_desktop.ui.magnesium_notice import show_held_notice
    from liptwitch_desktop.ui.main_window import MainWindow

    rs.save_spec(replace(rs.get_spec(ReminderKind.MAGNESIUM), enabled=True), NOW)
    assert hold_unnoticed_magnesium(NOW)
    assert not rs.get_spec(ReminderKind.MAGNESIUM).enabled
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    seen: list[str] = []
    ctx.signals.data_changed.connect(seen.append)
    box = show_held_notice(build_controllers(ctx).settings, window)
    assert box is not None and box.isVisible()
    assert "kidney" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled
    assert get_setting("magnesium_notice_shown") and not get_setting("magnesium_reminder_held")
    assert seen == ["reminder"]
    assert show_held_notice(build_controllers(ctx).settings, window) is None  # once


def test_s5_cancel_leaves_the_held_reminder_off(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.store.magnesium_notice import hold_unnoticed_magnesium
    from liptwitch_desktop.store.settings import get_setting
    from liptwitch_desktop.ui.magnesium_notice import show_held_notice
    from liptwitch_desktop.ui.main_window import MainWindow

    rs.save_spec(replace(rs.get_spec(ReminderKind.MAGNESIUM), enabled=True), NOW)
    hold_unnoticed_magnesium(NOW)
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    box = show_held_notice(build_controllers(ctx).settings, window)
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert not rs.get_spec(ReminderKind.MAGNESIUM).enabled
    assert not get_setting("magnesium_notice_shown") and not get_setting("magnesium_reminder_held")


def test_s5_an_import_cannot_set_the_notice_shown_flag(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting

    data = export_import.collect_export(NOW)
    data["settings"]["magnesium_notice_shown"] = True
    report = export_import.import_data(data, NOW)
    assert not get_setting("magnesium_notice_shown")
    assert report.settings_changed == 0
