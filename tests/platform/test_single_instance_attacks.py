"""Issue 13, item 4: another user cannot squat, redirect or split the single-instance lock.

The attacker runs as a second uid (nobody, through `setpriv`) with the system's plain Python
and works in a world-writable sticky folder, as /tmp is; the app under test is this process.
Where the machine cannot run a second uid, those tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from liptwitch_desktop.platform.single_instance import LOCK_NAME, SingleInstance, socket_path

NOBODY = 65534
SYSTEM_PYTHON = "/usr/bin/python3"


def _second_uid_reason() -> str | None:
    if os.getuid() != 0:
        return "switching to a second uid needs root (the tests run as an ordinary user)"
    if shutil.which("setpriv") is None:
        return "setpriv (util-linux) is not installed"
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return f"{SYSTEM_PYTHON} is missing: nothing the second uid can run"
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", SYSTEM_PYTHON,
         "-c", "import os; print(os.getuid())"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if probe.returncode != 0 or probe.stdout.strip() != str(NOBODY):
        return f"setpriv cannot run a second uid here: {probe.stderr.strip()[:200]}"
    return None


SECOND_UID = _second_uid_reason()
needs_second_uid = pytest.mark.skipif(SECOND_UID is not None, reason=SECOND_UID or "")


class Attacker:
    """A process of another user that holds what it made until told to stop."""

    def __init__(self, code: str) -> None:
        self.proc = subprocess.Popen(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
             SYSTEM_PYTHON, "-u", "-c", code],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line == "ready", line

    def finish(self) -> str:
        out, _ = self.proc.communicate("\n", timeout=30)
        return out


@pytest.fixture(autouse=True)
def short_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder with a short path (a socket's address holds 108 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="lt-"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def public_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder like /tmp (root's, mode 1777), used as this process's temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="liptwitch-public-"))
    folder.chmod(0o1777)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def no_runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    return data


def predictable(public_tmp: Path, data: Path) -> Path:
    """The socket name older versions used without XDG_RUNTIME_DIR: anyone could work it out."""
    digest = zlib.crc32(str(data.resolve()).encode())
    return public_tmp / f"liptwitch-{os.getuid()}-{digest:08x}.sock"


HOLD_LOCK = """
import fcntl, os, sys
fd = os.open({lock!r}, os.O_RDWR | os.O_CREAT, 0o666)
fcntl.flock(fd, fcntl.LOCK_EX)
print("ready", flush=True)
sys.stdin.readline()
"""

HOLD_LOCK_AND_LISTEN = """
import fcntl, os, socket, sys
fd = os.open({lock!r}, os.O_RDWR | os.O_CREAT, 0o666)
fcntl.flock(fd, fcntl.LOCK_EX)
server = socket.socket(socket.AF_UNIX)
server.bind({sock!r})
os.chmod({sock!r}, 0o777)
server.listen(4)
server.settimeout(8)
print("ready", flush=True)
try:
    conn, _ = server.accept()
    print("GOT", conn.recv(64).decode().strip(), flush=True)
except OSError:
    print("GOT nothing", flush=True)
