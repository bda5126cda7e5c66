"""Logging to a rotating file, and a last-resort handler for unexpected exceptions.

The log lives in the user's state folder ($XDG_STATE_HOME/LipTwitch/log, by default
~/.local/state/LipTwitch/log), or inside the data folder when one is given with --data-dir, so
a test or a portable install keeps everything together. Nothing health-related is logged:
only what the app did and what went wrong.

The dialog for an unexpected exception is a widget, so it lives in ui/unexpected_error.py;
an exception in another thread is only logged here (no widget off the main thread).
"""

from __future__ import annotations

import errno
import io
import logging
import os
import stat
import sys
import threading
from pathlib import Path
from typing import cast

from .. import APP_NAME, __version__

LOG_FILENAME = "liptwitch.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("liptwitch")


def default_log_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / APP_NAME / "log"


def log_dir_for(data_dir: str | Path | None) -> Path:
    """--data-dir keeps the log inside it; otherwise the user's state folder."""
    if data_dir:
        return Path(data_dir).expanduser().resolve() / "log"
    return default_log_dir()


class RotatingLogFile(logging.FileHandler):
    """Keeps `backups` older files of at most `max_bytes` each (liptwitch.log.1, .2, …).

    The rule of logging.handlers.RotatingFileHandler, without importing logging.handlers:
    it pulls in pickle, queue and socket, ~10 ms the first paint does not wait for.
    """

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def _open(self) -> io.TextIOWrapper:
        """The log file, refused unless it is a plain file: opening a pipe (a FIFO with the
        log's name) for writing would wait for a reader forever, before any window."""
        not_plain = OSError(errno.EINVAL, "the log file is not a plain file", self.baseFilename)
        try:
            if not stat.S_ISREG(os.stat(self.baseFilename).st_mode):
                raise not_plain
        except FileNotFoundError:
            pass
        # Non-blocking, should a pipe take the name meanwhile: it fails (ENXIO), never waits.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(self.baseFilename, flags, 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise not_plain
            os.set_blocking(fd, True)
            # A text mode ("a"): open gives a TextIOWrapper, typed IO[Any] for a str mode.
            return cast(
                io.TextIOWrapper, open(fd, self.mode, encoding=self.encoding, errors=self.errors)
            )
        except BaseException:
            os.close(fd)
            raise

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is None:  # a rotation that failed half-way: start a new file
                self.stream = self._open()
            size = len(self.format(record).encode("utf-8")) + len(self.terminator)
            if (
                self.stream is not None
                and self.stream.tell() > 0
                and self.stream.tell() + size > self.max_bytes
            ):
                self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        # As the standard handler does: the stream is None while the files move, and is
        # reopened whatever happens, so a failed rename never silences the log.
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        try:
            for n in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{n}"):
                    os.replace(f"{base}.{n}", f"{base}.{n + 1}")
            if os.path.exists(base):
                os.replace(base, f"{base}.1")
        finally:
            self.stream = self._open()


_handler: logging.Handler | None = None
_saved_levels: list[int] = []


def setup_logging(directory: Path, level: int = logging.INFO) -> Path:
    """Send the app's log (and Python warnings) to a rotating file. Returns the file's path.

    Called again (a test, a second window) it replaces its own handler, never doubles it.
    """
    global _handler
    path = directory / LOG_FILENAME
    old_umask = os.umask(0o077)
    handler: logging.Handler
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = RotatingLogFile(path, MAX_BYTES, BACKUP_COUNT)
    except OSError as exc:
        # No log file (a read-only or full disk): the app still runs, logging to stderr.
        handler = logging.StreamHandler(sys.stderr)
        print(f"{APP_NAME}: no log file in {directory} ({exc.strerror or exc})", file=sys.stderr)
    finally:
        os.umask(old_umask)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    else:
        _saved_levels[:] = [root.level, log.level]
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    log.setLevel(level)
    _handler = handler
    log.info("%s %s started (Python %s)", APP_NAME, __version__, sys.version.split()[0])
    return path


def teardown_logging() -> None:
    """Undo setup_logging (tests): the handler goes, the logger levels come back."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
        if _saved_levels:
            logging.getLogger().setLevel(_saved_levels[0])
            log.setLevel(_saved_levels[1])


def log_file() -> Path | None:
    if isinstance(_handler, logging.FileHandler):
        return Path(_handler.baseFilename)
    return None


def log_thread_exception(args: threading.ExceptHookArgs) -> None:
    # No dialog from another thread: Qt widgets belong to the main thread. The log has it.
    log.error(
        "Unexpected error in thread %s",
        args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


def install_qt_message_handler() -> None:
    """Qt's own warnings go to the log too (the app only: tests keep pytest-qt's handler)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("liptwitch.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    previous = None

    def handler(mode: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
