"""One LipTwitch per user (and data folder): a second start brings the first one forward.

The first instance holds an exclusive lock on a file in $XDG_RUNTIME_DIR (private to the
user); the kernel releases it when the process ends, crash included, so a dead instance never
locks anyone out. That check is cheap, so it runs before the window is built. The instance
then listens on a local socket (after its first paint: QtNetwork costs ~10 ms to import). A
second start finds the lock taken, connects, sends "show" and exits, so two instances never
double-fire reminders.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW = b"show\n"
CONNECT_TIMEOUT_MS = 500
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
        self._server: QLocalServer | None = None
        self._connections: list[QLocalSocket] = []

    @property
    def claimed(self) -> bool:
        return self._lock_fd is not None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self) -> bool:
        """Take the per-user lock; False if a running instance holds it."""
        if self._lock_fd is not None:
            return True
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def listen(self) -> None:
        """Accept "show" from later starts. Any socket file already there is stale: we hold
        the lock, so whoever made it has ended."""
        if self.listening:
            return
        if not self.claimed:
            raise RuntimeError("listen() before claim()")
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(str(self.path))
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(str(self.path)):
            raise OSError(f"cannot listen on {self.path}: {server.errorString()}")
        server.newConnection.connect(self._accept)
        self._server = server

    def tell_running(self, timeout_s: float = TELL_RUNNING_TIMEOUT_S) -> bool:
        """Ask the running instance to show itself; it may still be starting, so retry."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + timeout_s
        while True:
            sock = QLocalSocket()
            sock.connectToServer(str(self.path))
            if sock.waitForConnected(CONNECT_TIMEOUT_MS):
                sock.write(SHOW)
                sock.flush()
                sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                sock.disconnectFromServer()
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def acquire(self) -> bool:
        if self.claim():
            self.listen()
            return True
        self.tell_running()
        return False

    def _accept(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            self._connections.append(conn)
            conn.readyRead.connect(self._ready_read)
            conn.disconnected.connect(self._disconnected)
            self._read(conn)

    def _ready_read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        conn = self.sender()
        if isinstance(conn, QLocalSocket):
            self._read(conn)

    def _disconnected(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        conn = self.sender()
        if isinstance(conn, QLocalSocket) and conn in self._connections:
            self._read(conn)
            self._connections.remove(conn)
            conn.deleteLater()

    def _read(self, conn: QLocalSocket) -> None:
        while conn.canReadLine():
            line = bytes(conn.readLine().data())
            if line.strip() == SHOW.strip():
                self.show_requested.emit()

    def release(self) -> None:
        for conn in self._connections:
            conn.readyRead.disconnect(self._ready_read)
            conn.disconnected.disconnect(self._disconnected)
            conn.abort()
        self._connections.clear()
        if self._server is not None:
            self._server.close()  # removes the socket file
            self._server.deleteLater()
            self._server = None
        if self._lock_fd is not None:
            # The lock file stays: removing it would let a later start lock a fresh file
            # while another still holds the old one.
            os.close(self._lock_fd)
            self._lock_fd = None
