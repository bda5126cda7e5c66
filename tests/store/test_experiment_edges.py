"""The issue's edges through the whole path (store days -> judged days -> analysis -> the
page), where the core's own tests only cover the pure part (issue 17, "Bad input and
edges"): a plan over the end of summer time, the 04:00 day start, logging gaps, a zone
change, a clock moved backwards, a plan paused past its end, a second one refused."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.controllers.experiment import ExperimentController
from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.core.experiment import Arm, Experiment, Phase, schedule
from liptwitch_desktop.store import experiments as store
from liptwitch_desktop.store.entries import add_episode, add_intake
from liptwitch_desktop.store.experiment_view import view_of

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def plan(start: date, order: tuple[Arm, ...], zone: str = "Europe/London") -> Experiment:
    return Experiment(
        change_id="caffeine_cutoff",
        start_day=start,
        period_days=7,
        order=order,
        day_start=time(4),
        zone_name=zone,
        created_on=start,
        last_seen_day=start,
        params={"cutoff": "12:00"},
    )


def local(day: date, hour: int, minute: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def test_a_plan_over_the_end_of_summer_time_counts_every_local_day(db: Any) -> None:
    # Summer time ends on Sunday 25 October 2026 (a 25-hour day) inside week 1.
    start = date(2026, 10, 19)
    exp = plan(start, (Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE))
    for n in range(28):
        day = start + timedelta(days=n)
        add_episode(Episode(local(day, 23, 30), intensity=3))  # late, but before 04:00
    view = view_of(exp, start + timedelta(days=28), LONDON)
    periods = view.analysis.periods
    assert [p.days_logged for p in periods] == [7, 7, 7, 7]
    assert [p.twitches for p in periods] == [7, 7, 7, 7]
    assert view.analysis.unlogged_days == 0


def test_a_one_am_twitch_counts_for_the_evening_before_with_a_four_am_day_start(db: Any) -> None:
    start = date(2026, 3, 2)
    exp = plan(start, (Arm.CHANGE, Arm.USUAL))
    week2 = schedule(exp).periods[1].first_day
    add_episode(Episode(local(week2, 1, 0), intensity=3))  # 01:00 on week 2's first date
    add_intake(Intake(local(week2, 1, 30), IntakeKind.CAFFEINE, "Cola", caffeine_mg=34))
    view = view_of(exp, week2 + timedelta(days=7), LONDON)
    last_of_week1 = week2 - timedelta(days=1)
    by_day = {d.day: d for d in view.days}
    assert by_day[last_of_week1].twitches == 1
    assert week2 not in by_day or (by_day[week2].twitches == 0 and not by_day[week2].logged)
    # ... and the 01:30 cola is late caffeine on week 1's last day: not kept.
    assert by_day[last_of_week1].kept is False


def test_logging_gaps_are_unknown_days_and_a_thin_period_leaves_its_pair_out(db: Any) -> None:
    start = date(2026, 3, 2)
    exp = plan(start, (Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE, Arm.CHANGE, Arm.USUAL))
    periods = schedule(exp).periods
    for p in periods:
        # Periods 2 (pair 1) has only 2 days logged; every other period all 7.
        days = p.days()[:2] if p.index == 2 else p.days()
        for day in days:
            add_intake(Intake(local(day, 9), IntakeKind.WATER, water_ml=250))
    add_episode(Episode(local(periods[0].first_day, 10), intensity=3))
    view = view_of(exp, periods[-1].end_day, LONDON)
    a = view.analysis
    assert a.unlogged_days == 5 and a.left_out_pairs == (1,)
    assert a.pairs_used == 2
    assert any("5 days with nothing logged were left out" in d for d in a.details)


def test_a_zone_change_keeps_the_plans_calendar_days(db: Any, ctx: Any) -> None:
    c = ExperimentController(ctx, rng=random.Random(1))
    saved = c.start("caffeine_cutoff", 6, {"cutoff": "12:00"})
    before = schedule(saved.experiment).periods
    ctx.zone = NEW_YORK  # the person flew west; the zone watcher would say Change.ZONE
    after = view_of(store.get(saved.id).experiment, ctx.today(), ctx.zone)
    assert schedule(after.experiment).periods == before
    assert after.state.phase is Phase.IN_PERIOD


def test_a_clock_moved_backwards_is_said_and_goes_by_the_last_day_seen(
    ctx: Any, qtbot: Any
) -> None:
    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.ui.experiment.page import ExperimentPage

    c = build_controllers(ctx)
    saved = c.experiment.start("sleep_7h", 6)
    ctx.clock.advance(timedelta(days=9))
    page = ExperimentPage(ctx, c.experiment, c.settings)
    qtbot.addWidget(page)
    seen = store.get(saved.id).experiment.last_seen_day
    assert seen == ctx.today()  # the page remembered the day it showed
    assert page.status.text().startswith("Week 2 of 6")
    ctx.clock.advance(timedelta(days=-8))  # someone set the clock back
    page.refresh()
    assert "already reached" in page.note.text() and page.note.isVisibleTo(page)
    assert page.status.text().startswith("Week 2 of 6")  # the plan goes by the later day
    assert store.get(saved.id).experiment.last_seen_day == seen  # nothing rewritten


def test_paused_past_its_end_says_so_and_a_second_one_waits(ctx: Any, qtbot: Any) -> None:
    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.ui.experiment.page import ExperimentPage

    c = build_controllers(ctx)
    saved = c.experiment.start("caffeine_cutoff", 4)
    c.experiment.pause(saved.id)
    ctx.clock.advance(timedelta(days=40))
    page = ExperimentPage(ctx, c.experiment, c.settings)
    qtbot.addWidget(page)
    assert "has passed" in page.status.text()
    assert page.open_start("sleep_7h") is None and "still running" in page.error.text()
    with pytest.raises(Exception, match="Another experiment is still running"):
        c.experiment.start("sleep_7h", 4)
