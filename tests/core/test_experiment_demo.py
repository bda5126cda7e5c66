"""The demo's finished 6-week caffeine-cutoff experiment (issue 17)."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.core.experiment import Arm, Phase, schedule, state_on
from liptwitch_desktop.core.experiment.demo import demo_experiment, keep_the_cutoff

ZONE = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 10)


def test_the_demo_plan_is_finished_six_weeks_from_a_monday() -> None:
    exp = demo_experiment(TODAY, "Europe/Berlin", time(4))
    assert exp.change_id == "caffeine_cutoff" and len(exp.order) == 6
    assert exp.start_day.weekday() == 0 and exp.params == {"cutoff": "12:00"}
    assert state_on(exp, TODAY).phase is Phase.FINISHED


def test_most_change_days_keep_the_cutoff_and_usual_days_are_untouched() -> None:
    exp = demo_experiment(TODAY, "Europe/Berlin", time(4))
    log = generate(TODAY, 120, ZONE)
    moved = keep_the_cutoff(log.intakes, exp, ZONE)
    assert len(moved) == len(log.intakes)
    periods = schedule(exp).periods

    def late_days(intakes: list, arm: Arm) -> set[date]:  # type: ignore[type-arg]
        days = {d for p in periods if p.arm is arm for d in p.days()}
        return {
            i.taken_at.astimezone(ZONE).date()
            for i in intakes
            if i.kind is IntakeKind.CAFFEINE
            and i.taken_at.astimezone(ZONE).time() >= time(12)
            and i.taken_at.astimezone(ZONE).date() in days
        }

    assert len(late_days(moved, Arm.CHANGE)) < len(late_days(log.intakes, Arm.CHANGE))
    assert late_days(moved, Arm.USUAL) == late_days(log.intakes, Arm.USUAL)
    total = sum(i.caffeine_mg or 0 for i in moved)
    assert total == sum(i.caffeine_mg or 0 for i in log.intakes)  # moved, not dropped
