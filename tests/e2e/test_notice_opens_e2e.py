"""End to end: clicking a real reminder notification (dunst's default action) opens the app
at the dialog the reminder is about (issue 16): the magnesium reminder opens the magnesium
entry over the window, seen from outside as a window of the app's process on the X server.
The session and the seeded store are those of tests/e2e/test_tray_e2e.py."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.test_tray_e2e import (  # noqa: F401  (session: a fixture)
    Session,
    _displayed,
    _wait,
    seed_missed_magnesium,
    session,
)

pytestmark = pytest.mark.e2e


def window_names(session: Session, pid: int) -> list[str]:  # noqa: F811
    ids = session.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)]).split()
    return [session.run(["xdotool", "getwindowname", w]).strip() for w in ids]


def test_clicking_the_notification_opens_the_matching_dialog(
    session: Session,  # noqa: F811
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    seed_missed_magnesium(data)
    app = session.spawn(
        [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data), "--hidden"],
        "app.out",
    )

    def details() -> str:
        return (
            "\n".join(
                f"--- {path.name}:\n" + path.read_text(errors="replace")[-2500:]
                for path in (data / "log" / "liptwitch.log", tmp_path / "app.out")
                if path.exists()
            )
            + f"\n--- windows: {window_names(session, app.pid)}"
        )

    try:
        _wait(lambda: _displayed(session) >= 1, 60, "the notification\n" + details())
        # Started hidden (in the tray): nothing of the app is on the screen before the click.
        assert not any("agnesium" in n for n in window_names(session, app.pid)), details()
        session.run(["dunstctl", "action", "0"])  # the default action: a click on it
        _wait(
            lambda: any("agnesium" in n for n in window_names(session, app.pid)),
            30,
            "the magnesium dialog\n" + details(),
        )
        assert "LipTwitch" in window_names(session, app.pid)  # the window, under it
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
