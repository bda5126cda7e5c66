"""Seeing suspend or a clock change: a watchdog comparing wall-clock and monotonic time each
minute, and logind's PrepareForSleep where there is a system bus (a new zone: runtime/zone_watch).

Either one calls `on_change`; the service then resolves what was missed once. `mark` records
that everything up to now was dealt with (in memory and in the store).
"""

from __future__ import annotations

import logging
import time as _time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ..core.clock import Clock
from ..core.schedule.specs import CLOCK_BACK_JUMP
from ..store import reminder_store as store
from ..store.database.storage_errors import is_storage_error

log = logging.getLogger("liptwitch_desktop.reminders.service")

WATCHDOG_MS = 60_000
JUMP_TOLERANCE = timedelta(seconds=90)


class ClockWatch(QObject):
    def __init__(
        self,
        clock: Clock,
        on_change: Callable[[], None],
        monotonic: Callable[[], float] = _time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._on_change = on_change
        self._monotonic = monotonic
        self._last_wall: datetime | None = None
        self._last_mono = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(WATCHDOG_MS)
        self._timer.timeout.connect(self.tick)
        self._logind: Any = None
        self._mark_failing = False

    def start(self, watch_logind: bool) -> None:
        self._timer.start()
        if watch_logind:
            self._start_logind()

    def stop(self) -> None:
        self._timer.stop()
        if self._logind is not None:
            self._logind.close()
            self._logind = None

    def mark(self) -> None:
        """Remember that everything up to now was dealt with (in memory and in the store).

        A store that refuses it (a full or read-only disk, a clock outside the years it
        keeps) is logged once, and the watchdog goes on: the mark in memory still sees the
        next jump, and the next start resolves from the last mark that was stored."""
        self._last_wall = self._clock.now()
        self._last_mono = self._monotonic()
        try:
            store.set_checked_at(self._last_wall)
        except Exception as exc:
            if not (isinstance(exc, ValueError) or is_storage_error(exc)):
                raise
            if not self._mark_failing:
                log.warning("could not store when the reminders were last checked: %s", exc)
            self._mark_failing = True
        else:
            self._mark_failing = False

    def tick(self) -> None:
        """Each minute: a wall-clock jump against monotonic time means suspend or a change."""
        if self._last_wall is None:
            self.mark()
            return
        expected = self._last_wall + timedelta(seconds=self._monotonic() - self._last_mono)
        now = self._clock.now()
        jumped = abs(now - expected) > JUMP_TOLERANCE
        if expected - now > CLOCK_BACK_JUMP:
            log.warning(
                "the clock went back by %s; rebuilding the reminder schedule", expected - now
            )
        if jumped:  # a new time zone is the zone watcher's (runtime/zone_watch.py)
            log.info("clock jump detected; re-checking reminders")
            self._on_change()  # marks the time itself, after reading the previous mark
        else:
            self.mark()

    def _start_logind(self) -> None:
        try:
            from jeepney import MatchRule

            from .dbus_link import DBusLink

            link = DBusLink("SYSTEM", self)
            rule = MatchRule(
                type="signal",
                interface="org.freedesktop.login1.Manager",
                member="PrepareForSleep",
                path="/org/freedesktop/login1",
            )
            link.subscribe(rule, self.on_logind_signal)
            self._logind = link
        except Exception as exc:  # no system bus, no logind, a sandbox: the watchdog suffices
            log.info("logind sleep signal unavailable: %s", exc)
            self._logind = None

    def on_logind_signal(self, interface: str, member: str, body: tuple[Any, ...]) -> None:
        if member == "PrepareForSleep" and body and not body[0]:
            self._on_change()
