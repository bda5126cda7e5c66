"""Do Not Disturb against a REAL dunst on a private session bus: paused and unpaused with
`dunstctl`, heard at once by the watch; no notification server at all (and none started); a
server that goes and comes back; no bus, and a bus that dies.

With CI=true these tests must run: missing tools fail them instead of skipping.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from liptwitch_desktop.reminders.dnd import (
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    DoNotDisturbProbe,
    DoNotDisturbWatch,
)
from tests.reminders.dbus_session import Dunst, Processes, has_owner, opened, require, wait


def test_a_paused_dunst_is_do_not_disturb_and_unpaused_is_not(dunst: Dunst) -> None:
    probe = opened(DoNotDisturbProbe(bus=dunst.address))
    assert probe.is_active() is False
    assert probe.source == "dunst" and probe.server_name == "dunst"
    dunst.set_paused(True)
    assert probe.is_active() is True
    assert probe.source == "dunst"
    dunst.set_paused(False)
    assert probe.is_active() is False
    probe.close()


def test_asking_every_minute_is_cheap(dunst: Dunst) -> None:
    probe = opened(DoNotDisturbProbe(bus=dunst.address))
    start = time.monotonic()
    for _ in range(20):
        assert probe.is_active() is False
    # Two round trips on a kept connection each time: far under the 0.5 s call timeout.
    assert (time.monotonic() - start) / 20 < 0.25
    probe.close()


def test_the_watch_hears_dunst_pause_and_resume_at_once(dunst: Dunst) -> None:
    watch = opened(DoNotDisturbWatch.open(dunst.address))
    assert watch is not None and watch.fileno() >= 0
    assert watch.poll() is False
    dunst.set_paused(True)
    wait(watch.poll, "PropertiesChanged(paused) to reach the watch", 5)
    assert opened(DoNotDisturbProbe(bus=dunst.address)).is_active() is True
    dunst.set_paused(False)
    wait(watch.poll, "PropertiesChanged(paused=false)", 5)
    assert watch.poll() is False  # nothing new since
    watch.close()
    assert not watch.alive


def test_no_notification_server_is_cannot_tell_and_starts_none(bus: str, display: str) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    require("dunst")
    with open_dbus_connection(bus=bus) as conn:
        # dunst is installed with a D-Bus service file: with DISPLAY in the bus's activation
        # environment, any call that could start it would, and the probe would then say False.
        update = message_bus.UpdateActivationEnvironment({"DISPLAY": display})
        conn.send_and_get_reply(update, timeout=5)
        probe = opened(DoNotDisturbProbe(bus=bus))
        assert probe.is_active() is None
        assert probe.source is None
        time.sleep(0.3)
        assert not has_owner(bus)
        # The control: an ordinary call does start one here.
        server = DBusAddress(NOTIFICATIONS_PATH, NOTIFICATIONS, NOTIFICATIONS)
        info = new_method_call(server, "GetServerInformation")
        assert conn.send_and_get_reply(info, timeout=10).body[0] == "dunst"
        pid = conn.send_and_get_reply(
            message_bus.GetConnectionUnixProcessID(NOTIFICATIONS), timeout=5
        ).body[0]
        os.kill(pid, signal.SIGTERM)  # the dunst this test made D-Bus start


def test_the_server_going_away_and_coming_back_is_followed(dunst: Dunst) -> None:
    probe = opened(DoNotDisturbProbe(bus=dunst.address))
    watch = opened(DoNotDisturbWatch.open(dunst.address))
    assert watch is not None
    dunst.set_paused(True)
    assert probe.is_active() is True
    dunst.stop()
    assert probe.is_active() is None
    wait(watch.poll, "NameOwnerChanged to reach the watch", 5)
    dunst.start()  # a new dunst starts unpaused
    assert probe.is_active() is False
    watch.close()


def test_no_bus_is_cannot_tell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = f"unix:path={tmp_path / 'no-bus'}"
    assert opened(DoNotDisturbProbe(bus=missing)).is_active() is None
    assert opened(DoNotDisturbWatch.open(missing)) is None
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert opened(DoNotDisturbProbe()).is_active() is None


def test_a_bus_that_dies_under_the_probe_is_cannot_tell(processes: Processes, dunst: Dunst) -> None:
    probe = opened(DoNotDisturbProbe(bus=dunst.address))
    watch = opened(DoNotDisturbWatch.open(dunst.address))
    assert watch is not None and probe.is_active() is False
    for proc in processes.procs:
        if proc.args[0] == "dbus-daemon":
            processes.stop(proc)
    assert probe.is_active() is None
    wait(watch.poll, "the watch to notice", 5)
    assert not watch.alive and watch.poll() is False
