"""Review of issue 13, F8: a damaged page inside the data file (the header and schema sound)
gets the damaged-file offer (moved aside, the newest good backup offered), once, wherever it
is found: at start when the first window's own reads meet it, after the first paint when
the thorough check does, and later when any read does. Never the crash dialog, never a
loop of them.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.app.startup import open_store_interactively
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.database import damage
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode, episodes_between

from ..conftest import TEST_NOW
from ..modal import with_modal

LONDON = ZoneInfo("Europe/London")


def _data_with_a_backup(tmp_path: Path, notes: str = "from the backup") -> Path:
    data = tmp_path / "data"
    open_database(data / "liptwitch.sqlite3")
    for n in range(400):
        add_episode(Episode(TEST_NOW - timedelta(hours=n), intensity=4, notes=notes))
    close_database()
    backup.daily_backup(data / "liptwitch.sqlite3", data / "backups", date(2026, 3, 9))
    return data


def _damage_page_of(db_path: Path, index: str) -> None:
    """Overwrite the root page of `index` (what the reviewer did to page 4) with 0x5A."""
    conn = sqlite3.connect(db_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)).fetchone()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with db_path.open("r+b") as fh:
        fh.seek((root[0] - 1) * size)
        fh.write(b"\x5a" * size)
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)


class Boxes:
    """Every message box that opens, answered by its button `label`."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.seen: list[tuple[str, str]] = []

    def __call__(self, box: Any) -> None:
        assert isinstance(box, QMessageBox)
        self.seen.append((box.objectName(), box.text() + "\n" + box.informativeText()))
        next(b for b in box.buttons() if b.text() == self.label).click()


def test_at_start_the_first_windows_reads_find_it_before_any_window(
    qapp: Any, tmp_path: Path
) -> None:
    data = _data_with_a_backup(tmp_path)
    _damage_page_of(data / "liptwitch.sqlite3", "episode_started_at")
    boxes = Boxes("Restore backup")
    opened: list[bool] = []
    with_modal(
        boxes,
        lambda: opened.append(
            open_store_interactively(data / "liptwitch.sqlite3", data / "backups", "2026-03-10")
        ),
    )
    try:
        assert opened == [True]
        assert [name for name, _ in boxes.seen] == ["damaged_data_file"]
        assert "The newest good backup is from 9 Mar 2026." in boxes.seen[0][1]
        restored = episodes_between(TEST_NOW - timedelta(days=30), TEST_NOW + timedelta(days=1))
        assert len(restored) == 400
    finally:
        close_database()
    assert list(data.glob("liptwitch.sqlite3.damaged-*"))


def _ctx(data: Path) -> AppContext:
    return AppContext(FakeClock(TEST_NOW), LONDON, AppSignals(), data)


def test_after_paint_the_thorough_check_offers_the_backup_and_the_rest_runs_on_it(
    qapp: Any, tmp_path: Path
) -> None:
    from liptwitch_desktop.app.after_paint import daily_check_and_backup, run_steps

    data = _data_with_a_backup(tmp_path)
    _damage_page_of(data / "liptwitch.sqlite3", "intake_taken_at")  # not read at start
    open_database(data / "liptwitch.sqlite3")
    ctx = _ctx(data)
    later: list[int] = []
    steps = [
        ("check", lambda: daily_check_and_backup(ctx, None)),
        (
            "next",
            lambda: later.append(
                len(episodes_between(TEST_NOW - timedelta(days=30), TEST_NOW + timedelta(days=1)))
            ),
        ),
    ]
    boxes = Boxes("Restore backup")
    failed: list[Any] = []
    with_modal(boxes, lambda: failed.extend(run_steps(steps)))
    try:
        assert failed == []
        assert [name for name, _ in boxes.seen] == ["damaged_data_file"]
        assert "found damage in your data file" in boxes.seen[0][1]
        assert later == [400], "the steps after the check ran on the restored file"
    finally:
        close_database()


# The exception hook logs what it caught, the damage it claims too (for the log file).
@pytest.mark.expect_log_error(r"^Unexpected error$")
@pytest.mark.parametrize("reports", [1, 3])
def test_a_read_that_meets_damage_later_gets_the_offer_once_never_the_crash_dialog(
    qapp: Any, qtbot: Any, tmp_path: Path, reports: int
) -> None:
    from liptwitch_desktop.app.damaged_file import watch
    from liptwitch_desktop.ui.unexpected_error import ExceptionDialogHook

    data = _data_with_a_backup(tmp_path)
    open_database(data / "liptwitch.sqlite3")
    ctx = _ctx(data)
    watch(ctx)
    changed: list[str] = []
    ctx.signals.data_changed.connect(changed.append)
    hook = ExceptionDialogHook(claims=damage.claims)
    boxes = Boxes("Restore backup")

    def a_page_reads_a_damaged_page() -> None:
        for _ in range(reports):  # every view that refreshes meets it (the Settings wheel)
            try:
                raise sqlite3.DatabaseError("database disk image is malformed")
            except sqlite3.DatabaseError as exc:
                hook(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: bool(boxes.seen), timeout=5000)

    with_modal(boxes, a_page_reads_a_damaged_page)
    try:
        qtbot.wait(50)
        assert [name for name, _ in boxes.seen] == ["damaged_data_file"]
        assert hook.last_box is None, "the crash dialog was shown"
        assert changed == ["all"]
        assert (
            len(episodes_between(TEST_NOW - timedelta(days=30), TEST_NOW + timedelta(days=1)))
            == 400
        )
    finally:
        close_database()


@pytest.mark.expect_log_error(r"^Unexpected error$")
@pytest.mark.qt_no_exception_capture
def test_today_on_a_damaged_page_builds_no_crash_dialog_loop(
    qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's steps in the window: Today's read fails (the started_at index page),
    the banner of failed steps and every later refresh meet it again; one offer only."""
    import sys

    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.app.damaged_file import watch
    from liptwitch_desktop.ui.main_window import MainWindow
    from liptwitch_desktop.ui.unexpected_error import install_exception_hook

    data = _data_with_a_backup(tmp_path)
    db_path = data / "liptwitch.sqlite3"
    _damage_page_of(db_path, "episode_started_at")
    open_database(db_path)  # (as if the start-up reads had not met it)
    ctx = _ctx(data)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    hook = install_exception_hook(claims=damage.claims)
    boxes = Boxes("Restore backup")

    def build_and_refresh() -> None:
        window = MainWindow(ctx, build_controllers(ctx))
        qtbot.addWidget(window)
        window.show()
        watch(ctx)  # the first after-paint step: the damage met while building is offered
        for _ in range(3):
            ctx.signals.changed(Change.SETTINGS)  # each refresh of Today
        window.page("today")
        qtbot.waitUntil(lambda: window.painted, timeout=5000)

    with_modal(boxes, build_and_refresh)
    try:
        qtbot.wait(50)
        assert [name for name, _ in boxes.seen] == ["damaged_data_file"]
        assert hook.last_box is None, "the crash dialog was shown"
        assert (
            len(episodes_between(TEST_NOW - timedelta(days=30), TEST_NOW + timedelta(days=1)))
            == 400
        )
    finally:
        close_database()
