"""SIGTERM (logout, shutdown) and SIGINT (Ctrl+C) quit the app cleanly, at once.

Light on imports: installed before the window, so a question open before it quits too.
"""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QCoreApplication


def quit_on_signals(app: QCoreApplication) -> None:
    """SIGTERM (logout, shutdown) and SIGINT (Ctrl+C) end the event loop: run_gui then closes
    the store (the WAL folded into the file) and returns 0. A running episode stays running.

    A signal wakes Qt's event loop through a pipe (`wake_on_signals`), so the handler runs at
    once, also while a question is open before the window (~0.2 ms to set up).
    """
    # `_signal`, the C module under `signal`: the `signal` package builds three enums from
    # its constants on import (~1.3 ms), which every start would pay for two numbers.
    import _signal  # type: ignore[import-not-found]  # (no stub: the C module)
    import logging

    names = {_signal.SIGTERM: "SIGTERM", _signal.SIGINT: "SIGINT"}

    def handler(signum: int, _frame: object) -> None:
        logging.getLogger("liptwitch.app").info("quitting on %s", names[signum])
        _quit_signal.append(signum)
        app.exit(0)

    for number in names:
        _signal.signal(number, handler)
    wake_on_signals(app)


def wake_on_signals(app: QCoreApplication) -> None:
    """Wake Qt's event loop when a signal arrives, so Python's handler runs at once."""
    import _signal

    from PySide6.QtCore import QSocketNotifier

    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    os.set_blocking(writer, False)
    _signal.set_wakeup_fd(writer, warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader, QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(reader, 512)

    notifier.activated.connect(drain)
    _keep.append((reader, writer, notifier))


_keep: list[object] = []  # the pipe and its notifier live as long as the app
_quit_signal: list[int] = []


def quit_requested() -> bool:
    """Whether SIGTERM or SIGINT asked the app to quit (then leaving is not a failure)."""
    return bool(_quit_signal)
