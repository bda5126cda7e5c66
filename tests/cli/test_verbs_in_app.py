"""The verbs handed to the running app (issue 16): the composition root answers them through
its log controller, so the store, the window and the undo stack all see one change, and
the command's own process imports neither Qt nor the ORM on that path."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.app.after_paint import after_paint_steps, run_steps
from liptwitch_desktop.app.bootstrap import Root
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import IntakeKind, Location
from liptwitch_desktop.platform.single_instance import SingleInstance
from liptwitch_desktop.store.log_reads import all_episodes, all_intakes
from liptwitch_desktop.store.settings import set_setting

REPO = Path(__file__).resolve().parents[2]
OFFSCREEN = pytest.mark.qt_log_ignore(
    "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    "This plugin does not support raise",
)


@pytest.fixture
def root(ctx: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any) -> Iterator[Root]:
    """The root as run_gui builds it, started (its listener on), no session bus."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(run))
    set_setting("first_run_done", True)
    instance = SingleInstance(data_dir=ctx.data_dir)
    assert instance.claim()
    built = Root(QApplication.instance(), ctx, instance)  # type: ignore[arg-type]
    built.window.when_built(qtbot.addWidget)
    assert run_steps(after_paint_steps(built)) == []
    assert instance.listening
    yield built
    for service in (built.reminders, built.zone_watch):
        if service is not None:
            service.stop()
    if built.tray is not None:
        built.tray.shutdown()
    instance.release()


def verb(qtbot: Any, ctx: Any, *argv: str) -> subprocess.CompletedProcess[str]:
    """`liptwitch --data-dir DIR ARGV` in another process, while this one's loop answers."""
    box: dict[str, subprocess.CompletedProcess[str]] = {}
    code = (
        "import sys\n"
        "from liptwitch_desktop.__main__ import main\n"
        "status = main(sys.argv[1:])\n"
        "heavy = sorted(m for m in ('PySide6', 'peewee', 'PySide6.QtCore') if m in sys.modules)\n"
        "print('IMPORTED', ','.join(heavy) or '-', file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    argv_all = [sys.executable, "-c", code, "--data-dir", str(ctx.data_dir), *argv]

    def run() -> None:
        box["done"] = subprocess.run(argv_all, capture_output=True, text=True, timeout=60)

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=60000)
    return box["done"]


@OFFSCREEN
def test_twitch_twice_is_one_episode_in_the_window_and_ctrl_z_undoes_it(
    ctx: Any, root: Root, qtbot: Any, clock: Any
) -> None:
    window = root.window.get()
    changes: list[Change] = []
    ctx.signals.data_changed.connect(changes.append)
    started = verb(qtbot, ctx, "twitch")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "Started 15:30"  # the app's clock and zone
    assert "IMPORTED -" in started.stderr  # neither Qt nor the ORM on this path
    assert changes == [Change.EPISODE] and all_episodes()[0].running
    assert "Started 15:30" in window.statusBar().currentMessage()
    clock.advance(timedelta(seconds=190))
    stopped = verb(qtbot, ctx, "twitch", "--intensity", "6", "--where", "lower-left")
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == "Stopped: 3 min 10 s"
    [episode] = all_episodes()
    assert (episode.duration_s, episode.intensity, episode.location) == (
        190,
        6,
        Location.LOWER_LEFT,
    )
    stack = root.controllers.log.undo_stack
    assert stack.undoText() == "Stop twitching episode"
    window.actions_by_name["undo"].trigger()  # what Ctrl+Z does
    assert all_episodes()[0].running
    window.actions_by_name["undo"].trigger()
    assert all_episodes() == []


@OFFSCREEN
def test_a_refusal_from_the_app_is_exit_2_and_changes_nothing(
    ctx: Any, root: Root, qtbot: Any
) -> None:
    done = verb(qtbot, ctx, "log", "drink", "unicorn latte")
    assert done.returncode == 2 and "unknown drink 'unicorn latte'" in done.stderr
    done = verb(qtbot, ctx, "log", "magnesium", "200")  # the notice was never shown here
    assert done.returncode == 2 and "safety notice" in done.stderr
    assert all_intakes() == [] and not root.controllers.log.undo_stack.canUndo()


@OFFSCREEN
@pytest.mark.parametrize("argv", [("log", "drink", "x" * 5000), ("twitch", "--where", "y" * 5000)])
def test_a_text_too_long_to_send_is_refused_in_one_line_as_without_the_app(
    ctx: Any, root: Root, qtbot: Any, argv: tuple[str, ...]
) -> None:
    """Review 16-17, 2: it gave a traceback and exit 1 with the app running."""
    done = verb(qtbot, ctx, *argv)
    refusal = [line for line in done.stderr.splitlines() if not line.startswith("IMPORTED")]
    assert done.returncode == 2, done.stderr
    assert refusal == [
        f"liptwitch {argv[0]}: {'drink' if argv[0] == 'log' else 'where'} must be a short text"
    ]
    assert all_intakes() == [] and all_episodes() == []


@OFFSCREEN
def test_a_drink_and_the_status_through_the_app(ctx: Any, root: Root, qtbot: Any) -> None:
    assert verb(qtbot, ctx, "log", "drink", "cola").returncode == 0
    assert root.controllers.log.undo_stack.undoText() == "Log drink"
    status = verb(qtbot, ctx, "status", "--json")
    assert status.returncode == 0 and '"caffeine_mg": 34' in status.stdout


