"""The plan's life: start, pause (also past its end), extend, stop, one at a time, the clock."""

from __future__ import annotations

import contextlib
import itertools
import json
import random
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liptwitch_desktop.core.experiment import (
    MAX_PAIRS,
    Arm,
    Experiment,
    ExperimentDataError,
    ExperimentRefused,
    Pause,
    Phase,
    Status,
    can_start,
    extend,
    from_dict,
    new_experiment,
    observe,
    pause,
    resume,
    schedule,
    state_on,
    status_line,
    stop,
    to_dict,
)

MON = date(2026, 3, 2)  # a Monday
FOUR = time(4, 0)


def make(
    weeks: int = 6, change: str = "caffeine_cutoff", seed: int = 1, **kw: object
) -> Experiment:
    return new_experiment(
        change,
        weeks,
        kw.pop("today", MON),  # type: ignore[arg-type]
        random.Random(seed),
        day_start=FOUR,
        zone_name="Europe/London",
        **kw,  # type: ignore[arg-type]
    )


def test_a_six_week_plan_is_six_one_week_periods_in_three_pairs() -> None:
    exp = make()
    periods = schedule(exp).periods
    assert [p.first_day for p in periods] == [MON + timedelta(weeks=i) for i in range(6)]
    assert all(p.days_count == 7 and p.first_day.weekday() == 0 for p in periods)
    assert [p.pair for p in periods] == [0, 0, 1, 1, 2, 2]
    assert schedule(exp).end_day == MON + timedelta(weeks=6)
    assert exp.washout_days == 0


def test_magnesium_plans_are_two_week_periods_with_washout_on() -> None:
    exp = make(8, "magnesium_evening")
    assert exp.period_days == 14 and exp.washout_days == 2
    assert len(schedule(exp).periods) == 4
    assert make(8, "magnesium_evening", washout_days=0).washout_days == 0  # a setting
    with pytest.raises(ValueError):
        make(6, "magnesium_evening")  # three fortnights cannot be balanced pairs


@given(
    start=st.dates(date(2000, 1, 1), date(2090, 1, 1)),
    pairs=st.integers(2, MAX_PAIRS),
    period=st.sampled_from([7, 14]),
    seed=st.integers(0, 999),
)
def test_periods_follow_each_other_with_no_gap_or_overlap(
    start: date, pairs: int, period: int, seed: int
) -> None:
    from liptwitch_desktop.core.experiment import draw_order

    exp = Experiment(
        "caffeine_cutoff",
        start,
        period,
        draw_order(pairs, random.Random(seed)),
        FOUR,
        "Europe/London",
        start,
        start,
    )
    periods = schedule(exp).periods
    assert periods[0].first_day == start
    for a, b in itertools.pairwise(periods):
        assert a.end_day == b.first_day
    covered = [d for p in periods for d in p.days()]
    assert covered == [start + timedelta(days=i) for i in range(2 * pairs * period)]


def test_today_says_which_week_and_what_to_do() -> None:
    exp = replace(
        make(), order=(Arm.CHANGE, Arm.USUAL, Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE)
    )
    state = state_on(exp, MON + timedelta(days=15))
    assert state.phase is Phase.IN_PERIOD and state.day_in_period == 2
    line = status_line(state, exp, "no caffeine after 12:00", str)
    assert line == "Week 3 of 6: no caffeine after 12:00 this week."
    usual = status_line(state_on(exp, MON + timedelta(days=8)), exp, "no caffeine after 12:00", str)
    assert usual.startswith("Week 2 of 6: as usual this week")
    mg = make(8, "magnesium_evening")
    line = status_line(state_on(mg, MON + timedelta(days=20)), mg, "magnesium each evening", str)
    assert line.startswith("Weeks 3–4 of 8:")


