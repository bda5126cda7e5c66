"""Issue 13, item 2: a clock that was wrong for a while cannot silence reminders afterwards.

Firings recorded "in the future" of the corrected clock are no guide to what was missed or
what is due; a clock that goes back by more than a day is logged and the schedule rebuilt;
a pause set under a clock far ahead is ignored.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from tests.reminders.test_service import Rig, at, only

CHECKIN = ReminderKind.CHECKIN
GLITCH = datetime(2099, 6, 1, 21, 0, tzinfo=ZoneInfo("Europe/London")).astimezone(UTC)


def test_a_far_future_firing_does_not_silence_what_is_due_before_it(ctx: Any) -> None:
    ctx.clock.set(at(27, 20, 0))
    only(CHECKIN, ctx.clock.now())
    # A run under a clock set to 2099: the check-in "fired" then (and was missed).
    ctx.clock.set(GLITCH - timedelta(minutes=5))
    glitched = Rig(ctx)
    glitched.service.start()
    glitched.advance(timedelta(minutes=10))
    assert glitched.kinds_shown() == ["checkin"]
    glitched.service.stop()
    assert rs.last_due(CHECKIN) is not None and rs.last_due(CHECKIN).year == 2099
    # The clock is put right; tonight's check-in must still come.
    ctx.clock.set(at(27, 20, 0))
    fixed = Rig(ctx)
    fixed.service.start()
    assert fixed.jobs.planned()["checkin"] == at(27, 21, 0)
    fixed.advance(timedelta(hours=1, minutes=1))
    assert fixed.kinds_shown() == ["checkin"]
    firing = rs.get_firing(fixed.shown.shown[-1].firing_id)
    assert firing is not None and firing.due_at == at(27, 21, 0)
    assert firing.outcome is FiringOutcome.FIRED
    fixed.service.stop()


def test_a_clock_that_goes_back_more_than_a_day_is_logged_and_rebuilt(
    ctx: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    ctx.clock.set(GLITCH)
    only(CHECKIN, at(27, 20, 0))
    rig = Rig(ctx)
    rig.service.start()
    assert rig.jobs.planned()["checkin"].year == 2099
    ctx.clock.set(at(27, 20, 0))  # corrected while running (NTP)
    rig.mono.value += 60
    rig.service.watchdog_tick()
    assert "clock went back" in caplog.text
    assert rig.jobs.planned()["checkin"] == at(27, 21, 0)
    rig.service.stop()


def test_a_restart_after_a_run_far_ahead_says_so_and_plans_from_now(
    ctx: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    only(CHECKIN, at(27, 20, 0))
    rs.set_checked_at(GLITCH)
    ctx.clock.set(at(27, 20, 0))
    rig = Rig(ctx)
    rig.service.start()
    assert "behind the last run" in caplog.text
    assert rig.jobs.planned()["checkin"] == at(27, 21, 0)
    assert rs.get_checked_at() == at(27, 20, 0)  # the mark is put right too
    rig.service.stop()


def test_a_pause_set_under_a_clock_far_ahead_is_ignored(ctx: Any) -> None:
    only(CHECKIN, at(27, 20, 0))
    rs.set_paused_until(GLITCH + timedelta(hours=1))  # "pause for an hour" in 2099
    ctx.clock.set(at(27, 20, 0))
    rig = Rig(ctx)
    rig.service.start()
    assert rig.service.paused_until() is None
    assert rig.jobs.planned()["checkin"] == at(27, 21, 0)
    rig.service.stop()
