"""Starting, pausing, extending and stopping an experiment, and where it stands today.

Every operation is a pure function from (experiment, today) to a new experiment or a refusal
in words. Time never runs backwards inside a plan: if the clock shows a day earlier than one
the experiment has already seen (a clock set back, a flat CMOS battery, a wrong zone), the
later day is used and a note says so plainly; nothing is rearranged or lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from enum import StrEnum

from .changes import timing_for
from .design import MAX_PAIRS, RandomSource, draw_order, draw_pair, pairs_for_weeks
from .plan import Experiment, Params, Pause, PeriodSlot, Status, planned_end, schedule
from .text import Translate, format_day, identity


class Phase(StrEnum):
    NOT_STARTED = "not_started"  # planned to begin on a later day
    IN_PERIOD = "in_period"
    WAITING = "waiting"  # resumed after a pause, the next period has not begun yet
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


ACTIVE_PHASES = frozenset({Phase.NOT_STARTED, Phase.IN_PERIOD, Phase.WAITING, Phase.PAUSED})


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an operation was refused: a stable `code` for tests and a sentence for people."""

    code: str
    message: str
    blocking: Experiment | None = None


class ExperimentRefused(ValueError):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


@dataclass(frozen=True, slots=True)
class State:
    """Where an experiment stands on `day` (today, or the last day seen if the clock went back).

    `period` is the current period (in a period) or the next one (not started, waiting);
    `day_in_period` is 1-based; `past_planned_end` is set while a pause outlasts the end the
    plan had before it; `clock_note` says plainly when the clock went back.
    """

    phase: Phase
    day: date
    period: PeriodSlot | None
    day_in_period: int | None
    periods_total: int
    periods_done: int
    planned_end: date
    past_planned_end: bool
    clock_note: str | None

    @property
    def last_planned_day(self) -> date:
        """The plan's last day, the one a person is shown: `planned_end` is the day after."""
        return self.planned_end - timedelta(days=1)


def effective_day(exp: Experiment, today: date) -> date:
    """The day the plan goes by: never earlier than a day it has already seen."""
    return max(today, exp.last_seen_day)


def clock_note(exp: Experiment, today: date, tr: Translate = identity) -> str | None:
    if today >= exp.last_seen_day:
        return None
    return tr(
        "Your computer's clock shows {today}, but this experiment has already reached "
        "{seen}. Please check the date and time settings. Until then the experiment goes by "
        "{seen}; nothing in it has been changed."
    ).format(today=format_day(today, tr), seen=format_day(exp.last_seen_day, tr))


def observe(exp: Experiment, today: date) -> Experiment:
    """Remember the latest day shown, so a clock moved back later can be noticed."""
    if today <= exp.last_seen_day:
        return exp
    return replace(exp, last_seen_day=today)


def state_on(exp: Experiment, today: date, tr: Translate = identity) -> State:
    day = effective_day(exp, today)
    note = clock_note(exp, today, tr)
    sched = schedule(exp)
    end = planned_end(exp)
    total = len(exp.order)
    if exp.status is Status.STOPPED:
        assert exp.stopped_on is not None
        done = sum(p.end_day <= exp.stopped_on for p in sched.periods)
        return State(Phase.STOPPED, day, None, None, total, done, end, False, note)
    if exp.open_pause is not None:
        done = len(sched.periods)  # every period laid out before an open pause is over
        return State(Phase.PAUSED, day, None, None, total, done, end, day >= end, note)
    done = sum(p.end_day <= day for p in sched.periods)
    for period in sched.periods:
        if period.first_day <= day < period.end_day:
            in_period = (day - period.first_day).days + 1
            return State(Phase.IN_PERIOD, day, period, in_period, total, done, end, False, note)
    upcoming = next((p for p in sched.periods if p.first_day > day), None)
    if upcoming is None:
        return State(Phase.FINISHED, day, None, None, total, done, end, False, note)
    phase = Phase.NOT_STARTED if upcoming.index == 0 else Phase.WAITING
    return State(phase, day, upcoming, None, total, done, end, False, note)


