"""The real APScheduler backend: jobs carry the promised options and fire on the Qt loop."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.clock import FakeClock, SystemClock
from liptwitch_desktop.reminders.jobs import ApschedulerBackend

LONDON = ZoneInfo("Europe/London")


def test_job_options_and_firing_on_the_qt_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    backend = ApschedulerBackend(clock=SystemClock())
    backend.start()
    ran: list[str] = []
    try:
        run_at = datetime.now(UTC) + timedelta(milliseconds=300)
        backend.plan(
            "magnesium",
            run_at,
            LONDON,
            timedelta(hours=2),
            lambda: ran.append("1st"),
        )
        job = backend.scheduler.get_job("magnesium")
        assert job.coalesce is True
        assert job.max_instances == 1
        assert job.misfire_grace_time == 7200
        assert job.trigger.run_date.tzinfo == LONDON
        backend.plan(
            "magnesium",
            run_at,
            LONDON,
            timedelta(hours=2),
            lambda: ran.append(
                "2nd" if threading.current_thread() is threading.main_thread() else "thread"
            ),
        )
        assert len(backend.scheduler.get_jobs()) == 1  # replace_existing
        qtbot.waitUntil(lambda: bool(ran), timeout=5000)
        assert ran == ["2nd"]
        backend.plan("x", run_at + timedelta(hours=1), LONDON, timedelta(minutes=5), lambda: None)
        backend.cancel("x")
        backend.cancel("never_planned")
        assert backend.planned() == {}
    finally:
        backend.shutdown()


def test_injected_clock_is_translated_to_real_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    app_now = datetime(2030, 1, 1, 21, 29, 59, tzinfo=UTC)
    clock = FakeClock(app_now)
    backend = ApschedulerBackend(clock=clock)
    backend.start()
    fired: list[bool] = []
    try:
        due = app_now + timedelta(milliseconds=400)
        backend.plan("m", due, LONDON, timedelta(minutes=1), lambda: fired.append(True))
        planned = backend.planned()["m"]
        assert abs(planned - due) < timedelta(milliseconds=50)
        qtbot.waitUntil(lambda: bool(fired), timeout=5000)
    finally:
        backend.shutdown()


def test_planned_instants_survive_a_clock_in_the_other_half_of_the_year() -> None:
    """The service's clock (a test's, a skewed one) may sit across a DST change from the
    system's: what `planned` reports is the instant planned, not one an hour off."""
    new_york = ZoneInfo("America/New_York")
    real = datetime.now(UTC)
    shift = next(  # the nearest whole-day shift to a time of the other DST state
        timedelta(days=d)
        for d in range(90, 366)
        if (real + timedelta(days=d)).astimezone(new_york).utcoffset()
        != real.astimezone(new_york).utcoffset()
    )
    clock = FakeClock(real + shift)
    backend = ApschedulerBackend(clock=clock)
    backend.start()
    try:
        due = (clock.now() + timedelta(days=1)).replace(microsecond=0)
        backend.plan("magnesium", due, new_york, timedelta(hours=2), lambda: None)
        assert abs(backend.planned()["magnesium"] - due) < timedelta(seconds=1)
    finally:
        backend.shutdown()
