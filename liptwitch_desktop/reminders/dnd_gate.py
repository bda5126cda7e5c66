"""Is Do Not Disturb on now, and when does it end? The reminder service asks `active()`
before it shows a reminder; `ended` tells it when to show what it held.

The answer comes from `DoNotDisturbProbe` (reminders/dnd.py: the server's Inhibited, dunst's
paused, GNOME's show-banners). "Cannot tell" counts as off: a desktop quirk must never
swallow a reminder. Only while Do Not Disturb is on does the gate keep looking: it listens
for the server's PropertiesChanged (a `DoNotDisturbWatch` read on the Qt loop, so the end is
heard at once where the server announces it) and asks the probe again every few seconds
(GNOME's setting and dunstctl announce nothing).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

log = logging.getLogger(__name__)

POLL_MS = 3000  # while Do Not Disturb is on: two short round trips every 3 s


class Probe(Protocol):
    def is_active(self) -> bool | None: ...
    def close(self) -> None: ...


class Watch(Protocol):
    @property
    def alive(self) -> bool: ...

    def fileno(self) -> int: ...
    def poll(self) -> bool: ...
    def close(self) -> None: ...


def _open_watch() -> Watch | None:
    from .dnd import DoNotDisturbWatch

    return DoNotDisturbWatch.open()


def _new_probe() -> Probe:
    from .dnd import DoNotDisturbProbe

    return DoNotDisturbProbe()


class DoNotDisturbGate(QObject):
    # Do Not Disturb was on and is not any more (or can no longer be told)
    ended = Signal()

    def __init__(
        self,
        probe: Probe | None = None,
        open_watch: Callable[[], Watch | None] | None = None,
        poll_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._probe = probe if probe is not None else _new_probe()
        self._open_watch = open_watch if open_watch is not None else _open_watch
        self._watch: Watch | None = None
        self._notifier: QSocketNotifier | None = None
        self._on = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)

    @property
    def on(self) -> bool:
        """What the last look found (without asking again)."""
        return self._on

    def active(self) -> bool:
        """Ask now: True only when the desktop says Do Not Disturb is on."""
        on = self._probe.is_active() is True
        self._set(on)
        return on

    def check(self) -> None:
        """Look again (the timer, the watch, a test); `ended` when it went off."""
        self.active()

    def _set(self, on: bool) -> None:
        was, self._on = self._on, on
        if on and not was:
            log.info("Do Not Disturb is on: reminders are held")
            self._start_watching()
        elif was and not on:
            log.info("Do Not Disturb ended: showing what was held")
            self._stop_watching()
            self.ended.emit()

    def _start_watching(self) -> None:
        self._timer.start()
        if self._watch is None or not self._watch.alive:
            self._watch = self._open_watch()
            if self._watch is not None and self._watch.fileno() >= 0:
                self._notifier = QSocketNotifier(
                    self._watch.fileno(), QSocketNotifier.Type.Read, self
                )
                self._notifier.activated.connect(self._readable)

    def _readable(self) -> None:
        if self._watch is not None and self._watch.poll():
            self.check()
        if self._watch is not None and not self._watch.alive and self._notifier is not None:
            self._notifier.setEnabled(False)

    def _stop_watching(self) -> None:
        self._timer.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._watch is not None:
            with contextlib.suppress(Exception):
                self._watch.close()
            self._watch = None

    def stop(self) -> None:
        self._stop_watching()
        with contextlib.suppress(Exception):
            self._probe.close()
