"""Do Not Disturb on the desktops this machine has no real server for, through small jeepney
servers speaking their interfaces on a private bus: KDE's `Inhibited` property, GNOME Shell
with its real `show-banners` setting read by the real `gsettings` (keyfile backend), a
server that says nothing, an older dunst answered by `dunstctl`, and a server replaced.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from liptwitch_desktop.reminders.dnd import (
    DUNST_INTERFACE,
    NOTIFICATIONS,
    DoNotDisturbProbe,
    DoNotDisturbWatch,
)
from tests.reminders.dbus_session import FakeServer, ci, has_owner, opened, require, wait


def test_kde_inhibited_is_read_and_its_change_heard(
    bus: str, fake_server: Callable[..., FakeServer]
) -> None:
    server = fake_server("Plasma", {(NOTIFICATIONS, "Inhibited"): False})
    probe = opened(DoNotDisturbProbe(bus=bus))
    watch = opened(DoNotDisturbWatch.open(bus))
    assert watch is not None
    assert probe.is_active() is False and probe.source == "Inhibited"
    server.set(NOTIFICATIONS, "Inhibited", True)
    wait(watch.poll, "PropertiesChanged(Inhibited)", 5)
    assert probe.is_active() is True
    server.set(DUNST_INTERFACE, "displayedLength", False)  # not a property we watch
    time.sleep(0.3)
    assert watch.poll() is False
    watch.close()


def test_a_server_that_says_nothing_about_it_is_cannot_tell(
    bus: str, fake_server: Callable[..., FakeServer]
) -> None:
    fake_server("Notification Daemon")
    assert opened(DoNotDisturbProbe(bus=bus)).is_active() is None


@pytest.fixture
def gnome_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """The real gsettings, on a keyfile backend in a private folder (no dconf needed)."""
    require("gsettings")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    schemas = subprocess.run(
        ["gsettings", "list-schemas"], capture_output=True, text=True, check=False
    ).stdout.split()
    if "org.gnome.desktop.notifications" not in schemas:
        if ci():
            pytest.fail("gsettings-desktop-schemas is missing (CI=true: install it)")
        pytest.skip("gsettings-desktop-schemas is not installed")

    def set_banners(show: bool) -> None:
        subprocess.run(
            [
                "gsettings",
                "set",
                "org.gnome.desktop.notifications",
                "show-banners",
                str(show).lower(),
            ],
            check=True,
            timeout=10,
        )

    return set_banners


def test_gnome_show_banners_off_is_do_not_disturb(
    bus: str,
    fake_server: Callable[..., FakeServer],
    gnome_settings: Callable[[bool], None],
) -> None:
    fake_server("gnome-shell")
    probe = opened(DoNotDisturbProbe(bus=bus))
    gnome_settings(False)
    assert probe.is_active() is True and probe.source == "gnome"
    gnome_settings(True)
    assert probe.is_active() is False


def test_gnomes_setting_is_ignored_when_gnome_shows_no_banners_here(
    bus: str,
    fake_server: Callable[..., FakeServer],
    gnome_settings: Callable[[bool], None],
) -> None:
    fake_server("xfce4-notifyd")
    gnome_settings(False)
    assert opened(DoNotDisturbProbe(bus=bus)).is_active() is None


def test_dunstctl_answers_when_dunsts_property_cannot_be_read(
    bus: str,
    fake_server: Callable[..., FakeServer],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_server("dunst")  # an older dunst: no property over D-Bus
    tools = tmp_path / "bin"
    tools.mkdir()
    tool = tools / "dunstctl"
    # Prints what it is asked and on which bus, so the test sees both were handed on.
    tool.write_text(
        f'#!/bin/sh\necho "$@ $DBUS_SESSION_BUS_ADDRESS" > {tmp_path}/asked\necho true\n'
    )
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}:{os.environ['PATH']}")
    probe = opened(DoNotDisturbProbe(bus=bus))
    assert probe.is_active() is True and probe.source == "dunstctl"
    assert (tmp_path / "asked").read_text().split() == ["is-paused", bus]
    tool.write_text("#!/bin/sh\necho 'Failed to communicate with dunst' >&2\nexit 1\n")
    assert probe.is_active() is None


def test_a_new_server_is_learnt_again(
    bus: str,
    fake_server: Callable[..., FakeServer],
    gnome_settings: Callable[[bool], None],
) -> None:
    gnome_settings(False)
    probe = opened(DoNotDisturbProbe(bus=bus))
    gnome = fake_server("gnome-shell")
    assert probe.is_active() is True and probe.server_name == "gnome-shell"
    gnome.close()
    wait(lambda: not has_owner(bus), "the first server to leave")
    fake_server("xfce4-notifyd")  # GNOME's setting means nothing to it
    assert probe.is_active() is None and probe.server_name == "xfce4-notifyd"
