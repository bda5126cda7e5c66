"""Shared fixtures. Every test runs offscreen unless it starts its own X server (tests/e2e)."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a real screen unless they bring one (tests/e2e).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/London")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.clock import FakeClock

# A fixed instant for tests: a Tuesday afternoon in London, in winter time.
TEST_NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _no_damage_watch_left() -> Iterator[None]:
    """The damaged-file watch is the app's, once per run: each test starts without one."""
    yield
    from liptwitch_desktop.store.database import damage

    damage.reset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEST_NOW)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[object]:
    """A fresh, migrated database in tmp_path, bound to the store's proxy."""
    from liptwitch_desktop.store.database.db import close_database, open_database

    database = open_database(tmp_path / "data" / "liptwitch.sqlite3")
    yield database
    close_database()


@pytest.fixture
def ctx(db: object, tmp_path: Path, clock: FakeClock, qapp: object) -> object:
    from liptwitch_desktop.runtime.context import AppContext
    from liptwitch_desktop.runtime.signals import AppSignals

    return AppContext(
        clock=clock,
        zone=ZoneInfo("Europe/London"),
        signals=AppSignals(),
        data_dir=tmp_path / "data",
    )


@pytest.fixture
def controllers(ctx: object) -> object:
    """The controllers as the composition root builds them (app/bootstrap.py)."""
    from liptwitch_desktop.app.bootstrap import build_controllers

    return build_controllers(ctx)  # type: ignore[arg-type]


@pytest.fixture
def service(ctx: object) -> Iterator[object]:
    """A running reminder service on fake jobs (nothing fires on its own)."""
    from liptwitch_desktop.reminders.notifier import Notifier
    from liptwitch_desktop.reminders.service import ReminderService
    from tests.reminders.fakes import ManualJobs

    s = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)  # type: ignore[arg-type]
    s.start()
    yield s
    s.stop()


from tests.tiny_disk import tiny_disk  # noqa: E402, F401  (a fixture: a real, full disk)
