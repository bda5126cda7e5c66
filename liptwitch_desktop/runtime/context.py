"""What every page and service needs, handed down from the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, tzinfo
from pathlib import Path

from ..core.clock import Clock
from ..core.days import local_day
from .signals import AppSignals


@dataclass
class AppContext:
    clock: Clock
    zone: tzinfo
    signals: AppSignals
    data_dir: Path
    demo: bool = False
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        from ..store.database.connection import DB_FILENAME

        return self.data_dir / DB_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def day_start(self) -> time:
        from ..store.settings import get_time

        return get_time("day_start")

    def today(self) -> date:
        return local_day(self.clock.now(), self.zone, self.day_start)
