"""One LipTwitch per data folder: a second start brings the first one forward.

The first instance holds an exclusive lock on `liptwitch.lock` inside the data folder (private
to the user, so no one else can make, squat or redirect it, and every start on that folder
finds the same lock whatever its environment). The kernel releases it when the process ends,
crash included. That check is cheap, so it runs before the window is built. After its first
paint the instance listens on a Unix socket in $XDG_RUNTIME_DIR, or without one in a private
0700 folder of the user's own (~/.cache/LipTwitch/run), never a guessable path in /tmp, and
writes the socket's path into the lock file; a second start reads it there, connects, sends
"show" and exits, so two instances never double-fire reminders. The headless verbs
(`liptwitch twitch`, cli/verbs.py) send their requests the same way (instance_client.py,
Qt-free) and each gets its answer here (the versioned protocol of ipc_protocol.py).

Everything is opened with O_NOFOLLOW and checked (own_files.py): the folder, the lock and
the socket must be this user's and not writable by others. Anything foreign is logged and
refused, and the app runs on without the listener rather than trust it. A second hard link
to the lock (the user's own `cp -al` copy of the folder) is not foreign: the first start
splits it, so each folder has a lock of its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

# The paths and the lock are instance_client's (no Qt: the verbs use them too).
from .instance_client import (
    CONNECT_TIMEOUT_S,
    LINK_SPLIT_WAIT_S,
    LOCK_NAME,
    claim_lock,
    published_path,
    runtime_dir,
    socket_path,
)
from .own_files import Foreign, check_own_socket, check_private_dir

log = logging.getLogger("liptwitch.single_instance")

if TYPE_CHECKING:
    # Imported when used, after the first paint: together they would cost it ~8 ms.
    import socket

    from PySide6.QtCore import QSocketNotifier

    from .ipc_protocol import JSONObject, Request

    # A request's handler: its result, or CommandRefused (ipc_protocol) with a one-line reason.
    Handler = Callable[[Request], JSONObject]

SHOW = b"show\n"
# How long one connection may hold the event loop while its request is read (a verb sends
# it at once and closes its side; only this user can connect).
ACCEPT_READ_TIMEOUT_S = 0.2
# Connections waiting together share that wait: past it, each later one gets only this long
# (a verb has sent its request by then), so a few silent clients cannot hold a verb past its
# connect retries (review 16/17, finding 10).
LATE_READ_TIMEOUT_S = 0.05
# Room for that many waiting connections: a full queue refuses a verb's connect outright.
BACKLOG = 64
# How long a second start keeps trying to reach a first one that is still starting up.
TELL_RUNNING_TIMEOUT_S = 5.0
_MAX_SOCKET_PATH = 100  # a Unix socket address holds 108 bytes
__all__ = [
    "LINK_SPLIT_WAIT_S",
    "LOCK_NAME",
    "Foreign",
    "SingleInstance",
    "runtime_dir",
    "socket_path",
]


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
        self._handler: Handler | None = None

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
        """The lock file's descriptor, locked by us; None when a running instance holds it
        (instance_client.claim_lock: the verbs take the same lock the same way)."""
        return claim_lock(self.lock_path)

    def listen(self) -> bool:
        """Accept "show" and the verbs' requests from later starts. False (logged) if the
        socket cannot be made or anything about it is foreign: the app runs on, and a later
        start says this one did not answer."""
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
            server.listen(BACKLOG)
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
        return published_path(self.lock_path, self.path)

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

    def set_handler(self, handler: Handler) -> None:
        """Who answers the verbs' requests (`twitch`, `log`, `status`; the composition root
        sets it). Without one, only "show" is answered."""
        self._handler = handler

    def _accept(self) -> None:
        assert self._server is not None
        batch_deadline = time.monotonic() + ACCEPT_READ_TIMEOUT_S
        while True:
            try:
                conn, _address = self._server.accept()
            except (BlockingIOError, InterruptedError):
                return
            with conn:
                self._serve(conn, max(batch_deadline, time.monotonic() + LATE_READ_TIMEOUT_S))

    def _serve(self, conn: socket.socket, deadline: float) -> None:
        """Read what one connection sends, briefly, and answer each request on it.

        A verb sends its request at once and closes its side, so this returns at once; a
        client that sends nothing (or too slowly) costs at most until `deadline`: the
        ACCEPT_READ_TIMEOUT_S its batch of waiting connections shares, or LATE_READ_TIMEOUT_S.
        Anything malformed or too long is answered with a refusal and changes nothing."""
        import socket

        from .ipc_protocol import MAX_MESSAGE_BYTES, Request, encode_refusal, request_reader

        reader = request_reader()
        with contextlib.suppress(OSError):
            while not reader.done:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                conn.settimeout(remaining)
                chunk = conn.recv(4096)
                messages = reader.feed(chunk) if chunk else reader.finish()
                for message in messages:
                    if isinstance(message, Request):
                        answer = self._answer(message)
                    else:
                        log.info("refused a message on the socket: %s", message.reason)
                        answer = encode_refusal(message)
                    if answer:
                        conn.sendall(answer)
                if not chunk:
                    return
            # Refused unread (too long) or out of time: say the last word, then drain a
            # little, so closing with unread bytes does not reset the answer away.
            conn.shutdown(socket.SHUT_WR)
            drained = 0
            while drained < 16 * MAX_MESSAGE_BYTES and time.monotonic() < deadline:
                conn.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = conn.recv(4096)
                if not chunk:
                    break
                drained += len(chunk)

    def _answer(self, request: Request) -> bytes:
        """The answer line for one request (none for the old plain "show", which reads none)."""
        from .ipc_protocol import CommandRefused, encode_error, encode_result

        if request.cmd == "show":
            self.show_requested.emit()
            return encode_result(request.id, {}) if request.wants_answer else b""
        if self._handler is None:
            return encode_error(request.id, "this LipTwitch does not take commands yet")
        try:
            result = self._handler(request)
        except CommandRefused as exc:
            return encode_error(request.id, str(exc))
        except Exception:  # the app runs on; the command hears that it failed
            log.exception("the %r command failed", request.cmd)
            return encode_error(request.id, "LipTwitch could not do that; see its log file")
        return encode_result(request.id, result)

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
