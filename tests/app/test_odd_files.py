"""Review of issue 13, F12 (the data folder): each odd thing where LipTwitch keeps a file is
handled in words, without a crash, a hang or a healthy file moved aside.

- `liptwitch.sqlite3.id` is a folder: the app starts (the check on a WAL from another file
  is off, and `check` says why);
- `liptwitch.sqlite3-wal` is a folder: a plain message naming it, and the healthy data
  file stays where it is (it used to be moved aside as "damaged");
- `log/liptwitch.log` is a pipe (FIFO): the app starts, logging to stderr (it used to hang
  before any window, deaf to SIGTERM).
And F10: a read-only data file in a writable folder gets the plain start-up message naming
the file and what to do, not "could not save what you just did".
(The backups folder's odd files: tests/store/test_backups_and_clocks.py.)
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode
from tests.app_process import app_env, command, run_once
from tests.timebox import time_limit


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    add_episode(Episode(datetime(2026, 11, 1, 9, tzinfo=UTC), notes="my history"))
    close_database()
    return folder


def _notes(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [n for (n,) in conn.execute("SELECT notes FROM episode")]
    finally:
        conn.close()


def test_a_folder_named_id_opens_and_check_says_why(
    data: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from liptwitch_desktop.cli.check import check

    ident = data / "liptwitch.sqlite3.id"
    ident.unlink()
    ident.mkdir()
    open_database(data / "liptwitch.sqlite3")
    close_database()
    assert "cannot record the data file's id" in caplog.text
    found = check(data, datetime(2026, 12, 1, tzinfo=UTC), UTC)
    assert any("liptwitch.sqlite3.id is not a file" in p for p in found.problems)


def test_a_folder_named_wal_keeps_the_data_file_and_says_so(data: Path, tmp_path: Path) -> None:
    (data / "liptwitch.sqlite3-wal").mkdir()
    started = run_once(data, app_env(tmp_path / "home"))
    assert started.returncode != 0
    assert "liptwitch.sqlite3-wal in" in started.stderr and "is a folder" in started.stderr
    assert "move it away" in started.stderr and "Traceback" not in started.stderr
    assert not list(data.glob("liptwitch.sqlite3.damaged-*")), "a healthy file was moved aside"
    os.rmdir(data / "liptwitch.sqlite3-wal")
    assert _notes(data / "liptwitch.sqlite3") == ["my history"]


def test_check_names_a_folder_named_wal(data: Path) -> None:
    from liptwitch_desktop.cli.check import check

    (data / "liptwitch.sqlite3-wal").mkdir()
    found = check(data, datetime(2026, 12, 1, tzinfo=UTC), UTC)
    assert any("liptwitch.sqlite3-wal" in p and "is a folder" in p for p in found.problems)


def test_a_pipe_as_the_log_file_does_not_hang_the_start(tmp_path: Path) -> None:
    from liptwitch_desktop.platform.logging_setup import setup_logging, teardown_logging

    folder = tmp_path / "log"
    folder.mkdir()
    os.mkfifo(folder / "liptwitch.log")
    try:
        with time_limit(5):
            setup_logging(folder)
    finally:
        teardown_logging()


def test_the_app_starts_with_a_pipe_as_its_log_file(data: Path, tmp_path: Path) -> None:
    (data / "log").mkdir(mode=0o700)
    os.mkfifo(data / "log" / "liptwitch.log")
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    # (Not AppProcess: it reads the log file, and reading a pipe waits for a writer.)
    proc = subprocess.Popen(
        command(data),
        env=app_env(tmp_path / "home", runtime),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    try:
        assert proc.stderr is not None
        with time_limit(40):
            while "started after paint" not in seen:
                line = proc.stderr.readline()
                assert line, "the app ended: " + seen
                seen += line
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:  # a hung start does not hear SIGTERM
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert "no log file" in seen and "not a plain file" in seen


@pytest.fixture
def read_only_data_file(data: Path) -> Iterator[Path]:
    """The data file alone read-only, in a folder that takes new files (what a root-owned
    file left by `sudo liptwitch` is to its user; as root, only a mount binds)."""
    db_path = data / "liptwitch.sqlite3"
    for args in (["--bind", str(db_path), str(db_path)], ["-o", "remount,bind,ro", str(db_path)]):
        done = subprocess.run(["mount", *args], capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", str(db_path)], capture_output=True)
            pytest.skip(f"cannot make one file read-only here: {done.stderr.strip()[:200]}")
    try:
        yield db_path
    finally:
        subprocess.run(["umount", str(db_path)], capture_output=True)


def test_a_read_only_data_file_gets_a_plain_message_naming_it(
    read_only_data_file: Path, tmp_path: Path
) -> None:
    data = read_only_data_file.parent
    started = run_once(data, app_env(tmp_path / "home"))
    assert started.returncode == 2, started.stderr
    said = started.stderr
    assert "cannot write to its data file" in said and str(read_only_data_file) in said
    assert "read-only" in said and "sudo chown -R" in said
    assert "could not save what you just did" not in said and "Traceback" not in said
