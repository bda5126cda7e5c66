"""Days judged kept or not for each change; unlogged days stay unknown (issue 17)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.experiment import Arm, new_experiment, schedule
from liptwitch_desktop.core.experiment.judging import JUDGES, day_data
from liptwitch_desktop.core.knowledge import load_knowledge

START = date(2026, 3, 2)


def _exp(change: str, params: dict[str, str | int | float] | None = None):  # type: ignore[no-untyped-def]
    return new_experiment(
        change,
        4 if change != "magnesium_evening" else 8,
        START,
        random.Random(1),
        day_start=time(4),
        zone_name="Europe/Berlin",
        params=params,
    )


def test_every_judge_the_knowledge_base_names_exists() -> None:
    assert {c.judge for c in load_knowledge().experiments} <= set(JUDGES)


def test_change_days_are_judged_usual_and_unlogged_days_are_not() -> None:
    exp = _exp("caffeine_cutoff", {"cutoff": "12:00"})
    periods = schedule(exp).periods
    change = next(p for p in periods if p.arm is Arm.CHANGE)
    usual = next(p for p in periods if p.arm is Arm.USUAL)
    records = [
        DayRecord(change.first_day, episodes=2, logged=True, caffeine_after_cutoff=True),
        DayRecord(change.first_day + timedelta(days=1), episodes=0, logged=True),
        DayRecord(change.first_day + timedelta(days=2)),  # nothing logged: unknown
        DayRecord(usual.first_day, episodes=1, logged=True, caffeine_after_cutoff=True),
        DayRecord(START - timedelta(days=1), episodes=5, logged=True),  # before the plan
    ]
    data = {d.day: d for d in day_data(exp, records, "no_caffeine_after_cutoff")}
    assert data[change.first_day].kept is False and data[change.first_day].twitches == 2
    assert data[change.first_day + timedelta(days=1)].kept is True
    unknown = data[change.first_day + timedelta(days=2)]
    assert unknown.kept is None and not unknown.logged
    assert data[usual.first_day].kept is None
    assert START - timedelta(days=1) not in data


def test_each_rule() -> None:
    day = DayRecord(START, logged=True, caffeine_mg=250, magnesium_mg=0, sleep_hours=None)
    assert JUDGES["caffeine_under_mg"](day, {"mg": 300}) is True
    assert JUDGES["caffeine_under_mg"](day, {"mg": 200}) is False
    assert JUDGES["magnesium_logged"](day, {}) is False
    assert JUDGES["sleep_at_least_7h"](day, {}) is None  # no check-in: not judged
    assert JUDGES["sleep_at_least_7h"](DayRecord(START, sleep_hours=7.0), {}) is True
    cheese = DayRecord(START, logged=True, trigger_foods=frozenset({"Cheese"}))
    assert JUDGES["food_not_logged"](cheese, {"food": "cheese"}) is False
    assert JUDGES["food_not_logged"](cheese, {"food": "chocolate"}) is True


def test_test_this_maps_factors_and_causes_to_changes() -> None:
    from liptwitch_desktop.core.experiment.suggest import change_for_factor, changes_for_cause

    assert change_for_factor("caffeine_after_cutoff") == ("caffeine_cutoff", {})
    assert change_for_factor("short_sleep@day_before") == ("sleep_7h", {})
    assert change_for_factor("food:msg") == ("no_trigger_food", {"food": "msg"})
    assert change_for_factor("high_stress") is None
    kb = load_knowledge()
    assert changes_for_cause("caffeine", kb.experiments) == ["caffeine_cutoff", "caffeine_under_mg"]
    assert changes_for_cause("stress", kb.experiments) == []
