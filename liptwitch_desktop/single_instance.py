"""One LipTwitch per user (and data folder): a second start brings the first one forward.

The first instance holds an exclusive lock on a file in $XDG_RUNTIME_DIR (private to the
user); the kernel releases it when the process ends, crash included, so a dead instance never
locks anyone out. That check is cheap, so it runs before the window is built. After its first
paint the instance listens on a Unix socket beside the lock, watched by a QSocketNotifier (a
plain socket, not QtNetwork: that would cost start-up ~10 ms and the idle app ~3 MiB). A
second start finds the lock taken, connects, sends "show" and exits, so two instances never
double-fire reminders.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("liptwitch.single_instance")

if TYPE_CHECKING:
    # Imported when used, after the first paint: together they would cost it ~8 ms.
    import socket

    from PySide6.QtCore import QSocketNotifier

SHOW = b"show\n"
CONNECT_TIMEOUT_S = 0.5
ACCEPT_READ_TIMEOUT_S = 0.2
# How long a second start keeps trying to reach a first one that is still starting up.
TELL_RUNNING_TIMEOUT_S = 5.0


def socket_path(data_dir: Path | None = None) -> Path:
    """$XDG_RUNTIME_DIR/liptwitch[-<data folder hash>].sock, else a per-uid temp name."""
    suffix = ""
    if data_dir is not None:
        digest = zlib.crc32(str(Path(data_dir).resolve()).encode())
        suffix = f"-{digest:08x}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / f"liptwitch{suffix}.sock"
    return Path(tempfile.gettempdir()) / f"liptwitch-{os.getuid()}{suffix}.sock"


class SingleInstance(QObject):
    """`claim()` before the window and `listen()` after it, or `acquire()` for both.

    True from either means "you are the one"; False means "another one runs: exit now".
    """

    show_requested = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else socket_path()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock_fd: int | None = None
        self._claimed = False
        self._server: socket.socket | None = None
        self._server_notifier: QSocketNotifier | None = None

    @property
    def claimed(self) -> bool:
        return self._claimed

    @property
    def listening(self) -> bool:
        return self._server is not None

    def claim(self) -> bool:
        """Take the per-user lock; False if a running instance holds it."""
        if self._claimed:
            return True
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            # Cannot even make the lock file (a full or read-only folder): run rather than
            # refuse to start; at worst two instances, which the store survives.
            log.warning("single-instance lock %s unavailable: %s", self.lock_path, exc)
            self._claimed = True
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._lock_fd = fd
        self._claimed = True
        return True

    def listen(self) -> bool:
        """Accept "show" from later starts. Any socket file already there is stale: we hold
        the lock, so whoever made it has ended. False (logged) if the socket cannot be made:
        the app runs on, and a later start says this one did not answer."""
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
        import socket

        from PySide6.QtCore import QSocketNotifier

        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o077)  # the socket file is this user's only
        try:
            server.bind(str(self.path))
            server.listen(8)
        except OSError:
            server.close()
            raise
        finally:
            os.umask(old_umask)
        server.setblocking(False)
        notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._accept)
        self._server, self._server_notifier = server, notifier

    def tell_running(self, timeout_s: float = TELL_RUNNING_TIMEOUT_S) -> bool:
        """Ask the running instance to show itself; it may still be starting, so retry."""
        import socket

        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                    client.settimeout(CONNECT_TIMEOUT_S)
                    client.connect(str(self.path))
                    client.sendall(SHOW)
                return True
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
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self._server = self._server_notifier = None
        if self._lock_fd is not None:
            # The lock file stays: removing it would let a later start lock a fresh file
            # while another still holds the old one.
            os.close(self._lock_fd)
            self._lock_fd = None
        self._claimed = False