def test_a_pause_mid_week_moves_the_rest_by_whole_weeks() -> None:
    exp = make()
    wed = MON + timedelta(weeks=2, days=2)  # Wednesday of week 3: a sick week begins
    paused = pause(exp, wed)
    assert paused.status is Status.PAUSED
    state = state_on(paused, wed + timedelta(days=3))
    assert state.phase is Phase.PAUSED and state.periods_done == 2
    assert "Paused since Wednesday 18 March 2026" in status_line(state, paused, None, str)
    back = resume(paused, wed + timedelta(days=8))  # Thursday of the following week
    periods = schedule(back).periods
    assert [p.first_day for p in periods[:2]] == [MON, MON + timedelta(weeks=1)]
    # Week 3 starts over on the Monday after the return, and everything after follows it.
    assert periods[2].first_day == MON + timedelta(weeks=4)
    assert all(p.first_day.weekday() == 0 and p.days_count == 7 for p in periods)
    assert [p.arm for p in periods] == list(exp.order)
    assert schedule(back).breaks == ((MON + timedelta(weeks=2), MON + timedelta(weeks=4)),)
    waiting = state_on(back, wed + timedelta(days=9))
    assert waiting.phase is Phase.WAITING and waiting.period == periods[2]
    assert status_line(waiting, back, None, str).startswith("Resumed: Week 3 begins on Monday")


def test_resuming_on_the_day_of_pausing_undoes_the_pause() -> None:
    exp = make()
    day = MON + timedelta(days=9)
    assert resume(pause(exp, day), day) == replace(exp, last_seen_day=day)


def test_a_pause_before_the_start_that_ends_before_it_moves_nothing() -> None:
    exp = make(today=MON - timedelta(days=5), start_day=MON)
    back = resume(pause(exp, MON - timedelta(days=4)), MON - timedelta(days=2))
    assert schedule(back).periods == schedule(exp).periods


def test_paused_past_its_end_keeps_the_rest_waiting_and_says_so() -> None:
    exp = make(4)
    paused = pause(exp, MON + timedelta(days=10))  # week 2
    late = MON + timedelta(weeks=9)  # long after the planned end (week 4)
    state = state_on(paused, late)
    assert state.phase is Phase.PAUSED and state.past_planned_end
    assert state.planned_end == MON + timedelta(weeks=4)
    assert len(schedule(paused).pending) == 3  # weeks 2 to 4 wait for the resume
    line = status_line(state, paused, None, str)
    assert "has passed" in line and "3 weeks of the plan are still to do" in line
    back = resume(paused, late)
    periods = schedule(back).periods
    assert periods[1].first_day >= late and periods[1].first_day.weekday() == 0
    assert state_on(back, periods[-1].end_day).phase is Phase.FINISHED


def test_extend_adds_one_random_pair() -> None:
    exp = make(4)
    longer = extend(exp, MON + timedelta(days=20), random.Random(5))
    assert longer.pairs == 3 and len(schedule(longer).periods) == 6
    assert set(longer.order[4:]) == {Arm.CHANGE, Arm.USUAL}
    assert schedule(longer).periods[4].first_day == MON + timedelta(weeks=4)


def test_extend_after_the_end_starts_the_new_pair_from_today_not_in_the_past() -> None:
    exp = make(4)
    today = MON + timedelta(weeks=5, days=3)  # a week and a half after the end
    longer = extend(exp, today, random.Random(5))
    new = schedule(longer).periods[4]
    assert new.first_day >= today and new.first_day.weekday() == 0
    assert state_on(longer, today).phase is Phase.WAITING


def test_extend_is_refused_at_the_limit_and_when_stopped() -> None:
    exp = make(8)
    for _ in range(MAX_PAIRS - 4):
        exp = extend(exp, MON, random.Random(1))
    with pytest.raises(ExperimentRefused) as err:
        extend(exp, MON, random.Random(1))
    assert err.value.refusal.code == "too_long"
    with pytest.raises(ExperimentRefused, match="stopped"):
        extend(stop(make(), MON + timedelta(days=3)), MON + timedelta(days=4), random.Random(1))


def test_stop_keeps_the_experiment_with_status_stopped() -> None:
    exp = make()
    day = MON + timedelta(days=23)
    stopped = stop(exp, day)
    assert stopped.status is Status.STOPPED and stopped.stopped_on == day
    assert stopped.order == exp.order and stopped.start_day == exp.start_day
    state = state_on(stopped, day + timedelta(days=30))
    assert state.phase is Phase.STOPPED and state.periods_done == 3
    assert status_line(state, stopped, None, str) == (
        "Stopped on Wednesday 25 March 2026 after 3 of 6 weeks."
    )
    for op in (stop, pause):
        with pytest.raises(ExperimentRefused, match="stopped"):
            op(stopped, day + timedelta(days=1))
    with pytest.raises(ExperimentRefused, match="not paused"):
        resume(stopped, day)
    with pytest.raises(ExperimentRefused, match="finished"):
        stop(exp, MON + timedelta(weeks=7))


