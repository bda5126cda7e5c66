"""End to end: dunst's pause is a real Do Not Disturb (issue 16).

With dunst paused (`dunstctl set-paused true`) the real app (`python -m liptwitch_desktop`)
finds a reminder due and holds it: the database has it as "held" and dunst has nothing,
neither shown nor waiting (a paused dunst queues what it is sent: we must not send it).
Unpaused, the app sees it end and shows the reminder, once. The session (Xvfb, a session
bus, trayer, dunst) and the seeded store are those of tests/e2e/test_tray_e2e.py.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_tray_e2e import Session, _wait, seed_missed_magnesium, session  # noqa: F401

pytestmark = pytest.mark.e2e


def _count(session: Session, what: str) -> int:  # noqa: F811
    out = session.run(["dunstctl", "count", what]).strip()
    return int(out) if out.isdigit() else 0


def _history_summaries(session: Session) -> list[str]:  # noqa: F811
    history = json.loads(session.run(["dunstctl", "history"]) or "{}")
    return [n["summary"]["data"] for group in history.get("data", []) for n in group]


def test_a_reminder_is_held_while_dunst_is_paused_and_shown_once_after(
    session: Session,  # noqa: F811
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    seed_missed_magnesium(data)
    session.run(["dunstctl", "set-paused", "true"])
    assert session.run(["dunstctl", "is-paused"]).strip() == "true"
    app = session.spawn(
        [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data)], "app.out"
    )
    app_log = data / "log" / "liptwitch.log"

    def outcomes() -> list[str]:
        if not (data / "liptwitch.sqlite3").exists():
            return []
        db = sqlite3.connect(f"file:{data / 'liptwitch.sqlite3'}?mode=ro", uri=True)
        try:
            query = "SELECT outcome FROM reminder_firing WHERE kind = 'magnesium' ORDER BY id"
            return [row[0] for row in db.execute(query)]
        except sqlite3.OperationalError:  # not migrated yet
            return []
        finally:
            db.close()

    def details() -> str:
        return "\n".join(
            f"--- {path.name}:\n" + path.read_text(errors="replace")[-2500:]
            for path in (app_log, tmp_path / "app.out", tmp_path / "dunst.log")
            if path.exists()
        )

    try:
        _wait(lambda: outcomes() == ["held"], 60, "the reminder held\n" + details())
        time.sleep(2)  # a notification sent by mistake would have reached dunst by now
        assert _count(session, "displayed") == 0, details()
        assert _count(session, "waiting") == 0, details()  # never sent, not just queued
        assert _history_summaries(session) == []
        assert "reminder magnesium held (Do Not Disturb)" in app_log.read_text(), details()

        session.run(["dunstctl", "set-paused", "false"])
        _wait(lambda: _count(session, "displayed") >= 1, 30, "the reminder shown\n" + details())
        assert outcomes() == ["held", "fired"], details()
        time.sleep(4)  # more looks at Do Not Disturb: still shown once
        assert _count(session, "displayed") + _count(session, "waiting") == 1, details()
        assert outcomes() == ["held", "fired"], details()
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0, details()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    session.run(["dunstctl", "close-all"])
    assert _history_summaries(session).count("Magnesium") == 1