def can_start(
    existing: Iterable[Experiment], today: date, tr: Translate = identity
) -> Refusal | None:
    """None when a new experiment may start today; else why not (one experiment at a time)."""
    for exp in existing:
        if state_on(exp, today, tr).phase in ACTIVE_PHASES:
            return Refusal(
                "another_running",
                tr(
                    "Another experiment is still running. Let it finish, or stop it, before "
                    "starting a new one: with two changes at once, neither answer could be "
                    "trusted."
                ),
                blocking=exp,
            )
    return None


def new_experiment(
    change_id: str,
    weeks: int,
    today: date,
    rng: RandomSource,
    *,
    day_start: time,
    zone_name: str,
    start_day: date | None = None,
    params: Params | None = None,
    washout_days: int | None = None,
    existing: Iterable[Experiment] = (),
    tr: Translate = identity,
) -> Experiment:
    """A new plan with its order drawn now; refused while another experiment is active."""
    refusal = can_start(existing, today, tr)
    if refusal is not None:
        raise ExperimentRefused(refusal)
    start = today if start_day is None else start_day
    if start < today:
        raise ExperimentRefused(
            Refusal("start_in_past", tr("A plan can start today or on a later day, not earlier."))
        )
    timing = timing_for(change_id)
    pairs = pairs_for_weeks(weeks, timing.period_days)
    return Experiment(
        change_id=change_id,
        start_day=start,
        period_days=timing.period_days,
        order=draw_order(pairs, rng),
        day_start=day_start,
        zone_name=zone_name,
        created_on=today,
        last_seen_day=today,
        washout_days=timing.washout_days if washout_days is None else washout_days,
        params=dict(params or {}),
    )


def _refuse(code: str, message: str) -> ExperimentRefused:
    return ExperimentRefused(Refusal(code, message))


def _not_after_end(state: State, tr: Translate) -> None:
    if state.phase is Phase.STOPPED:
        raise _refuse("stopped", tr("This experiment was stopped; it is kept in your history."))
    if state.phase is Phase.FINISHED:
        raise _refuse("finished", tr("This experiment has finished; it is kept in your history."))


def pause(exp: Experiment, today: date, tr: Translate = identity) -> Experiment:
    """Pause from today: the interrupted period, and all after it, move by whole periods."""
    state = state_on(exp, today, tr)
    _not_after_end(state, tr)
    if state.phase is Phase.PAUSED:
        raise _refuse("already_paused", tr("This experiment is already paused."))
    return replace(
        exp,
        pauses=(*exp.pauses, Pause(state.day)),
        status=Status.PAUSED,
        last_seen_day=state.day,
    )


def resume(exp: Experiment, today: date, tr: Translate = identity) -> Experiment:
    """Resume today. Resuming on the day of pausing undoes the pause (nothing moves)."""
    pause_ = exp.open_pause
    if exp.status is not Status.PAUSED or pause_ is None:
        raise _refuse("not_paused", tr("This experiment is not paused."))
    day = effective_day(exp, today)
    if day == pause_.start_day:
        pauses = exp.pauses[:-1]
    else:
        pauses = (*exp.pauses[:-1], Pause(pause_.start_day, day))
    return replace(exp, pauses=pauses, status=Status.RUNNING, last_seen_day=day)


def extend(exp: Experiment, today: date, rng: RandomSource, tr: Translate = identity) -> Experiment:
    """Add one pair, its order drawn now. After the end, the new pair starts at the next
    whole-period boundary from today (the days between are a break), never in the past."""
    state = state_on(exp, today, tr)
    if state.phase is Phase.STOPPED:
        raise _refuse("stopped", tr("This experiment was stopped; it is kept in your history."))
    if exp.pairs >= MAX_PAIRS:
        raise _refuse(
            "too_long",
            tr("An experiment can have at most {n} pairs of periods.").format(n=MAX_PAIRS),
        )
    pauses = exp.pauses
    if state.phase is Phase.FINISHED and state.day > state.planned_end:
        pauses = (*pauses, Pause(state.planned_end, state.day, extension=True))
    return replace(exp, order=(*exp.order, *draw_pair(rng)), pauses=pauses, last_seen_day=state.day)


def stop(exp: Experiment, today: date, tr: Translate = identity) -> Experiment:
    """Stop for good; the experiment and its data stay, with the status stopped."""
    state = state_on(exp, today, tr)
    _not_after_end(state, tr)
    return replace(exp, status=Status.STOPPED, stopped_on=state.day, last_seen_day=state.day)
