"""An ignored reminder is repeated once after a delay set in Settings (30 min by default, or
off), and never once it is answered or satisfied (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from itertools import product

import pytest

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import Intake, IntakeKind
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import add_intake
from liptwitch_desktop.store.settings import set_setting
from tests.reminders.test_service import Rig, at, only, rig  # noqa: F401  (a fixture)
from tests.reminders.test_snooze import fire_magnesium


def outcomes(rig: Rig) -> list[str]:  # noqa: F811
    firings = rs.firings_between(at(27, 0), at(30, 0), ReminderKind.MAGNESIUM)
    return [f.outcome.value for f in firings]


def test_an_ignored_reminder_is_repeated_once_after_thirty_minutes(rig: Rig) -> None:  # noqa: F811
    first = fire_magnesium(rig)
    assert rig.jobs.planned()["repeat:magnesium"] == at(27, 22, 0)
    rig.advance(timedelta(minutes=29))
    assert len(rig.shown.shown) == 1
    rig.advance(timedelta(minutes=1))
    assert len(rig.shown.shown) == 2
    again = rig.shown.shown[-1]
    assert again.firing_id != first.firing_id
    assert rs.get_firing(again.firing_id).due_at == at(27, 21, 30)  # type: ignore[union-attr]
    rig.advance(timedelta(hours=2))  # once: never a third time
    assert len(rig.shown.shown) == 2
    assert outcomes(rig) == ["fired", "fired"]


@pytest.mark.parametrize("answer", ["done", "snooze:tomorrow", "dismissed"])
def test_an_answered_reminder_is_not_repeated(rig: Rig, answer: str) -> None:  # noqa: F811
    fire_magnesium(rig)
    if answer == "dismissed":
        rig.shown.close("magnesium", dismissed=True)
    else:
        rig.shown.press("magnesium", answer)
    rig.advance(timedelta(hours=1))
    assert len(rig.shown.shown) == 1


def test_magnesium_taken_meanwhile_is_not_repeated(rig: Rig) -> None:  # noqa: F811
    fire_magnesium(rig)
    rig.clock.advance(timedelta(minutes=5))
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    rig.ctx.signals.changed(Change.INTAKE)
    rig.advance(timedelta(hours=1))
    assert len(rig.shown.shown) == 1


def test_magnesium_taken_without_telling_the_service_is_not_repeated(rig: Rig) -> None:  # noqa: F811
    """The repeat checks the store when it wakes (an import, another process)."""
    fire_magnesium(rig)
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    rig.advance(timedelta(hours=1))
    assert len(rig.shown.shown) == 1


def water_rig(rig: Rig, every_h: float) -> None:  # noqa: F811
    now = rig.clock.now()
    only(ReminderKind.HYDRATION, now)
    spec = rs.get_spec(ReminderKind.HYDRATION)
    spec = replace(spec, enabled=True, interval_hours=every_h, waking_start=time(8, 0))
    rs.save_spec(spec, now - timedelta(days=30))
    rig.service.start()  # 20:00 London, a water slot (08:00 + n x every): shown at start


def test_a_glass_of_water_logged_meanwhile_stops_the_repeat(rig: Rig) -> None:  # noqa: F811
    water_rig(rig, every_h=6)  # 08:00, 14:00, 20:00
    assert rig.kinds_shown() == ["hydration"]
    rig.clock.advance(timedelta(minutes=10))
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.WATER, water_ml=250))
    rig.advance(timedelta(minutes=30))
    assert rig.kinds_shown() == ["hydration"]


def test_water_not_logged_is_repeated(rig: Rig) -> None:  # noqa: F811
    water_rig(rig, every_h=6)
    rig.advance(timedelta(minutes=30))
    assert rig.kinds_shown() == ["hydration", "hydration"]


def test_no_repeat_when_the_next_regular_one_comes_first(rig: Rig) -> None:  # noqa: F811
    water_rig(rig, every_h=0.25)
    assert rig.kinds_shown() == ["hydration"]
    assert "repeat:hydration" not in rig.jobs.planned()


def test_repeat_off_and_another_delay(rig: Rig) -> None:  # noqa: F811
    set_setting("reminders_repeat_minutes", 0)
    fire_magnesium(rig)
    assert "repeat:magnesium" not in rig.jobs.planned()
    rig.advance(timedelta(hours=1))
    assert len(rig.shown.shown) == 1
    set_setting("reminders_repeat_minutes", 45)
    rig.advance(timedelta(hours=23))  # tomorrow 21:30
    assert rig.jobs.planned()["repeat:magnesium"] == at(28, 22, 15)


def test_caffeine_reminders_are_never_repeated(rig: Rig) -> None:  # noqa: F811
    only(ReminderKind.CAFFEINE_CUTOFF, rig.clock.now())
    rig.service.start()
    for _hour in range(24):
        rig.advance(timedelta(hours=1))
        assert not any(job.startswith("repeat:") for job in rig.jobs.planned())
    assert rig.kinds_shown() == ["caffeine_cutoff"]
    assert not any(job.startswith("repeat:") for job in rig.jobs.planned())


def test_a_repeat_in_quiet_hours_stays_quiet(rig: Rig) -> None:  # noqa: F811
    from liptwitch_desktop.core.schedule.specs import QuietHours

    fire_magnesium(rig)
    rs.set_quiet_hours(QuietHours(time(21, 45), time(7, 0)))
    rig.advance(timedelta(hours=1))
    assert len(rig.shown.shown) == 1


STEPS = ("wait", "done", "snooze:10", "log", "dismiss")


@pytest.mark.parametrize("steps", list(product(STEPS, repeat=3)), ids="-".join)
def test_never_more_than_one_repeat_and_never_after_satisfied(
    rig: Rig,  # noqa: F811
    steps: tuple[str, ...],
) -> None:
    """Whatever happens after a firing: without a snooze at most one more showing (the
    repeat), and nothing at all once the magnesium is logged."""
    fire_magnesium(rig)
    shown_at_log: int | None = None
    for step in steps:
        if step == "wait":
            rig.advance(timedelta(minutes=31))
        elif step == "log":
            add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=1))
            rig.ctx.signals.changed(Change.INTAKE)
            shown_at_log = len(rig.shown.shown) if shown_at_log is None else shown_at_log
        elif step == "dismiss":
            rig.shown.close("magnesium")
        else:
            rig.shown.press("magnesium", step)
    rig.advance(timedelta(minutes=61))
    if "snooze:10" not in steps:
        assert len(rig.shown.shown) <= 2
    if shown_at_log is not None:
        assert len(rig.shown.shown) == shown_at_log
