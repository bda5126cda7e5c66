"""Where the single-instance lock and socket live, the checks on them, and the client side:
a headless verb (`liptwitch twitch`) asks the running app over the socket and reads its answer.

Kept apart from single_instance.py (the listener, a QObject) because the verbs must not
import Qt: `liptwitch twitch` to a running app is budgeted at 3x `liptwitch --version`.
Pure standard library, like platform/ipc_protocol.py.

Everything is opened with O_NOFOLLOW and checked: the folder, the lock and the socket must
be this user's and not writable by others; a foreign one is never spoken to.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .own_files import (
    Foreign,
    check_own_socket,
    check_private_dir,
    open_own_file,
    same_file,
    split_link,
)

if TYPE_CHECKING:
    # Imported when a verb asks: the app imports this module before its first paint, and
    # the socket module and the protocol are not needed until after it.
    import socket

    from .ipc_protocol import Refusal, Response


def _warn(message: str, *args: object) -> None:
    """Logged as the listener logs (imported when needed: a verb's start has no use for it)."""
    import logging

    logging.getLogger("liptwitch.single_instance").warning(message, *args)


LOCK_NAME = "liptwitch.lock"
# How long a start waits for a lock shared through a hard link to be split by another.
LINK_SPLIT_WAIT_S = 1.0
CONNECT_TIMEOUT_S = 0.5
# How long a verb waits for the running app's answer: long enough for a first start that
# is still building its window (the listener comes after the first paint), never forever.
ANSWER_TIMEOUT_S = 5.0


class NoAnswer(OSError):
    """The running app could not be reached, or did not answer in time (one line: why)."""


def private_run_path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "LipTwitch" / "run"


def _private_run_dir() -> Path:
    """~/.cache/LipTwitch/run, made 0700 (each folder of ours on the way is checked)."""
    run = private_run_path()
    run.mkdir(parents=True, exist_ok=True, mode=0o700)
    for folder in (run.parent, run):
        info = os.lstat(folder)
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            os.chmod(folder, 0o700)
    return run


def runtime_dir() -> Path:
    """Where the socket goes: $XDG_RUNTIME_DIR if it is truly ours, else the private run
    folder. Raises Foreign (or OSError) when neither can be trusted."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime:
        try:
            check_private_dir(Path(runtime))
            return Path(runtime)
        except OSError as exc:
            _warn("not using XDG_RUNTIME_DIR: %s", exc)
    run = _private_run_dir()
    check_private_dir(run)
    return run


def socket_path(data_dir: Path | None = None) -> Path:
    """liptwitch[-<data folder hash>].sock in the runtime folder (see `runtime_dir`)."""
    suffix = ""
    if data_dir is not None:
        digest = zlib.crc32(str(Path(data_dir).resolve()).encode())
        suffix = f"-{digest:08x}"
    try:
        folder = runtime_dir()
    except OSError as exc:
        _warn("no private folder for the single-instance socket: %s", exc)
        folder = private_run_path()  # listen() checks it again, and refuses
    return folder / f"liptwitch{suffix}.sock"


def published_path(lock_path: Path, fallback: Path) -> Path:
    """The socket the running instance wrote into its lock file (else `fallback`)."""
    try:
        fd = open_own_file(lock_path, os.O_RDONLY)
    except OSError:
        return fallback
    try:
        line = os.pread(fd, 4096, 0).split(b"\n", 1)[0].strip()
    finally:
        os.close(fd)
    return Path(os.fsdecode(line)) if line else fallback


def claim_lock(lock_path: Path) -> int | None:
    """The lock file's descriptor, locked by us; None when a running instance holds it.

    The name is checked again once locked: another start may have replaced the file
    meanwhile (splitting a hard link, see own_files.split_link), and a lock on a file that no
    longer has the name keeps no one out. A lock shared with a copy of the folder may be
    held for a moment by a start on that copy, splitting its own name: then we retry. Once
    seen shared, it is retried even after the split has left it one link: a racing start
    on the other folder may hold the old file a moment, until it sees it lost that name.
    """
    deadline = time.monotonic() + LINK_SPLIT_WAIT_S
    was_shared = False
    while True:
        fd = open_own_file(lock_path, os.O_RDWR | os.O_CREAT)
        was_shared = was_shared or os.fstat(fd).st_nlink > 1
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if was_shared and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            return None
        except BaseException:
            os.close(fd)
            raise
        if not same_file(fd, lock_path):
            os.close(fd)
            continue
        if os.fstat(fd).st_nlink > 1:
            fd = split_link(fd, lock_path)
        return fd


@contextlib.contextmanager
def lock_if_free(lock_path: Path) -> Iterator[bool]:
    """Hold the data folder's lock for the block if no instance holds it: True, and no app
    can start on the folder meanwhile (a verb writes the store itself then). False when an
    instance runs: ask it instead. A lock that cannot be trusted (foreign) raises Foreign."""
    check_private_dir(lock_path.parent)
    fd = claim_lock(lock_path)
    if fd is None:
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def _connect(target: Path, deadline: float) -> socket.socket:
    """A connection to the running app's socket, retried while it is still starting."""
    import socket

    while True:
        check_own_socket(target)  # Foreign is not retried
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            client.settimeout(max(0.05, min(CONNECT_TIMEOUT_S, deadline - time.monotonic())))
            client.connect(str(target))
            return client
        except OSError:
            client.close()
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def ask(
    lock_path: Path, fallback: Path, request: bytes, timeout_s: float = ANSWER_TIMEOUT_S
) -> Response:
    """Send one encoded request to the running app and return its answer.

    NoAnswer (one line) when nobody listens within `timeout_s`, the app closes without an
    answer, or it answers something this version cannot read; Foreign for a socket that is
    not this user's. Never waits longer than `timeout_s` in all."""
    import socket

    from .ipc_protocol import response_reader

    deadline = time.monotonic() + timeout_s
    while True:
        target = published_path(lock_path, fallback)
        try:
            client = _connect(target, min(deadline, time.monotonic() + CONNECT_TIMEOUT_S))
            break
        except Foreign:
            raise
        except FileNotFoundError:
            pass  # the app has the lock but no socket yet: it is still starting
        except OSError as exc:
            if time.monotonic() >= deadline:
                raise NoAnswer(f"LipTwitch is running but cannot be reached ({exc})") from None
        if time.monotonic() >= deadline:
            raise NoAnswer(
                f"LipTwitch is running but did not answer within {timeout_s:g} s"
            ) from None
        time.sleep(0.05)
    reader = response_reader()
    with client:
        try:
            client.settimeout(max(0.05, deadline - time.monotonic()))
            client.sendall(request)
            client.shutdown(socket.SHUT_WR)  # one request: the app sees its end at once
            while True:
                client.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = client.recv(4096)
                answers = reader.feed(chunk) if chunk else reader.finish()
                if answers:
                    return _answer(answers[0])
                if not chunk or reader.done:
                    raise NoAnswer("LipTwitch closed the connection without an answer")
        except TimeoutError:
            raise NoAnswer(
                f"LipTwitch is running but did not answer within {timeout_s:g} s"
            ) from None
        except (BrokenPipeError, ConnectionResetError):
            raise NoAnswer("LipTwitch closed the connection without an answer") from None


def _answer(message: Response | Refusal) -> Response:
    from .ipc_protocol import Refusal

    if isinstance(message, Refusal):
        raise NoAnswer(f"LipTwitch answered something this version cannot read ({message.reason})")
    return message
