"""What every page and service needs, handed down from the composition root."""

from __future__ import annotations

from datetime import date, time, tzinfo
from pathlib import Path

from ..core.changes import Change
from ..core.clock import Clock
from ..core.days import local_day
from .signals import AppSignals


class AppContext:
    """(A plain class, not a dataclass: it is built before every first paint, and a dataclass
    costs ~1.5 ms to define.)"""

    def __init__(
        self,
        clock: Clock,
        zone: tzinfo,
        signals: AppSignals,
        data_dir: Path,
        demo: bool = False,
    ) -> None:
        self.clock = clock
        # The zone days and reminders are counted in. Only the zone watcher
        # (runtime/zone_watch) changes it, and then emits Change.ZONE.
        self.zone = zone
        self.signals = signals
        self.data_dir = data_dir
        self.demo = demo
        self._day_start: time | None = None
        # Connected first, so the cached day start is fresh before any other listener runs.
        self.signals.data_changed.connect(self._forget_day_start)

    def __repr__(self) -> str:
        return f"AppContext(zone={self.zone}, data_dir={self.data_dir}, demo={self.demo})"

    @property
    def db_path(self) -> Path:
        from ..store.database.connection import DB_FILENAME

        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def day_start(self) -> time:
        """The setting, read once: every page asks for it on every refresh."""
        if self._day_start is None:
            from ..store.settings import get_time

            self._day_start = get_time("day_start")
        return self._day_start

    def _forget_day_start(self, change: Change) -> None:
        match change:
            case Change.SETTINGS | Change.ALL:  # a setting, an import or a restore
                self._day_start = None
            case _:
                pass

    def today(self) -> date:
        return local_day(self.clock.now(), self.zone, self.day_start)
