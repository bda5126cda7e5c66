"""The running experiment's reminder switches on and off with its periods (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.experiment import Arm, Experiment, schedule
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.reminders.experiment_phase import JOB_ID, apply, wanted_on
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store import experiments
from liptwitch_desktop.store import reminder_store as rs
from tests.reminders.fakes import ManualJobs, RecordingBackend

LONDON = ZoneInfo("Europe/London")
CUT = ReminderKind.CAFFEINE_CUTOFF
START = date(2026, 11, 2)  # a Monday


def plan(order: tuple[Arm, ...]) -> Experiment:
    return Experiment(
        change_id="caffeine_cutoff",
        start_day=START,
        period_days=7,
        order=order,
        day_start=time(4),
        zone_name="Europe/London",
        created_on=START,
        last_seen_day=START,
        params={"cutoff": "12:00"},
    )


def test_what_each_period_wants() -> None:
    assert wanted_on("change", "caffeine_cutoff", True) == {CUT: True}
    assert wanted_on("usual", "caffeine_cutoff", True) == {CUT: False}
    assert wanted_on("usual", "checkin", True) == {}  # the check-in keeps its own setting
    assert wanted_on("change", "magnesium", False) == {}  # not before the safety notice
    assert wanted_on("change", "magnesium", True) == {ReminderKind.MAGNESIUM: True}
    assert wanted_on(None, "caffeine_cutoff", True) == {}


@pytest.fixture
def service(ctx) -> Iterator[tuple[ReminderService, ManualJobs]]:  # type: ignore[no-untyped-def]
    ctx.clock.set(datetime(2026, 11, 2, 9, 0, tzinfo=LONDON).astimezone(UTC))
    # Every reminder off: the person never switched the cutoff reminder on.
    for spec in rs.load_specs().values():
        rs.save_spec(replace(spec, enabled=False), ctx.clock.now() - timedelta(days=30))
    rs.set_checked_at(ctx.clock.now() - timedelta(minutes=1))
    jobs = ManualJobs()
    s = ReminderService(ctx, Notifier([RecordingBackend()]), backend=jobs, watch_logind=False)
    yield s, jobs
    s.stop()


def test_the_cutoff_reminder_follows_the_periods(ctx, service) -> None:  # type: ignore[no-untyped-def]
    s, jobs = service
    exp = plan((Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE))
    experiments.start(exp, START, ctx.clock.now())
    s.start()
    # Week 1 is a change week: the cutoff reminder is on though the person's setting is off.
    assert s.specs()[CUT].enabled and CUT.value in jobs.planned()
    week2 = schedule(exp).periods[1].first_day
    switch = datetime.combine(week2, time(4), tzinfo=LONDON).astimezone(UTC)
    assert jobs.planned()[JOB_ID] == switch
    # The switch job runs at week 2's day start: as usual, so the reminder goes off.
    ctx.clock.set(switch + timedelta(minutes=1))
    jobs.run_due(ctx.clock.now())
    assert not s.specs()[CUT].enabled and CUT.value not in jobs.planned()
    assert not rs.get_spec(CUT).enabled  # the person's own setting was never written
    # The service looks again at each period's start (week 3, then week 4, a change week).
    for index, on in ((2, False), (3, True)):
        first = schedule(exp).periods[index].first_day
        switch = datetime.combine(first, time(4), tzinfo=LONDON).astimezone(UTC)
        assert jobs.planned()[JOB_ID] == switch
        ctx.clock.set(switch + timedelta(minutes=1))
        jobs.run_due(ctx.clock.now())
        assert s.specs()[CUT].enabled is on and (CUT.value in jobs.planned()) is on


def test_after_the_plan_the_persons_settings_stand(ctx, service) -> None:  # type: ignore[no-untyped-def]
    s, jobs = service
    exp = plan((Arm.CHANGE, Arm.USUAL))
    experiments.start(exp, START, ctx.clock.now())
    ctx.clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=LONDON).astimezone(UTC))
    s.start()
    assert not s.specs()[CUT].enabled and JOB_ID not in jobs.planned()


def test_a_stopped_experiment_switches_nothing(ctx, service) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.core.experiment import stop

    s, jobs = service
    exp = plan((Arm.CHANGE, Arm.USUAL))
    saved = experiments.start(exp, START, ctx.clock.now())
    experiments.update(saved.id, lambda e: stop(e, START))
    s.start()
    assert not s.specs()[CUT].enabled and JOB_ID not in jobs.planned()
    assert apply(s.specs(), {}) == s.specs()
