"""The time zone as the system has it now: checked each minute, announced once when it moves.

A laptop that lands in New York keeps running: days, the Today page and every reminder move
to the new wall clock. This watcher is the only writer of `ctx.zone`; it emits Change.ZONE
and everyone else (the reminder service, the pages) follows from the signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo

from PySide6.QtCore import QObject, QTimer

from ..core.changes import Change
from .context import AppContext

log = logging.getLogger(__name__)

CHECK_MS = 60_000


class ZoneWatcher(QObject):
    def __init__(
        self,
        ctx: AppContext,
        zone_provider: Callable[[], tzinfo],
        interval_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._zone_provider = zone_provider
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self.check()  # a zone changed while the app was closed counts at once
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> bool:
        """Read the system's zone; if it moved, take it and say so. True when it moved."""
        zone = self._zone_provider()
        if zone == self._ctx.zone:
            return False
        log.info("time zone changed from %s to %s", self._ctx.zone, zone)
        self._ctx.zone = zone
        self._ctx.signals.changed(Change.ZONE)
        return True
