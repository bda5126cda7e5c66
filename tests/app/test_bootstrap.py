"""The composition root in-process: each service it builds is wired to the others.

Each test starts the real Root (app/bootstrap.py) on a test database and runs its
after-paint steps as the app does, then checks one wire through what a person would see:
a reminder without a notification server becomes a banner on Today, a new time zone moves
the reminders, no tray keeps the window home, the listener answers a second start, the pages
write through the root's controllers. (tests/e2e starts the real entry point instead.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from liptwitch_desktop.app.after_paint import after_paint_steps, run_steps
from liptwitch_desktop.app.bootstrap import Root
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.platform.single_instance import SingleInstance
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.settings import get_setting, set_setting

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
# The offscreen platform has no tray host and cannot raise windows; those are its limits.
OFFSCREEN = pytest.mark.qt_log_ignore(
    "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    "This plugin does not support raise",
)


class Zones:
    """The system's zone as the test sets it."""

    def __init__(self) -> None:
        self.now: ZoneInfo = LONDON

    def __call__(self) -> ZoneInfo:
        return self.now


@pytest.fixture
def zones() -> Zones:
    return Zones()


@pytest.fixture
def root(ctx: Any, qtbot: Any, tmp_path: Path, zones: Zones, monkeypatch: Any) -> Iterator[Root]:
    """The root as run_gui builds it, no session bus (so no notification server), its
    window not built yet (as started with --hidden)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    set_setting("first_run_done", True)
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    instance = SingleInstance(run / "liptwitch.sock", data_dir=ctx.data_dir)
    assert instance.claim()
    built = Root(QApplication.instance(), ctx, instance, zone_provider=zones)  # type: ignore[arg-type]
    built.window.when_built(qtbot.addWidget)
    yield built
    for service in (built.reminders, built.zone_watch):
        if service is not None:
            service.stop()
    if built.tray is not None:
        built.tray.shutdown()
    instance.release()


def start(root: Root) -> None:
    failed = run_steps(after_paint_steps(root))
    assert failed == []


def near(planned: datetime, expected: datetime) -> bool:
    """APScheduler plans on the wall clock; the service's fake clock is read back with a
    few microseconds of skew."""
    return abs(planned - expected) < timedelta(seconds=1)


def only_magnesium_at(ctx: Any, at: time) -> None:
    """(The safety notice read here before: an unread one holds magnesium off at start.)"""
    from liptwitch_desktop.store.settings import set_setting

    set_setting("magnesium_notice_shown", True)
    long_ago = ctx.clock.now() - timedelta(days=30)
    for spec in rs.load_specs().values():
        on = spec.kind is ReminderKind.MAGNESIUM
        rs.save_spec(replace(spec, enabled=on, times=(at,) if on else spec.times), long_ago)


def test_before_the_paint_only_the_window_and_its_controllers_exist(root: Root) -> None:
    assert (root.notifier, root.reminders, root.zone_watch, root.tray) == (None,) * 4
    assert not root.window.is_built and not root.instance.listening


@OFFSCREEN
def test_no_tray_and_no_bus_keep_the_window_home_and_reminders_reach_it(
    ctx: Any, root: Root, qtbot: Any
) -> None:
    """A reminder missed inside its grace time fires at start; with neither a notification
    server nor a tray, it is a banner on Today, and the window is shown to carry it."""
    ctx.clock.set(ctx.clock.now().replace(hour=21, minute=40))  # London: UTC in March
    only_magnesium_at(ctx, time(21, 30))
    rs.set_checked_at(ctx.clock.now() - timedelta(hours=1))
    start(root)
    assert root.tray is not None and root.tray.icon is None
    assert root.notifier is not None and root.notifier.backends == []  # banner fallback
    assert root.reminders is not None and root.reminders.running
    assert "magnesium" in root.reminders.planned()  # tomorrow's, after tonight's fired
    assert root.window.isVisible()  # nothing hidden where nobody can reach it
    assert root.window.hide_on_close() is False  # closing quits
    banners = root.window.page("today").banners
    qtbot.waitUntil(lambda: any(t.startswith("Magnesium") for t in banners.texts()))


def test_a_new_time_zone_moves_the_reminders(ctx: Any, root: Root, zones: Zones) -> None:
    ctx.clock.set(ctx.clock.now().replace(hour=12, minute=0))
    only_magnesium_at(ctx, time(21, 30))
    start(root)
    assert root.reminders is not None and root.zone_watch is not None
    planned = root.reminders.planned()["magnesium"]
    assert near(planned, datetime(2026, 3, 10, 21, 30, tzinfo=LONDON))
    changes: list[Change] = []
    ctx.signals.data_changed.connect(changes.append)
    zones.now = NEW_YORK  # the laptop lands in New York
    assert root.zone_watch.check()
    assert ctx.zone == NEW_YORK and changes == [Change.ZONE]
    moved = root.reminders.planned()["magnesium"]
    assert near(moved, datetime(2026, 3, 10, 21, 30, tzinfo=NEW_YORK))


@OFFSCREEN
def test_the_listener_answers_once_everything_has_started(root: Root) -> None:
    assert not root.instance.listening
    start(root)
    assert root.instance.listening
    root.window.hide()  # e.g. closed to the tray
    root.instance.show_requested.emit()  # what a second start's "show" does
    assert root.window.isVisible()


@OFFSCREEN
def test_the_pages_write_through_the_roots_controllers(ctx: Any, root: Root, qtbot: Any) -> None:
    start(root)
    window = root.window.get()
    assert window.controllers is root.controllers
    changes: list[Change] = []
    ctx.signals.data_changed.connect(changes.append)
    page = window.show_page("settings")
    page.editors["caffeine_target_mg"].setValue(150)
    assert get_setting("caffeine_target_mg") == 150 and changes == [Change.SETTINGS]
    window.entries.toggle_twitching()
    assert changes == [Change.SETTINGS, Change.EPISODE]
    assert root.tray is not None
    root.tray.menu.aboutToShow.emit()
    assert root.tray.action("tray_twitch").text() == "Stop episode"  # the tray sees it too


def test_the_root_shows_the_held_magnesium_notice_once_the_window_exists(
    ctx: Any, root: Root, qtbot: Any
) -> None:
    """A magnesium reminder switched on without the safety notice (an import, an older file)
    is held off at start; the root's last step asks the notice over the window, and "I
    understand" turns the reminder on (found by the by-hand check: without that step, no
    test failed)."""
    from PySide6.QtWidgets import QMessageBox

    rs.save_spec(replace(rs.get_spec(ReminderKind.MAGNESIUM), enabled=True), ctx.clock.now())
    start(root)
    assert not rs.get_spec(ReminderKind.MAGNESIUM).enabled  # held until the notice is read
    assert "magnesium" not in (root.reminders.planned() if root.reminders else {})
    window = root.window.get()  # the person opens the window from the tray
    [box] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert box.parent() is window and "kidney" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled
    assert get_setting("magnesium_notice_shown")