sys.stdin.readline()
"""


@needs_second_uid
def test_another_user_holding_the_old_lock_cannot_make_the_app_exit(
    public_tmp: Path, no_runtime_dir: Path, qapp: object
) -> None:
    data = no_runtime_dir
    lock = str(predictable(public_tmp, data)) + ".lock"
    attacker = Attacker(HOLD_LOCK.format(lock=lock))
    try:
        app = SingleInstance(data_dir=data)
        assert app.claim() is True, "another user's lock made the app believe it already runs"
        assert app.listen() is True
        assert not str(app.path).startswith(str(public_tmp))
        app.release()
    finally:
        attacker.finish()


@needs_second_uid
def test_another_user_cannot_receive_the_show_messages(
    public_tmp: Path,
    no_runtime_dir: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    data = no_runtime_dir
    sock = predictable(public_tmp, data)
    attacker = Attacker(HOLD_LOCK_AND_LISTEN.format(lock=str(sock) + ".lock", sock=str(sock)))
    first = SingleInstance(data_dir=data)
    try:
        assert first.acquire() is True
        second = SingleInstance(data_dir=data)
        with qtbot.waitSignal(first.show_requested, timeout=3000):
            assert second.acquire() is False  # it asks the real first instance
    finally:
        first.release()
        os.kill(attacker.proc.pid, 0)
        # Wake the attacker's accept() so it reports what (if anything) it was sent.
        with socket.socket(socket.AF_UNIX) as poke:
            poke.connect(str(sock))
            poke.sendall(b"poke\n")
        heard = attacker.finish()
    assert "GOT show" not in heard, "the show message went to another user's socket"


@needs_second_uid
def test_a_symlink_planted_by_another_user_creates_nothing_in_our_name(
    public_tmp: Path, no_runtime_dir: Path, tmp_path: Path
) -> None:
    data = no_runtime_dir
    victim_file = tmp_path / "victims-file-made-by-the-attacker"
    lock = str(predictable(public_tmp, data)) + ".lock"
    plant = f"import os; os.symlink({str(victim_file)!r}, {lock!r}); print('ready', flush=True)"
    attacker = Attacker(plant + "\nimport sys; sys.stdin.readline()")
    try:
        app = SingleInstance(data_dir=data)
        assert app.claim() is True
        assert not victim_file.exists(), "the lock followed another user's symlink"
        app.release()
    finally:
        attacker.finish()


def test_one_instance_per_folder_whether_or_not_xdg_runtime_dir_is_set(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    first = SingleInstance(data_dir=data)
    assert first.acquire() is True
    assert first.path.parent == runtime
    monkeypatch.delenv("XDG_RUNTIME_DIR")  # a start from a shell without a session
    second = SingleInstance(data_dir=data)
    assert second.path.parent != runtime
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        assert second.acquire() is False, "two instances ran on one data folder"
    first.release()


def test_a_runtime_dir_of_another_user_or_open_to_all_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_cache: Path
) -> None:
    for mode, owner in ((0o1777, os.getuid()), (0o700, NOBODY)):
        runtime = tmp_path / f"runtime-{mode:o}-{owner}"
        runtime.mkdir()
        runtime.chmod(mode)
        os.chown(runtime, owner, -1)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        chosen = socket_path(tmp_path / "data")
        assert chosen.parent == short_cache / "LipTwitch" / "run", (mode, owner)


def test_a_lock_that_is_a_link_or_not_ours_is_refused_and_the_app_runs_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    target = tmp_path / "elsewhere"
    (data / LOCK_NAME).symlink_to(target)
    app = SingleInstance(data_dir=data)
    assert app.claim() is True  # runs on ...
    assert app.listen() is False  # ... without the listener
    assert not target.exists()
    assert "refused" in caplog.text or "unavailable" in caplog.text
    app.release()
    (data / LOCK_NAME).unlink()
    (data / LOCK_NAME).write_text("")
    os.chown(data / LOCK_NAME, NOBODY, -1)
    other = SingleInstance(data_dir=data)
    assert other.claim() is True and other.listen() is False
    assert "another user" in caplog.text
    other.release()


def test_a_data_folder_others_can_write_gets_no_listener(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "shared"
    data.mkdir()
    data.chmod(0o777)
    app = SingleInstance(data_dir=data)
    assert app.claim() is True and app.listen() is False
    assert "can be written by others" in caplog.text
    app.release()


def test_a_home_that_cannot_be_written_gets_no_listener_but_the_app_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "a-file" / "cache"))  # cannot be made
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    app = SingleInstance(data_dir=data)
    assert app.claim() is True and app.listen() is False
    assert "no private folder" in caplog.text
    second = SingleInstance(data_dir=data)
    assert second.claim() is False  # the lock still keeps a second instance out
    app.release()