def test_a_second_experiment_is_refused_while_one_is_active() -> None:
    running = make()
    for existing in (
        running,
        pause(running, MON + timedelta(days=3)),
        make(today=MON - timedelta(days=3), start_day=MON),  # planned, not started yet
    ):
        refusal = can_start([existing], MON + timedelta(days=1))
        assert refusal is not None and refusal.code == "another_running"
        assert refusal.blocking is existing
        assert "two changes at once" in refusal.message
        with pytest.raises(ExperimentRefused):
            make(change="sleep_7h", today=MON + timedelta(days=1), existing=[existing])
    # Stopped or finished ones are history: a new one may start.
    done = [stop(running, MON + timedelta(days=3)), make(today=MON - timedelta(weeks=8))]
    assert can_start(done, MON + timedelta(days=4)) is None
    assert make(change="sleep_7h", today=MON + timedelta(days=4), existing=done).pairs == 3


def test_a_plan_cannot_start_in_the_past() -> None:
    with pytest.raises(ExperimentRefused, match="today or on a later day"):
        make(today=MON, start_day=MON - timedelta(days=1))


def test_a_clock_moved_back_before_the_start_is_said_plainly_and_changes_nothing() -> None:
    exp = make()  # made and started on MON
    state = state_on(exp, MON - timedelta(days=3))
    assert state.day == MON and state.phase is Phase.IN_PERIOD
    assert state.clock_note is not None
    assert (
        "Friday 27 February 2026" in state.clock_note and "Monday 2 March 2026" in state.clock_note
    )
    assert observe(exp, MON - timedelta(days=3)) == exp


def test_a_clock_moved_back_mid_experiment_goes_by_the_last_day_seen() -> None:
    exp = observe(make(), MON + timedelta(days=20))
    back = MON + timedelta(days=6)
    state = state_on(exp, back)
    assert state.day == MON + timedelta(days=20) and state.period is not None
    assert state.period.index == 2 and state.clock_note is not None
    paused = pause(exp, back)  # never in the past: from the last day seen
    assert paused.pauses[-1].start_day == MON + timedelta(days=20)
    assert state_on(make(today=MON, start_day=MON + timedelta(days=7)), MON).clock_note is None


def test_inconsistent_experiments_are_refused() -> None:
    exp = make()
    with pytest.raises(ValueError):
        replace(exp, order=(Arm.CHANGE, Arm.CHANGE, Arm.USUAL, Arm.USUAL))
    with pytest.raises(ValueError):
        replace(exp, status=Status.PAUSED)
    with pytest.raises(ValueError):
        replace(exp, pauses=(Pause(MON),))  # open pause but running
    with pytest.raises(ValueError):
        replace(exp, status=Status.STOPPED)  # no stop day
    with pytest.raises(ValueError):
        replace(exp, washout_days=5)
    with pytest.raises(ValueError):
        replace(exp, zone_name="Nowhere/Atlantis")
    with pytest.raises(ValueError):
        Pause(MON, MON - timedelta(days=1))


operations = st.lists(
    st.tuples(st.sampled_from(["pause", "resume", "extend", "stop"]), st.integers(0, 20)),
    max_size=6,
)


