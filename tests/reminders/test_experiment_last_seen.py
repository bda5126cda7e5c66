"""The latest day an experiment was looked at is kept by whatever looks at it (review 16/17,
finding 7): the reminder service's phase hook and Today's card, not only the Experiment page,
so a clock set back later runs the plan from the latest day seen."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.experiment import Arm, Experiment, state_on
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store import experiments
from liptwitch_desktop.store import reminder_store as rs
from tests.reminders.fakes import ManualJobs, RecordingBackend

LONDON = ZoneInfo("Europe/London")
START = date(2026, 11, 2)  # a Monday
ORDER = (Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE, Arm.CHANGE, Arm.USUAL)


def plan() -> Experiment:
    return Experiment(
        change_id="caffeine_cutoff",
        start_day=START,
        period_days=7,
        order=ORDER,
        day_start=time(4),
        zone_name="Europe/London",
        created_on=START,
        last_seen_day=START,
        params={"cutoff": "12:00"},
    )


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON).astimezone(UTC)


def test_the_reminder_service_remembers_the_day_it_switched_for(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(START))
    for spec in rs.load_specs().values():
        rs.save_spec(replace(spec, enabled=False), ctx.clock.now() - timedelta(days=30))
    stored = experiments.start(plan(), START, ctx.clock.now())
    week3 = START + timedelta(days=15)
    ctx.clock.set(at(week3))
    s = ReminderService(
        ctx, Notifier([RecordingBackend()]), backend=ManualJobs(), watch_logind=False
    )
    s.start()
    try:
        seen = experiments.get(stored.id).experiment.last_seen_day
        assert seen == week3  # the page was never opened
        # The clock is then set back to week 1: the plan still goes by week 3.
        state = state_on(experiments.get(stored.id).experiment, START)
        assert state.period is not None and state.period.index == 2
        assert state.clock_note is not None
    finally:
        s.stop()


def test_a_clock_that_cannot_be_right_is_never_the_day_seen(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(START))
    stored = experiments.start(plan(), START, ctx.clock.now())
    experiments.note_seen(date(2150, 1, 1), datetime(2150, 1, 1, tzinfo=UTC))
    assert experiments.get(stored.id).experiment.last_seen_day == START
    experiments.note_seen(START + timedelta(days=3), at(START + timedelta(days=3)))
    assert experiments.get(stored.id).experiment.last_seen_day == START + timedelta(days=3)
    experiments.note_seen(START + timedelta(days=1), at(START + timedelta(days=1)))  # back
    assert experiments.get(stored.id).experiment.last_seen_day == START + timedelta(days=3)
