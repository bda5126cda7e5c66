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
LAST = ReminderKind.CAFFEINE_LAST_CALL
START = date(2026, 11, 2)  # a Monday


def plan(order: tuple[Arm, ...], change_id: str = "caffeine_cutoff") -> Experiment:
    return Experiment(
        change_id=change_id,
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
    # As usual: every caffeine nudge is off, whichever caffeine change is tested.
    assert wanted_on("usual", "caffeine_cutoff", True) == {CUT: False, LAST: False}
    assert wanted_on("usual", "caffeine_last_call", True) == {CUT: False, LAST: False}
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


def test_the_cutoff_reminder_fires_at_the_experiments_cutoff(ctx, service) -> None:  # type: ignore[no-untyped-def]
    """The person's cutoff is 12:00; the plan tests "no caffeine after 14:30": in a change
    week the reminder (and the last call before it) comes at 14:30, and the person's own
    setting is never written, so it stands again after the change week."""
    from liptwitch_desktop.store.settings import get_time

    s, jobs = service
    assert get_time("caffeine_cutoff") == time(12, 0)
    exp = replace(plan((Arm.CHANGE, Arm.USUAL)), params={"cutoff": "14:30"})
    experiments.start(exp, START, ctx.clock.now())
    s.start()
    assert s.specs()[CUT].times == (time(14, 30),)
    assert s.specs()[ReminderKind.CAFFEINE_LAST_CALL].times == (time(14, 30),)
    fires = datetime.combine(START, time(14, 30), tzinfo=LONDON).astimezone(UTC)
    assert jobs.planned()[CUT.value] == fires
    assert get_time("caffeine_cutoff") == time(12, 0)  # the person's own, untouched
    assert rs.get_spec(CUT).times == (time(12, 0),)
    # In the as-usual week the reminder is off; after the plan the person's 12:00 stands.
    from liptwitch_desktop.reminders.experiment_phase import phase_specs

    ctx.clock.set(datetime(2026, 11, 10, 9, 0, tzinfo=LONDON).astimezone(UTC))
    assert not phase_specs(rs.load_specs(), ctx)[CUT].enabled
    ctx.clock.set(datetime(2026, 11, 20, 9, 0, tzinfo=LONDON).astimezone(UTC))
    assert phase_specs(rs.load_specs(), ctx)[CUT].times == (time(12, 0),)


@pytest.mark.parametrize("change_id", ["caffeine_cutoff", "caffeine_under_mg"])
def test_an_as_usual_week_has_no_caffeine_nudge_at_all(ctx, service, change_id) -> None:  # type: ignore[no-untyped-def]
    """Review 16-17, 1: the person keeps both caffeine reminders on; in an as-usual week of
    either caffeine change neither fires (the last call said "your cutoff is at 12:00")."""
    s, jobs = service
    for kind in (CUT, LAST):
        rs.save_spec(replace(rs.get_spec(kind), enabled=True), ctx.clock.now() - timedelta(days=30))
    experiments.start(plan((Arm.USUAL, Arm.CHANGE), change_id), START, ctx.clock.now())
    s.start()
    planned = jobs.planned()
    assert CUT.value not in planned and LAST.value not in planned
    assert not s.specs()[CUT].enabled and not s.specs()[LAST].enabled
    assert rs.get_spec(CUT).enabled and rs.get_spec(LAST).enabled  # theirs, not written


def test_the_idle_service_loads_no_statistics() -> None:
    """Idle memory (benchmarks/bench_memory.py): the phase hook needs the plan and its
    calendar, not the analysis, the randomisation test or the wording (~3 MiB)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from liptwitch_desktop.core.experiment import state_on, Experiment, from_dict\n"
        "import liptwitch_desktop.reminders.experiment_phase\n"
        "heavy = [m for m in ('analysis', 'randomisation', 'tdist', 'wording', 'foresight')\n"
        "         if f'liptwitch_desktop.core.experiment.{m}' in sys.modules]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