@given(ops=operations, seed=st.integers(0, 99))
def test_any_history_survives_a_round_trip_through_json(
    ops: list[tuple[str, int]], seed: int
) -> None:
    exp = make(seed=seed, params={"cutoff": "12:00", "limit_mg": 200})
    day = MON
    rng = random.Random(seed)
    for op, step in ops:
        day += timedelta(days=step)
        try:
            if op == "pause":
                exp = pause(exp, day)
            elif op == "resume":
                exp = resume(exp, day)
            elif op == "extend":
                exp = extend(exp, day, rng)
            else:
                exp = stop(exp, day)
        except ExperimentRefused:
            pass
    assert from_dict(json.loads(json.dumps(to_dict(exp)))) == exp


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda d: d.pop("order"), "'order'"),
        (lambda d: d.update(order=["change", "maybe"]), "not readable"),
        (lambda d: d.update(start_day="2026-13-01"), "'start_day'"),
        (lambda d: d.update(period_days="7"), "'period_days'"),
        (lambda d: d.update(version=99), "format 99"),
        (lambda d: d.update(status="paused"), "not consistent"),
        (lambda d: d.update(pauses=[["2026-03-04"]]), "'pauses'"),
        (lambda d: d.update(params={"x": [1]}), "parameter 'x'"),
        (lambda d: d.update(zone_name="Nowhere/Atlantis"), "not consistent"),
    ],
)
def test_a_damaged_record_is_refused_with_the_field_named(change: object, match: str) -> None:
    raw = to_dict(make())
    change(raw)  # type: ignore[operator]
    with pytest.raises(ExperimentDataError, match=match):
        from_dict(raw)


@given(
    ops=operations,
    seed=st.integers(0, 99),
    period=st.sampled_from(["caffeine_cutoff", "magnesium_evening"]),
)
def test_after_any_pauses_periods_stay_whole_in_order_and_meet_the_breaks(
    ops: list[tuple[str, int]], seed: int, period: str
) -> None:
    exp = make(8, period, seed=seed)
    day = MON
    rng = random.Random(seed)
    for op, step in ops:
        day += timedelta(days=step)
        with contextlib.suppress(ExperimentRefused):
            if op == "extend":
                exp = extend(exp, day, rng)
            else:
                exp = {"pause": pause, "resume": resume, "stop": stop}[op](exp, day)
    sched = schedule(exp)
    periods = sched.periods
    assert [p.index for p in periods] + [p.index for p in sched.pending] == list(
        range(len(exp.order))
    )
    assert [p.arm for p in periods] + [p.arm for p in sched.pending] == list(exp.order)
    for p in periods:
        assert p.days_count == exp.period_days
        assert (p.first_day - MON).days % exp.period_days == 0  # whole periods: same weekdays
    # Periods and breaks together cover the days from the start to the end, once each.
    spans = sorted([(p.first_day, p.end_day) for p in periods] + list(sched.breaks))
    if not spans:
        return  # paused on the first day: every period waits for the resume
    assert spans[0][0] == MON
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end == start


def test_the_end_shown_to_the_person_is_the_plans_last_day() -> None:
    # Review 16/17, finding 4: "The planned end, Monday ..., has passed" and the report's
    # "... to Monday ..." named the day after the last period.
    from liptwitch_desktop.core.experiment.view import build_view
    from liptwitch_desktop.core.knowledge import load_knowledge
    from liptwitch_desktop.core.report.experiments import entry_of

    exp = make(4)
    last = schedule(exp).periods[-1].end_day - timedelta(days=1)
    assert last == MON + timedelta(weeks=4, days=-1) and last.weekday() == 6  # a Sunday
    paused = pause(exp, MON + timedelta(days=10))
    state = state_on(paused, MON + timedelta(weeks=9))
    line = status_line(state, paused, None, str)
    assert "The planned end, Sunday 29 March 2026, has passed" in line
    finished = MON + timedelta(weeks=6)
    choice = load_knowledge().experiment(exp.change_id)
    view = build_view(exp, choice, (), finished)
    assert entry_of(view, str).when == "Monday 2 March 2026 to Sunday 29 March 2026"
    assert state.last_planned_day == last


def test_an_extensions_break_is_kept_through_saving_and_said_as_extended() -> None:
    exp = make(4)
    late = MON + timedelta(weeks=6, days=2)  # a Wednesday, well after the end
    longer = extend(exp, late, random.Random(2))
    assert longer.pauses[-1].extension and from_dict(to_dict(longer)) == longer
    line = status_line(state_on(longer, late), longer, None, str)
    assert line.startswith("Extended by two weeks: Week 5 begins on Monday 20 April 2026")
    old_style = to_dict(longer)
    old_style["pauses"] = [p[:2] for p in old_style["pauses"]]  # saved before this flag
    assert from_dict(old_style).pauses[-1].extension is False
