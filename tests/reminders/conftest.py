"""Fixtures of the Do Not Disturb tests (see dbus_session.py)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.reminders.dbus_session import (
    OPENED,
    Dunst,
    FakeServer,
    Processes,
    require,
)


@pytest.fixture(autouse=True)
def _close_opened() -> Iterator[None]:
    yield
    while OPENED:
        OPENED.pop().close()


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
    require("dbus-daemon")
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
    require("Xvfb")
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


@pytest.fixture
def dunst(processes: Processes, bus: str, display: str, tmp_path: Path) -> Dunst:
    require("dunst", "dunstctl", "dbus-send")
    server = Dunst(processes, bus, display, tmp_path)
    server.start()
    return server


@pytest.fixture
def fake_server(bus: str) -> Iterator[Callable[..., FakeServer]]:
    made: list[FakeServer] = []

    def make(name: str, properties: dict[tuple[str, str], bool] | None = None) -> FakeServer:
        made.append(FakeServer(bus, name, properties or {}))
        return made[-1]

    yield make
    for server in made:
        server.close()
