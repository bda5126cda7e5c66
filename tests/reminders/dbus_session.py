"""What the Do Not Disturb tests share: a private session bus, a real X server and dunst,
started and stopped by their own process handles; and a small jeepney notification server
for the desktops this machine has no real server for (KDE's Inhibited, GNOME Shell).

System packages: xvfb dbus-x11 (dbus-daemon) dunst; gsettings (libglib2.0-bin) and
gsettings-desktop-schemas for the GNOME test. With CI=true missing tools fail the tests.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from liptwitch_desktop.reminders.dnd import (
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    DoNotDisturbProbe,
    DoNotDisturbWatch,
)

Closable = TypeVar("Closable", DoNotDisturbProbe, DoNotDisturbWatch, None)
OPENED: list[DoNotDisturbProbe | DoNotDisturbWatch] = []


def opened(thing: Closable) -> Closable:
    """Closed at the end of the test, whatever it found (an open socket warns, and fails)."""
    if thing is not None:
        OPENED.append(thing)
    return thing


def ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        message = "the Do Not Disturb tests need: " + ", ".join(missing)
        if ci():
            pytest.fail(message + " (CI=true: these tests must run, install them in .ci/run)")
        pytest.skip(message)


def wait(predicate: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
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
        wait(lambda: has_owner(self.address), "dunst to own the name")

    def stop(self) -> None:
        assert self.proc is not None
        self.processes.stop(self.proc)
        wait(lambda: not has_owner(self.address), "dunst to leave the bus")

    def set_paused(self, paused: bool) -> None:
        subprocess.run(
            ["dunstctl", "set-paused", "true" if paused else "false"],
            env=self.env,
            check=True,
            timeout=10,
        )


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