@OFFSCREEN
def test_a_drink_with_no_name_opens_the_drink_dialog(
    ctx: Any, root: Root, qtbot: Any, monkeypatch: Any
) -> None:
    from liptwitch_desktop.ui.entry_flows import EntryFlows

    opened: list[IntakeKind] = []
    monkeypatch.setattr(EntryFlows, "new_intake", lambda self, kind: opened.append(kind))
    done = verb(qtbot, ctx, "log", "drink")
    assert done.returncode == 0 and "drink dialog is open" in done.stdout
    qtbot.waitUntil(lambda: opened == [IntakeKind.CAFFEINE], timeout=3000)
    assert root.window.isVisible()


@OFFSCREEN
def test_in_app_logs_magnesium_the_windows_way_and_opens_the_water_dialog(
    ctx: Any, root: Root, qtbot: Any, monkeypatch: Any
) -> None:
    """`--in-app` (the launcher's "Log magnesium"): Ctrl+M's path, which shows the safety
    notice and asks the dose, rather than a refusal nobody at a launcher would read."""
    from liptwitch_desktop.ui.entry_flows import EntryFlows

    opened: list[str] = []
    monkeypatch.setattr(EntryFlows, "log_magnesium_now", lambda self: opened.append("mg"))
    monkeypatch.setattr(EntryFlows, "new_intake", lambda self, kind: opened.append(kind.value))
    done = verb(qtbot, ctx, "log", "magnesium", "--in-app")
    assert done.returncode == 0 and "asks what it needs" in done.stdout
    qtbot.waitUntil(lambda: opened == ["mg"], timeout=3000)
    assert verb(qtbot, ctx, "log", "water", "--in-app").returncode == 0
    qtbot.waitUntil(lambda: opened == ["mg", "water"], timeout=3000)
    refused = verb(qtbot, ctx, "log", "magnesium", "200", "--in-app")
    assert refused.returncode == 2 and "--in-app asks in the window" in refused.stderr
    assert all_intakes() == []


@OFFSCREEN
def test_under_a_clock_that_says_1970_the_app_refuses_in_words(
    ctx: Any, root: Root, qtbot: Any, clock: Any
) -> None:
    from datetime import UTC, datetime

    clock.set(datetime(1970, 1, 1, 0, 5, tzinfo=UTC))
    done = verb(qtbot, ctx, "twitch")
    assert done.returncode == 2 and "clock says 1970-01-01" in done.stderr
    assert "see its log file" not in done.stderr  # a refusal, not a failure
    assert all_episodes() == [] and not root.controllers.log.undo_stack.canUndo()


@OFFSCREEN
def test_status_over_the_app_names_a_snoozed_reminder(ctx: Any, root: Root, clock: Any) -> None:
    # Review 16/17, finding 5: "Next reminder: magnesium at Thu 01:26" after a 30-minute
    # snooze; the snooze job is the next reminder the person will get.
    from liptwitch_desktop.app.verb_answers import answer_verb
    from liptwitch_desktop.platform.ipc_messages import Request
    from liptwitch_desktop.reminders.followups import SNOOZE_PREFIX

    assert root.reminders is not None
    back = clock.now() + timedelta(minutes=30, seconds=30)
    backend = root.reminders._backend  # the service's own scheduler
    assert backend is not None
    backend.plan(SNOOZE_PREFIX + "hydration", back, ctx.zone, timedelta(hours=1), lambda: None)
    answer = answer_verb(root, Request("1", "status"))
    upcoming = answer["next_reminder"]
    assert isinstance(upcoming, dict)
    assert upcoming["kind"] == "hydration" and upcoming["snoozed"] is True
    from datetime import datetime

    at = datetime.fromisoformat(str(upcoming["at"]))
    assert abs((at - back).total_seconds()) < 1  # the scheduler's own clock, to the second
    line = f"Next reminder: hydration at {back.astimezone(ctx.zone):%a %H:%M} (snoozed)"
    assert line in str(answer["message"])


@OFFSCREEN
def test_a_verb_from_the_command_line_offers_undo_in_the_window(ctx: Any, root: Root) -> None:
    """Issue 15: `liptwitch twitch` in the window's line with an Undo button for it, which
    undoes that verb's step."""
    from PySide6.QtWidgets import QWidget

    from liptwitch_desktop.app.verb_answers import answer_verb
    from liptwitch_desktop.platform.ipc_messages import Request
    from liptwitch_desktop.ui.feedback import TOAST_NAME

    window = root.window.get()
    answer_verb(root, Request("1", "log", {"what": "water", "ml": 250}))
    answer_verb(root, Request("2", "twitch"))
    assert "Started 15:30" in window.statusBar().currentMessage()
    assert "Ctrl+Z" not in window.statusBar().currentMessage()
    toast = window.statusBar().findChild(QWidget, TOAST_NAME)
    assert toast is not None and not toast.isHidden()
    toast.button.click()
    assert all_episodes() == [] and len(all_intakes()) == 1  # the twitch, not the water
    assert window.statusBar().currentMessage() == "Undone: Start twitching episode"
