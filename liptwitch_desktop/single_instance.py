"""One LipTwitch per user (and data folder): a second start brings the first one forward.

The first instance listens on a local socket in $XDG_RUNTIME_DIR (private to the user). A
second start connects, sends "show" and exits, so two instances never double-fire
reminders. A socket file left by a crash has no listener: connecting fails, so it is
removed and this instance takes over.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

SHOW = b"show\n"
CONNECT_TIMEOUT_MS = 500


def socket_path(data_dir: Path | None = None) -> Path:
    """$XDG_RUNTIME_DIR/liptwitch[-<data folder hash>].sock, else a per-uid temp name."""
    suffix = ""
    if data_dir is not None:
        digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:10]
        suffix = "-" + digest
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / f"liptwitch{suffix}.sock"
    return Path(tempfile.gettempdir()) / f"liptwitch-{os.getuid()}{suffix}.sock"


class SingleInstance(QObject):
    """`acquire()` once at start: True means "you are the one", False means "exit now"."""

    show_requested = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path if path is not None else socket_path()
        self._server: QLocalServer | None = None
        self._connections: list[QLocalSocket] = []

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def _tell_running(self) -> bool:
        """Ask a running instance to show itself; False when nobody is listening."""
        sock = QLocalSocket()
        sock.connectToServer(str(self.path))
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write(SHOW)
        sock.flush()
        sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        sock.disconnectFromServer()
        return True

    def acquire(self) -> bool:
        if self.listening:
            return True
        for _attempt in range(2):
            if self._tell_running():
                return False
            # Nobody answered: any file there is stale (a crash); take its place.
            QLocalServer.removeServer(str(self.path))
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if server.listen(str(self.path)):
                server.newConnection.connect(self._accept)
                self._server = server
                return True
            server.deleteLater()  # lost a race with another instance starting: ask it
        return False

    def _accept(self) -> None:
        assert self._server is not None
        while (conn := self._server.nextPendingConnection()) is not None:
            self._connections.append(conn)
            conn.readyRead.connect(self._ready_read)
            conn.disconnected.connect(self._disconnected)
            self._read(conn)

    def _ready_read(self) -> None:
        conn = self.sender()
        if isinstance(conn, QLocalSocket):
            self._read(conn)

    def _disconnected(self) -> None:
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
