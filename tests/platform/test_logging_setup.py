"""The log file, and the dialog an unexpected exception brings up (which never quits)."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.platform import logging_setup
from liptwitch_desktop.store.entries import add_episode, episodes_between
from liptwitch_desktop.ui import unexpected_error

from ..modal import with_modal


@pytest.fixture
def logfile(tmp_path: Path) -> Iterator[Path]:
    path = logging_setup.setup_logging(tmp_path / "log")
    yield path
    logging_setup.teardown_logging()


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    saved = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = saved


def read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_log_goes_to_the_state_folder_or_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert logging_setup.log_dir_for(None) == tmp_path / "state" / "LipTwitch" / "log"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert logging_setup.log_dir_for(None) == tmp_path / "home/.local/state/LipTwitch/log"
    assert logging_setup.log_dir_for(str(tmp_path / "d")) == tmp_path / "d" / "log"


def test_setup_creates_a_private_log_file(logfile: Path):
    assert logfile.name == "liptwitch.log"
    assert logfile.parent.stat().st_mode & 0o077 == 0
    assert logfile.stat().st_mode & 0o077 == 0
    logging.getLogger("liptwitch.test").warning("a line for the log")
    text = read(logfile)
    assert "LipTwitch" in text and "started" in text
    assert "WARNING liptwitch.test: a line for the log" in text


def test_setting_up_twice_does_not_double_lines(tmp_path: Path):
    first = logging_setup.setup_logging(tmp_path / "a")
    second = logging_setup.setup_logging(tmp_path / "b")
    try:
        logging.getLogger("liptwitch.test").warning("once")
        assert read(second).count("once") == 1
        assert "once" not in read(first)
    finally:
        logging_setup.teardown_logging()


def test_the_log_rotates(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    path = logging_setup.setup_logging(tmp_path / "log")
    try:
        for n in range(200):
            logging.getLogger("liptwitch.test").warning("line %d of filler text", n)
    finally:
        logging_setup.teardown_logging()
    rotated = sorted(p.name for p in path.parent.iterdir())
    assert rotated == ["liptwitch.log", "liptwitch.log.1", "liptwitch.log.2", "liptwitch.log.3"]
    assert path.stat().st_size <= 2000


def fail_somewhere() -> None:
    raise ZeroDivisionError("the test's own error")


@pytest.mark.expect_log_error(r"^Unexpected error$")
def test_an_unexpected_error_shows_details_to_copy_and_keeps_running(
    ctx, qtbot, logfile, restore_hooks
):
    add_episode(Episode(ctx.clock.now() - timedelta(minutes=5), intensity=3, duration_s=20))
    quits: list[bool] = []
    QApplication.instance().aboutToQuit.connect(lambda: quits.append(True))
    hook = unexpected_error.install_exception_hook()
    button = QPushButton("boom")
    qtbot.addWidget(button)
    button.clicked.connect(fail_somewhere)  # raised in a slot: PySide6 hands it to excepthook
    seen: dict[str, str] = {}

    def copy_details(box) -> None:
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["details"] = box.detailedText()
        qtbot.mouseClick(hook.copy_button, Qt.MouseButton.LeftButton)

    assert with_modal(copy_details, button.click) == ["QMessageBox"]
    assert "ZeroDivisionError: the test's own error" in seen["text"]
    assert "is safe" in seen["text"]
    assert "in fail_somewhere" in seen["details"]
    assert f"Log file: {logfile}" in seen["details"]
    assert QApplication.clipboard().text() == seen["details"]
    assert quits == []  # the hook never quits
    # What was saved before is still there, and the store still works.
    start = ctx.clock.now() - timedelta(days=1)
    assert len(episodes_between(start, ctx.clock.now())) == 1
    add_episode(Episode(ctx.clock.now() - timedelta(minutes=1), intensity=2, duration_s=5))
    assert len(episodes_between(start, ctx.clock.now())) == 2
    log_text = read(logfile)
    assert "ERROR liptwitch: Unexpected error" in log_text
    assert "ZeroDivisionError: the test's own error" in log_text


@pytest.mark.expect_log_error(r"^Unexpected error$")
def test_an_error_while_the_dialog_is_open_is_logged_not_stacked(qapp, logfile, restore_hooks):
    hook = unexpected_error.install_exception_hook()
    boxes: list[str] = []

    def second_error(box) -> None:
        try:
            fail_somewhere()
        except ZeroDivisionError:
            hook(*sys.exc_info())  # type: ignore[arg-type]
        boxes.append(type(QApplication.activeModalWidget()).__name__)
        box.reject()

    def first_error() -> None:
        try:
            raise ValueError("first")
        except ValueError:
            hook(*sys.exc_info())  # type: ignore[arg-type]

    assert with_modal(second_error, first_error) == ["QMessageBox"]
    assert boxes == ["QMessageBox"]
    assert read(logfile).count("Unexpected error") == 2


@pytest.mark.expect_log_error(r"^Unexpected error in thread worker$")
def test_errors_in_other_threads_are_logged(logfile, restore_hooks):
    unexpected_error.install_exception_hook()

    def work() -> None:
        raise RuntimeError("from a worker thread")

    thread = threading.Thread(target=work, name="worker")
    thread.start()
    thread.join()
    text = read(logfile)
    assert "Unexpected error in thread worker" in text
    assert "RuntimeError: from a worker thread" in text


def test_teardown_restores_the_logger_levels(tmp_path: Path):
    root = logging.getLogger()
    before = root.level, logging_setup.log.level
    logging_setup.setup_logging(tmp_path / "log")
    assert root.level <= logging.INFO
    logging_setup.teardown_logging()
    assert (root.level, logging_setup.log.level) == before


def test_a_rotation_that_cannot_rename_keeps_logging(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    path = logging_setup.setup_logging(tmp_path / "log")
    try:
        logger = logging.getLogger("liptwitch.test")
        logger.warning("before")
        path.unlink()  # someone (or a cleaner) removed the log file
        for n in range(100):
            logger.warning("line %d of filler text", n)
        logger.warning("still here")
    finally:
        logging_setup.teardown_logging()
    assert "still here" in read(path)
