"""Review of issue 13, F11: a hard-linked copy of the data folder (`cp -al`, a snapshot tool)
gives the lock file a second link. That is no one else's doing (the folder is private), so
the lock is used, and split from the copy: one instance per folder holds, on the original
and on the copy, also when two starts race for it; nothing foreign is accepted on the way
(a symlink, a folder, another user's file: tests/platform/test_single_instance_attacks.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from liptwitch_desktop.platform.single_instance import LOCK_NAME, SingleInstance


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    runtime = Path(tempfile.mkdtemp(prefix="lt-run-"))  # short: a socket's path is < 108 bytes
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folder = tmp_path / "LipTwitch"
    folder.mkdir(mode=0o700)
    first = SingleInstance(data_dir=folder)  # an earlier run made the lock file
    assert first.claim()
    first.release()
    yield folder
    shutil.rmtree(runtime, ignore_errors=True)


def _snapshot(data: Path) -> Path:
    copy = data.with_name("snapshot")
    subprocess.run(["cp", "-al", str(data), str(copy)], check=True)
    assert (data / LOCK_NAME).stat().st_nlink == 2
    return copy


def test_a_hard_linked_copy_keeps_one_instance_per_folder(
    data: Path, caplog: pytest.LogCaptureFixture, qapp: object
) -> None:
    copy = _snapshot(data)
    first = SingleInstance(data_dir=data)
    assert first.claim() is True
    assert first.listen() is True, caplog.text  # the lock was not refused
    second = SingleInstance(data_dir=data)
    assert second.claim() is False, "a second instance ran on the same folder"
    assert "not a plain file" not in caplog.text
    # The copy is another folder: it gets an instance of its own, and one only.
    on_copy = SingleInstance(data_dir=copy)
    assert on_copy.claim() is True and on_copy.listen() is True
    assert SingleInstance(data_dir=copy).claim() is False
    assert (data / LOCK_NAME).stat().st_ino != (copy / LOCK_NAME).stat().st_ino
    assert os.stat(data / LOCK_NAME).st_mode & 0o777 == 0o600
    on_copy.release()
    first.release()


CLAIM = """
import sys, time
from pathlib import Path
from liptwitch_desktop.platform.single_instance import SingleInstance
start = float(sys.argv[2])
while time.time() < start:
    pass
one = SingleInstance(data_dir=Path(sys.argv[1]))
print("claimed" if one.claim() else "refused", flush=True)
sys.stdin.readline()
"""


def test_two_starts_racing_for_a_linked_lock_let_one_in(data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "QT_QPA_PLATFORM": "offscreen"}
    for round_ in range(5):
        copy = tmp_path / f"copy{round_}"
        subprocess.run(["cp", "-al", str(data), str(copy)], check=True)
        start = str(time.time() + 1.2)
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", CLAIM, str(folder), start],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for folder in (data, data, data, copy)  # and one on the copy, at the same time
        ]
        said = [r.stdout.readline().strip() for r in racers if r.stdout is not None]
        for r in racers:
            r.communicate("\n", timeout=30)
        assert sorted(said[:3]) == ["claimed", "refused", "refused"], (round_, said)
        assert said[3] == "claimed", (round_, said)


def test_a_lock_that_was_shared_is_waited_for_while_a_racer_lets_go(data: Path) -> None:
    """Found racing (above, under load): a start on the copy meets the lock still shared,
    then split by the original's start (one link left) and held a moment by another start on
    the original, which locked the old file before seeing it had lost that name. That hold
    is not a running instance: the copy's start waits it out instead of giving up."""
    import fcntl
    import threading

    copy = _snapshot(data)
    racer = os.open(copy / LOCK_NAME, os.O_RDWR)
    fcntl.flock(racer, fcntl.LOCK_EX)  # the original's start, splitting

    def split_then_let_go() -> None:
        time.sleep(0.2)
        (data / LOCK_NAME).unlink()  # the original's name now on a file of its own
        (data / LOCK_NAME).write_bytes(b"")
        time.sleep(0.3)  # a racer on the original holds the old file a moment longer
        os.close(racer)

    helper = threading.Thread(target=split_then_let_go)
    helper.start()
    on_copy = SingleInstance(data_dir=copy)
    try:
        assert on_copy.claim(), "the copy's start gave up on a lock no instance holds"
    finally:
        helper.join()
        on_copy.release()
