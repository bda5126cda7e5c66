"""Do Not Disturb, seen on a private session bus: a REAL dunst paused and unpaused with
`dunstctl`, no notification server at all, a lost bus, and (for the sources this machine
has no real server for) small jeepney servers that speak the same interfaces: KDE's
`Inhibited` property and GNOME Shell with its real `show-banners` setting read by the real
`gsettings`.

With CI=true the dunst tests must run: missing tools fail them instead of skipping.
System packages: xvfb dbus-x11 (dbus-daemon) dunst; gsettings (libglib2.0-bin) and
gsettings-desktop-schemas for the GNOME test.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from liptwitch_desktop.reminders.dnd import (
    DUNST_INTERFACE,
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    DoNotDisturbProbe,
    DoNotDisturbWatch,
)

_Closable = TypeVar("_Closable", DoNotDisturbProbe, DoNotDisturbWatch, None)
_OPENED: list[DoNotDisturbProbe | DoNotDisturbWatch] = []


def opened(thing: _Closable) -> _Closable:
    """Closed at the end of the test, whatever it found (an open socket warns, and fails)."""
    if thing is not None:
        _OPENED.append(thing)
    return thing


@pytest.fixture(autouse=True)
def _close_opened() -> Iterator[None]:
    yield
    while _OPENED:
        _OPENED.pop().close()


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = "the Do Not Disturb tests need: " + ", ".join(missing)
        if _ci():
            pytest.fail(message + " (CI=true: these tests must run, install them in .ci/run)")
        pytest.skip(message)


def _wait(predicate: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Processes:
    """What a test started, stopped by its own Popen handles at the end."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(argv, **kwargs)
        self.procs.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()

    def stop_all(self) -> None:
        for proc in reversed(self.procs):
            self.stop(proc)


@pytest.fixture
def processes() -> Iterator[Processes]:
    started = Processes()
    try:
        yield started
    finally:
        started.stop_all()


