"""One instance per user: a second start asks the first to show itself; a stale socket left
by a crash does not lock anyone out. Real QLocalServer/QLocalSocket pairs, in process."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from liptwitch_desktop import qt_fixes
from liptwitch_desktop.single_instance import SingleInstance, socket_path

qt_fixes.install()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "run" / "liptwitch.sock"


@pytest.fixture(autouse=True)
def _run_dir(path: Path) -> None:
    path.parent.mkdir(mode=0o700)


def test_first_acquires_second_asks_it_to_show(path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(path)
    assert first.acquire() is True
    assert path.exists()
    second = SingleInstance(path)
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        assert second.acquire() is False
    assert not second.listening
    third = SingleInstance(path)
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        assert third.acquire() is False
    first.release()
    assert not path.exists()


def test_after_the_first_quits_the_next_start_takes_over(path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(path)
    assert first.acquire()
    first.release()
    second = SingleInstance(path)
    assert second.acquire() is True
    assert second.acquire() is True  # idempotent
    second.release()


def test_stale_socket_file_from_a_crash_is_replaced(path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(str(path))
    crashed.close()  # the file stays, nobody listens: what a SIGKILL leaves behind
    assert path.exists()
    survivor = SingleInstance(path)
    assert survivor.acquire() is True
    other = SingleInstance(path)
    with qtbot.waitSignal(survivor.show_requested, timeout=3000):
        assert other.acquire() is False
    survivor.release()


def test_socket_is_private_to_the_user(path: Path) -> None:
    first = SingleInstance(path)
    assert first.acquire()
    assert path.stat().st_mode & 0o077 == 0
    first.release()


def test_socket_path_per_user_and_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "xdg"
    runtime.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert socket_path() == runtime / "liptwitch.sock"
    a, b = socket_path(tmp_path / "a"), socket_path(tmp_path / "b")
    assert a != b and a.parent == runtime and a.name.startswith("liptwitch-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", "")
    import os

    assert str(os.getuid()) in socket_path().name
