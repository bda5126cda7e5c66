"""End to end (issue 16): the real app under Xvfb, a session bus, trayer and dunst (the
session of tests/e2e/test_tray_e2e.py), `liptwitch twitch` run twice from another process,
and from then on only outside views: the command's output, the database (one finished
episode), the app's log file (the window took both), and Ctrl+Z typed into the app's
window through the X server (xdotool), which undoes the stop and then the start.

With CI=true this test must run: missing tools fail it instead of skipping it.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.settings import set_setting
from tests.e2e import test_tray_e2e as tray
from tests.e2e.test_tray_e2e import Session, _wait

# The tray test's session (Xvfb, a bus, trayer, dunst), under a name of its own here.
x_session = tray.session

pytestmark = pytest.mark.e2e


def episodes(data: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"file:{data / 'liptwitch.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute("SELECT duration_s, intensity, location FROM episode").fetchall()
    finally:
        db.close()


def verb(session: Session, data: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data), *argv],
        env=session.env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_twitch_twice_from_outside_then_ctrl_z_in_the_window(
    x_session: Session, tmp_path: Path
) -> None:
    session = x_session
    data = tmp_path / "data"
    open_database(data / "liptwitch.sqlite3")
    try:
        set_setting("first_run_done", True)  # a returning user: no first-run questions
    finally:
        close_database()
    app = session.spawn(
        [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data)], "app.out"
    )
    app_log = data / "log" / "liptwitch.log"

    def log_text() -> str:
        return app_log.read_text(errors="replace") if app_log.exists() else ""

    def details() -> str:
        out = tmp_path / "app.out"
        return log_text()[-2500:] + (
            out.read_text(errors="replace")[-1500:] if out.exists() else ""
        )

    try:
        _wait(lambda: "started after paint" in log_text(), 60, "the app's start\n" + details())
        assert re.search(r"started after paint: \d+ steps, 0 failed", log_text()), details()

        started = verb(session, data, "twitch")
        assert started.returncode == 0, started.stderr + details()
        assert re.fullmatch(r"Started \d\d:\d\d\n", started.stdout), started.stdout
        time.sleep(1.2)
        stopped = verb(session, data, "twitch", "--intensity", "6", "--where", "lower-left")
        assert stopped.returncode == 0, stopped.stderr + details()
        assert re.fullmatch(r"Stopped: \d+ s\n", stopped.stdout), stopped.stdout
        [(duration, intensity, where)] = episodes(data)
        assert isinstance(duration, int) and duration >= 1
        assert (intensity, where) == (6, "lower_left")
        # The window took both (the running app did them, not the command on its own).
        assert "verb twitch from another process: Started" in log_text()
        assert "verb twitch from another process: Stopped" in log_text()

        # Ctrl+Z, typed into the app's main window through the X server.
        found = session.run(["xdotool", "search", "--sync", "--pid", str(app.pid), "--name",
                             "^LipTwitch$"]).split()  # fmt: skip
        assert found, "no LipTwitch window\n" + details()
        window = found[0]

        def undo_reaches(expected: list[tuple[object, ...]]) -> bool:
            session.run(["xdotool", "windowfocus", "--sync", window])
            session.run(["xdotool", "key", "--clearmodifiers", "ctrl+z"])
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if episodes(data) == expected:
                    return True
                time.sleep(0.1)
            return False

        assert undo_reaches([(None, 5, "lower_centre")]), f"{episodes(data)}\n{details()}"
        assert undo_reaches([]), f"{episodes(data)}\n{details()}"

        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0, details()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def test_notify_shows_the_answer_and_the_refusal_in_dunst(
    x_session: Session, tmp_path: Path
) -> None:
    """From a shortcut there is no terminal: `--notify` puts the line on the desktop (here
    no app runs, so the command writes the store itself)."""
    import json

    session = x_session
    data = tmp_path / "data"
    started = verb(session, data, "twitch", "--notify")
    assert started.returncode == 0 and started.stdout.startswith("Started"), started.stderr
    refused = verb(session, data, "log", "water", "-5", "--notify")
    assert refused.returncode == 2

    def summaries() -> list[tuple[str, str]]:
        history = json.loads(session.run(["dunstctl", "history"]) or "{}")
        return [
            (n["summary"]["data"], n["body"]["data"])
            for group in history.get("data", [])
            for n in group
        ]

    session.run(["dunstctl", "close-all"])  # shown ones go to the history
    _wait(lambda: len(summaries()) >= 2, 15, "two notifications in dunst's history")
    seen = summaries()
    assert (started.stdout.strip(), "") in seen, seen
    assert ("Not logged", "water must be more than 0 ml") in seen, seen
    assert episodes(data) == [(None, 5, "lower_centre")]
