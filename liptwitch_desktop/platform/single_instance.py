"""One LipTwitch per data folder: a second start brings the first one forward.

The first instance holds an exclusive lock on `liptwitch.lock` inside the data folder (private
to the user, so no one else can make, squat or redirect it, and every start on that folder
finds the same lock whatever its environment). The kernel releases it when the process ends,
crash included. That check is cheap, so it runs before the window is built. After its first
paint the instance listens on a Unix socket in $XDG_RUNTIME_DIR, or without one in a private
0700 folder of the user's own (~/.cache/LipTwitch/run), never a guessable path in /tmp, and
writes the socket's path into the lock file; a second start reads it there, connects, sends
"show" and exits, so two instances never double-fire reminders.

Everything is opened with O_NOFOLLOW and checked (own_files.py): the folder, the lock and
the socket must be this user's and not writable by others. Anything foreign is logged and
refused, and the app runs on without the listener rather than trust it. A second hard link
to the lock (the user's own `cp -al` copy of the folder) is not foreign: the first start
splits it, so each folder has a lock of its own.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import stat
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .own_files import (
    Foreign,
    check_own_socket,
    check_private_dir,
    open_own_file,
    same_file,
    split_link,
)

log = logging.getLogger("liptwitch.single_instance")

if TYPE_CHECKING:
    # Imported when used, after the first paint: together they would cost it ~8 ms.
    import socket

    from PySide6.QtCore import QSocketNotifier

SHOW = b"show\n"
LOCK_NAME = "liptwitch.lock"
CONNECT_TIMEOUT_S = 0.5
ACCEPT_READ_TIMEOUT_S = 0.2
# How long a second start keeps trying to reach a first one that is still starting up.
TELL_RUNNING_TIMEOUT_S = 5.0
# How long a start waits for a lock shared through a hard link to be split by another.
LINK_SPLIT_WAIT_S = 1.0
_MAX_SOCKET_PATH = 100  # a Unix socket address holds 108 bytes


def _private_run_path() -> Path:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "LipTwitch" / "run"


def _private_run_dir() -> Path:
    """~/.cache/LipTwitch/run, made 0700 (each folder of ours on the way is checked)."""
    run = _private_run_path()
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
            log.warning("not using XDG_RUNTIME_DIR: %s", exc)
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
        log.warning("no private folder for the single-instance socket: %s", exc)
        folder = _private_run_path()  # listen() checks it again, and refuses
    return folder / f"liptwitch{suffix}.sock"


class SingleInstance(QObject):
    """`claim()` before the window and `listen()` after it, or `acquire()` for both.

    True from either means "you are the one"; False means "another one runs: exit now".
    With `data_dir` the lock lives in that folder (the app's way); without, beside `path`.
    """

    show_requested = Signal()

    def __init__(
        self,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path if path is not None else socket_path(data_dir)
        if data_dir is not None:
            self.lock_path = Path(data_dir) / LOCK_NAME
        else:
            self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock_fd: int | None = None
        self._claimed = False
        self._refused = False  # something foreign was found: run on, without the listener
        self._server: socket.socket | None = None
        self._server_notifier: QSocketNotifier | None = None

    @property
    def claimed(self) -> bool:
        return self._claimed

    @property
    def listening(self) -> bool:
        return self._server is not None

    def claim(self) -> bool:
        """Take the lock; False if a running instance holds it."""
        if self._claimed:
            return True
        try:
            check_private_dir(self.lock_path.parent)
            fd = self._lock()
        except Foreign as exc:
            log.warning("single-instance lock refused: %s; running without it", exc)
            self._refused = self._claimed = True
            return True
        except OSError as exc:
            # Cannot even make the lock file (a full or read-only folder, a link planted
            # there): run rather than refuse to start; the store survives two instances.
            log.warning("single-instance lock %s unavailable: %s", self.lock_path, exc)
            self._refused = self._claimed = True
            return True
        if fd is None:
            return False
        self._lock_fd = fd
        self._claimed = True
        return True

    def _lock(self) -> int | None:
        """The lock file's descriptor, locked by us; None when a running instance holds it.

        The name is checked again once locked: another start may have replaced the file
        meanwhile (splitting a hard link, see `split_link`), and a lock on a file that no
        longer has the name keeps no one out. A lock shared with a copy of the folder may be
        held for a moment by a start on that copy, splitting its own name: then we retry.
        """
        deadline = time.monotonic() + LINK_SPLIT_WAIT_S
        while True:
            fd = open_own_file(self.lock_path, os.O_RDWR | os.O_CREAT)
            shared = os.fstat(fd).st_nlink > 1
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if shared and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                return None
            except BaseException:
                os.close(fd)
                raise
            if not same_file(fd, self.lock_path):
                os.close(fd)
                continue
            if os.fstat(fd).st_nlink > 1:
                fd = split_link(fd, self.lock_path)
            return fd

    def listen(self) -> bool:
        """Accept "show" from later starts. False (logged) if the socket cannot be made or
        anything about it is foreign: the app runs on, and a later start says this one did
        not answer."""
        try:
            self._listen()
        except OSError as exc:
            log.warning("single-instance socket %s unavailable: %s", self.path, exc)
            return False
        return True

    def _listen(self) -> None:
        if self.listening:
            return
        if not self.claimed:
            raise RuntimeError("listen() before claim()")
        if self._refused:
            raise Foreign("the lock was refused, so no one should be told to come here")
        if len(os.fsencode(self.path)) > _MAX_SOCKET_PATH:
            raise OSError(f"the path is too long for a socket ({len(str(self.path))} bytes)")
        check_private_dir(self.path.parent)
        import socket

        from PySide6.QtCore import QSocketNotifier

        # We hold the lock: a socket of ours already there is stale (whoever made it has
        # ended). Anything else is not ours to remove.
        with contextlib.suppress(FileNotFoundError):
            check_own_socket(self.path)
            self.path.unlink()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o077)  # the socket file is this user's only
        try:
            server.bind(str(self.path))
            server.listen(8)
            check_own_socket(self.path)
        except OSError:
            server.close()
            raise
        finally:
            os.umask(old_umask)
        server.setblocking(False)
        notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._accept)
        self._server, self._server_notifier = server, notifier
        self._publish()

    def _publish(self) -> None:
        """Write where we listen into the lock file, for a start with another environment."""
        if self._lock_fd is None:
            return
        data = os.fsencode(self.path) + b"\n"
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, data, 0)

    def _published_path(self) -> Path:
        """The socket the running instance wrote into the lock file (else our own guess)."""
        try:
            fd = open_own_file(self.lock_path, os.O_RDONLY)
        except OSError:
            return self.path
        try:
            line = os.pread(fd, 4096, 0).split(b"\n", 1)[0].strip()
        finally:
            os.close(fd)
        return Path(os.fsdecode(line)) if line else self.path

    def tell_running(self, timeout_s: float = TELL_RUNNING_TIMEOUT_S) -> bool:
        """Ask the running instance to show itself; it may still be starting, so retry.

        Only a socket of this user's, in a private folder, is ever spoken to."""
        import socket

        deadline = time.monotonic() + timeout_s
        while True:
            target = self._published_path()
            try:
                check_own_socket(target)
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                    client.settimeout(CONNECT_TIMEOUT_S)
                    client.connect(str(target))
                    client.sendall(SHOW)
                return True
            except Foreign as exc:
                log.warning("not telling %s to show: %s", target, exc)
                return False
            except OSError:
                if time.monotonic() >= deadline:
                    return False
                time.sleep(0.05)

    def acquire(self) -> bool:
        if self.claim():
            if not self.listen():
                raise OSError(f"cannot listen on {self.path}")
            return True
        self.tell_running()
        return False

    def _accept(self) -> None:
        assert self._server is not None
        while True:
            try:
                conn, _address = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            with conn:
                # A second start sends its line at once and closes; read it here, briefly,
                # rather than watch each connection (only this user can connect).
                conn.settimeout(ACCEPT_READ_TIMEOUT_S)
                received = b""
                with contextlib.suppress(OSError):
                    while b"\n" not in received and len(received) < 1024:
                        chunk = conn.recv(64)
                        if not chunk:
                            break
                        received += chunk
            if received.split(b"\n", 1)[0].strip() == SHOW.strip():
                self.show_requested.emit()

    def release(self) -> None:
        if self._server is not None:
            assert self._server_notifier is not None
            self._server_notifier.setEnabled(False)
            self._server_notifier.deleteLater()
            self._server.close()
            with contextlib.suppress(OSError):
                check_own_socket(self.path)
                self.path.unlink()
            self._server = self._server_notifier = None
        if self._lock_fd is not None:
            # The lock file stays: removing it would let a later start lock a fresh file
            # while another still holds the old one.
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            os.close(self._lock_fd)
            self._lock_fd = None
        self._claimed = False
        self._refused = False
