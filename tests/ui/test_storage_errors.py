"""Issue 13, item 7: when the disk refuses a write, the person is told what it refused, and
loses nothing: a dialog keeps what was typed, a full disk says so (not "cannot rollback"),
a failed export leaves no .partial, and a data folder that cannot be written gets a plain
message at start instead of a traceback."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.entries import add_episode, episodes_between
from liptwitch_desktop.store.transfer import export_import as ei
from tests import wiring
from tests.app_process import app_env, run_once
from tests.tiny_disk import fill

from ..conftest import TEST_NOW
from ..modal import with_modal
from .test_log_flow import make_window


def _episodes(ctx: Any) -> list[Episode]:
    now = ctx.clock.now()
    return episodes_between(now - timedelta(days=3), now + timedelta(days=1))


def test_a_read_only_file_keeps_the_dialog_and_what_was_typed(ctx: Any, qtbot: Any) -> None:
    window = make_window(ctx, qtbot)
    db_proxy.execute_sql("PRAGMA query_only = ON")  # the file cannot be written any more
    seen: dict[str, Any] = {}

    def type_and_save(dialog: Any) -> None:
        dialog.notes.setPlainText("came on at my desk after the third coffee")
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.click()
        seen["still_open"] = dialog.isVisible()
        error = getattr(dialog, "storage_error", None)
        seen["message"] = error.text() if error is not None and error.isVisible() else ""
        seen["notes"] = dialog.notes.toPlainText()
        db_proxy.execute_sql("PRAGMA query_only = OFF")  # the person fixed it
        save.click()

    assert with_modal(type_and_save, window.entries.new_episode) == ["EpisodeDialog"]
    assert seen["still_open"], "the dialog closed on an entry that was not saved"
    assert "not saved" in seen["message"] and "read-only" in seen["message"]
    assert "is safe" not in seen["message"]
    assert seen["notes"] == "came on at my desk after the third coffee"
    assert [e.notes for e in _episodes(ctx)] == ["came on at my desk after the third coffee"]
    assert window.controller.undo_stack.count() == 1  # one step, for the save that happened


def test_a_full_disk_says_the_disk_is_full(db: object) -> None:
    pages = db_proxy.execute_sql("PRAGMA page_count").fetchone()[0]
    db_proxy.execute_sql(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    start = Episode(started_at=TEST_NOW, notes="x" * 4000)
    with pytest.raises(Exception) as caught:
        for n in range(200):
            add_episode(Episode(start.started_at - timedelta(minutes=n), notes="x" * 4000))
    assert "cannot rollback" not in str(caught.value)
    from liptwitch_desktop.store.database.storage_errors import Problem, classify, describe

    assert classify(caught.value) is Problem.DISK_FULL
    assert describe(caught.value) == "the disk is full"


@pytest.mark.expect_log_error(r"^Unexpected error$")
def test_the_error_dialog_says_what_the_disk_refused(qapp: Any, qtbot: Any) -> None:
    import sqlite3

    from liptwitch_desktop.ui import unexpected_error

    hook = unexpected_error.ExceptionDialogHook()
    button = QPushButton("log")
    qtbot.addWidget(button)

    def refuse() -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    button.clicked.connect(lambda: hook(*_exc_info(refuse)))
    seen: dict[str, str] = {}

    def read(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        box.close()

    with_modal(read, button.click)
    assert "could not save what you just did" in seen["text"]
    assert "read-only" in seen["text"]
    assert "Everything you saved before this is safe" not in seen["text"]


def _exc_info(fn: Any) -> tuple[Any, Any, Any]:
    try:
        fn()
    except Exception as exc:
        return type(exc), exc, exc.__traceback__
    raise AssertionError("no error")


def test_a_failed_export_leaves_no_partial(db: object, tiny_disk: Path) -> None:
    add_episode(Episode(TEST_NOW, notes="y" * 4000))
    fill(tiny_disk)
    with pytest.raises(OSError):
        ei.export_json(tiny_disk / "export.json", TEST_NOW)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


def test_the_export_button_says_the_disk_is_full(ctx: Any, qtbot: Any, tiny_disk: Path) -> None:

    actions = wiring.data_actions(ctx)
    qtbot.addWidget(actions)
    fill(tiny_disk)
    seen: dict[str, str] = {}

    def read(box: Any) -> None:
        seen["text"] = box.text()
        box.close()

    with_modal(read, lambda: actions.export_to(tiny_disk / "all.json", csv=False))
    assert "the disk is full" in seen["text"]
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


def _read_only_disk(tiny_disk: Path) -> Path:
    done = subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot make the small file system read-only here")
    return tiny_disk


def test_a_read_only_disk_at_start_gets_a_plain_message(tmp_path: Path, tiny_disk: Path) -> None:
    disk = _read_only_disk(tiny_disk)
    started = run_once(disk / "LipTwitch", app_env(tmp_path / "home"))
    assert started.returncode == 2, started.stderr
    assert "cannot write to its data folder" in started.stderr
    assert "read-only" in started.stderr
    assert "Traceback" not in started.stderr + started.stdout


def test_a_data_folder_under_a_file_gets_a_plain_message(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    started = run_once(tmp_path / "not-a-folder" / "data", app_env(tmp_path / "home"))
    assert started.returncode == 2, started.stderr
    assert "cannot write to its data folder" in started.stderr
    assert "Traceback" not in started.stderr + started.stdout


def test_a_failed_log_csv_leaves_no_partial(db: object, tiny_disk: Path) -> None:
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.core.log_rows import episode_row
    from liptwitch_desktop.store.transfer.csv_export import write_log_csv

    episode = add_episode(Episode(TEST_NOW, notes="z" * 4000))
    fill(tiny_disk)
    with pytest.raises(OSError):
        write_log_csv([episode_row(episode)], tiny_disk / "log.csv", ZoneInfo("Europe/London"))
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]
