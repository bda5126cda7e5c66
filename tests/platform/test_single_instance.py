"""One instance per user: a second start asks the first to show itself; a stale socket left
by a crash does not lock anyone out. Real locks and QLocalServer/QLocalSocket pairs."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from liptwitch_desktop.platform.single_instance import SingleInstance, socket_path


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
    # Without XDG_RUNTIME_DIR: a private folder of the user's own, never a guessable /tmp name.
    monkeypatch.setenv("XDG_RUNTIME_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fallback = socket_path(tmp_path / "a")
    assert fallback.parent == tmp_path / "cache" / "LipTwitch" / "run"
    assert fallback.parent.stat().st_mode & 0o777 == 0o700


def test_the_claim_comes_before_listening_and_a_second_start_waits_for_it(
    path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first = SingleInstance(path)
    assert first.claim() is True  # before the window: no socket yet
    assert not first.listening and not path.exists()
    second = SingleInstance(path)
    assert second.claim() is False
    assert second.tell_running(timeout_s=0.2) is False  # nobody listens yet: it gives up
    first.listen()  # after the first paint
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        assert second.tell_running() is True
    first.release()
    assert second.claim() is True  # released: the next start takes over
    second.release()


def test_a_killed_instance_leaves_no_lock_behind(path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(path) + '.lock'!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert SingleInstance(path).claim() is False
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        survivor = SingleInstance(path)
        assert survivor.claim() is True
        survivor.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=10)
        assert holder.stdout is not None
        holder.stdout.close()


def test_a_socket_that_cannot_be_made_is_logged_and_the_app_runs_on(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    deep = tmp_path / ("d" * 120)  # longer than a Unix socket address may be
    deep.mkdir()
    first = SingleInstance(deep / "liptwitch.sock")
    assert first.claim() is True
    assert first.listen() is False
    assert "unavailable" in caplog.text
    assert SingleInstance(deep / "liptwitch.sock").claim() is False  # still the only one
    first.release()


def test_no_lock_file_possible_still_starts(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "no-such-folder" / "liptwitch.sock"
    instance = SingleInstance(missing)
    assert instance.claim() is True and instance.claimed
    assert "unavailable" in caplog.text
    instance.release()
    assert not instance.claimed


def test_a_second_hidden_start_leaves_the_first_in_the_tray(path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    # Review 16/17, finding 14: a second `--hidden` start brought the window to the front.
    from liptwitch_desktop.app import hand_over

    first = SingleInstance(path)
    assert first.acquire() is True
    second = SingleInstance(path)
    assert second.claim() is False
    shown: list[bool] = []
    first.show_requested.connect(lambda: shown.append(True))
    said = hand_over(second, hidden=True)
    qtbot.wait(300)  # time for a "show" to arrive, were one sent
    assert not shown and "in the tray" in said
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        said = hand_over(second, hidden=False)  # a start from the menu still shows it
    assert "brought to the front" in said
    first.release()
