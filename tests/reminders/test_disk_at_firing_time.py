"""Review of issue 13, F3: a disk that fills (or turns read-only) while the app runs never
silences a reminder. A firing that cannot be recorded is shown all the same (without the
buttons that answer a recorded firing), the first one says why, the next one is planned at
once, and the watchdog goes on; when the disk takes writes again, firings are recorded."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.entries import add_episode
from tests.reminders.test_service import LONDON, Rig, at, only
from tests.tiny_disk import fill, small_disk

CHECKIN = ReminderKind.CHECKIN


def _fill_the_file() -> None:
    """No room left in the data file: SQLITE_FULL, "database or disk is full"."""
    pages = db_proxy.execute_sql("PRAGMA page_count").fetchone()[0]
    db_proxy.execute_sql(f"PRAGMA max_page_count = {pages}")
    for size in (2000, 200, 0):  # until the last free byte of every page is used
        with pytest.raises(Exception, match="full"):
            for n in range(10_000):
                add_episode(Episode(at(1, 9) + timedelta(minutes=n), notes="x" * size))
    with pytest.raises(Exception, match="full"):
        for n in range(100_000):
            rs.record_firing(CHECKIN, at(1, 9) - timedelta(minutes=n), FiringOutcome.MISSED)


@pytest.fixture
def rig(ctx: Any) -> Any:
    ctx.clock.set(at(27, 20, 0))
    only(CHECKIN, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now())
    r = Rig(ctx)
    r.service.start()
    yield r
    r.service.stop()


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_a_firing_the_disk_refuses_is_shown_and_the_next_planned(
    rig: Rig, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    if how == "full":
        _fill_the_file()
    else:
        db_proxy.execute_sql("PRAGMA query_only = ON")
    rig.advance(timedelta(hours=1, minutes=1))  # 21:01: the check-in was due at 21:00
    assert rig.kinds_shown() == ["checkin"]
    first = rig.shown.shown[-1]
    assert first.firing_id is None and first.actions == ()
    reason = "the disk is full" if how == "full" else "read-only"
    assert "could not note that this reminder was shown" in first.body and reason in first.body
    assert rig.jobs.planned()["checkin"] == at(28, 21, 0)
    assert "could not record a checkin reminder" in caplog.text
    for _ in range(3):  # the watchdog keeps ticking: it cannot store its mark, and says so once
        rig.mono.value += 60
        rig.clock.advance(timedelta(minutes=1))
        rig.service.watchdog_tick()
    # (A full file may still take the same-sized mark in place; a read-only one never.)
    said = caplog.text.count("could not store when the reminders were last checked")
    assert said == (1 if how == "read-only" else said) and said <= 1
    rig.advance(timedelta(days=1))  # the next evening, still refused: shown, said only once
    assert rig.kinds_shown() == ["checkin", "checkin"]
    assert "could not note" not in rig.shown.shown[-1].body
    # Space again: the next firing is recorded and can be answered.
    db_proxy.execute_sql("PRAGMA query_only = OFF")
    db_proxy.execute_sql("PRAGMA max_page_count = 1073741823")
    rig.advance(timedelta(days=1))
    last = rig.shown.shown[-1]
    assert last.firing_id is not None and last.actions == ("snooze",)
    firing = rs.get_firing(last.firing_id)
    assert firing is not None and firing.outcome is FiringOutcome.FIRED


@pytest.fixture
def one_mib_disk() -> Iterator[Path]:
    yield from small_disk("1m")


def test_a_disk_that_fills_for_real_while_running(qapp: Any, one_mib_disk: Path) -> None:
    """The reviewer's steps: the data folder on a 1 MiB disk, filled before the reminder is
    due (the WAL cannot grow: SQLITE_FULL from the disk itself)."""
    from liptwitch_desktop.core.clock import FakeClock
    from liptwitch_desktop.runtime.context import AppContext
    from liptwitch_desktop.runtime.signals import AppSignals
    from liptwitch_desktop.store.database.db import close_database, open_database

    data = one_mib_disk / "data"
    open_database(data / "liptwitch.sqlite3")
    try:
        ctx = AppContext(FakeClock(at(27, 20, 0)), LONDON, AppSignals(), data)
        only(CHECKIN, ctx.clock.now())
        rs.set_checked_at(ctx.clock.now())
        db_proxy.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        rig = Rig(ctx)
        rig.service.start()
        fill(one_mib_disk)
        rig.advance(timedelta(hours=1, minutes=1))
        assert rig.kinds_shown() == ["checkin"]
        assert "the disk is full" in rig.shown.shown[-1].body
        assert rig.jobs.planned()["checkin"] == at(28, 21, 0)
        rig.service.stop()
    finally:
        (one_mib_disk / "filler").unlink(missing_ok=True)
        close_database()