@pytest.fixture
def bus(processes: Processes, tmp_path: Path) -> str:
    """A private session bus (dbus-daemon --session, so services could be activated: the
    probe must never do that)."""
    _require("dbus-daemon")
    proc = processes.start(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().decode().strip()
    assert address.startswith("unix:"), address
    return address


@pytest.fixture
def display(processes: Processes, tmp_path: Path) -> str:
    """A real X server for dunst; Xvfb picks a free display itself."""
    _require("Xvfb")
    read_end, write_end = os.pipe()
    processes.start(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        number = pipe.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    return f":{int(number)}"


def has_owner(address: str, name: str = NOTIFICATIONS) -> bool:
    """NameHasOwner: unlike calling the service, it never starts one."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as conn:
        reply = conn.send_and_get_reply(message_bus.NameHasOwner(name), timeout=5)
    return bool(reply.body[0])


class Dunst:
    def __init__(self, processes: Processes, address: str, display: str, tmp: Path) -> None:
        self.processes = processes
        self.env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": display}
        self.address = address
        self.config = tmp / "dunstrc"
        self.config.write_text("[global]\n    timeout = 0\n")
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.proc = self.processes.start(
            ["dunst", "-config", str(self.config)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Never call dunstctl before our dunst owns the name: D-Bus would start another.
        _wait(lambda: has_owner(self.address), "dunst to own the name")

    def stop(self) -> None:
        assert self.proc is not None
        self.processes.stop(self.proc)
        _wait(lambda: not has_owner(self.address), "dunst to leave the bus")

    def set_paused(self, paused: bool) -> None:
        subprocess.run(
            ["dunstctl", "set-paused", "true" if paused else "false"],
            env=self.env,
            check=True,
            timeout=10,
        )


@pytest.fixture
def dunst(processes: Processes, bus: str, display: str, tmp_path: Path) -> Dunst:
    _require("dunst", "dunstctl", "dbus-send")
    server = Dunst(processes, bus, display, tmp_path)
    server.start()
    return server


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
    _wait(watch.poll, "PropertiesChanged(paused) to reach the watch", 5)
    assert opened(DoNotDisturbProbe(bus=dunst.address)).is_active() is True
    dunst.set_paused(False)
    _wait(watch.poll, "PropertiesChanged(paused=false)", 5)
    assert watch.poll() is False  # nothing new since
    watch.close()
    assert not watch.alive


def test_no_notification_server_is_cannot_tell_and_starts_none(bus: str, display: str) -> None:
    from jeepney import DBusAddress, new_method_call
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    _require("dunst")
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
    _wait(watch.poll, "NameOwnerChanged to reach the watch", 5)
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
    _wait(watch.poll, "the watch to notice", 5)
    assert not watch.alive and watch.poll() is False


class FakeServer:
    """A notification server on the bus with the given name and boolean properties, served
    from a thread (jeepney), emitting PropertiesChanged when a property is set."""

    def __init__(self, address: str, name: str, properties: dict[tuple[str, str], bool]) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.name, self.properties = name, dict(properties)
        self.conn = open_dbus_connection(bus=address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(NOTIFICATIONS, 4), timeout=5)
        assert reply.body[0] == 1, "could not own the notification name"
        self.changes: queue.Queue[tuple[str, str, bool]] = queue.Queue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def set(self, interface: str, name: str, value: bool) -> None:
        self.changes.put((interface, name, value))

    def serve(self) -> None:
        from jeepney import DBusAddress, MessageType, new_error, new_method_return, new_signal

        emitter = DBusAddress(NOTIFICATIONS_PATH, interface="org.freedesktop.DBus.Properties")
        while not self.stopping.is_set():
            with contextlib.suppress(queue.Empty):
                interface, name, value = self.changes.get_nowait()
                self.properties[(interface, name)] = value
                body = (interface, {name: ("b", value)}, [])
                self.conn.send(new_signal(emitter, "PropertiesChanged", "sa{sv}as", body))
            try:
                msg = self.conn.receive(timeout=0.02)
            except TimeoutError:
                continue
            if msg.header.message_type is not MessageType.method_call:
                continue
            member = msg.header.fields.get(3)
            if member == "Get" and tuple(msg.body) in self.properties:
                value = self.properties[tuple(msg.body)]
                self.conn.send(new_method_return(msg, "v", (("b", value),)))
            elif member == "GetServerInformation":
                self.conn.send(new_method_return(msg, "ssss", (self.name, "test", "1", "1.2")))
            else:
                self.conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownProperty"))

    def close(self) -> None:
        if not self.stopping.is_set():
            self.stopping.set()
            self.thread.join(5)
            self.conn.close()


@pytest.fixture
def fake_server(bus: str) -> Iterator[Callable[..., FakeServer]]:
    made: list[FakeServer] = []

    def make(name: str, properties: dict[tuple[str, str], bool] | None = None) -> FakeServer:
        made.append(FakeServer(bus, name, properties or {}))
        return made[-1]

    yield make
    for server in made:
        server.close()


def test_kde_inhibited_is_read_and_its_change_heard(
    bus: str, fake_server: Callable[..., FakeServer]
) -> None:
    server = fake_server("Plasma", {(NOTIFICATIONS, "Inhibited"): False})
    probe = opened(DoNotDisturbProbe(bus=bus))
    watch = opened(DoNotDisturbWatch.open(bus))
    assert watch is not None
    assert probe.is_active() is False and probe.source == "Inhibited"
    server.set(NOTIFICATIONS, "Inhibited", True)
    _wait(watch.poll, "PropertiesChanged(Inhibited)", 5)
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
    _require("gsettings")
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    schemas = subprocess.run(
        ["gsettings", "list-schemas"], capture_output=True, text=True, check=False
    ).stdout.split()
    if "org.gnome.desktop.notifications" not in schemas:
        if _ci():
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
    _wait(lambda: not has_owner(bus), "the first server to leave")
    fake_server("xfce4-notifyd")  # GNOME's setting means nothing to it
    assert probe.is_active() is None and probe.server_name == "xfce4-notifyd"
