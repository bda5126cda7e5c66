"""An experiment as stored, and its calendar: which local days each period covers.

Everything here is a plain, frozen dataclass of dates, strings and small enums, so the store
can keep an experiment as one JSON document or a handful of columns (see `serial.py`).
Period i covers the local days [start + i * length, start + (i + 1) * length) until a pause
moves it: a pause moves the interrupted period and every later one by whole periods, so each
period keeps its full length and its weekdays (a week always holds one weekend), and the
days of the interrupted period before the pause are left out rather than stitched to days
weeks later.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from enum import StrEnum

from .design import MAX_PAIRS, Arm, is_balanced
from .localdays import check_day_start, load_zone

Params = dict[str, str | int | float]


class Status(StrEnum):
    """What the person decided last; whether the plan is over is read off the calendar."""

    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class Pause:
    """Paused from `start_day`; `end_day` is the day it was resumed (None: still paused).

    `extension` marks the break `extend` puts between a finished plan and its new pair: the
    person never paused, so it is said as "Extended", not "Resumed"."""

    start_day: date
    end_day: date | None = None
    extension: bool = False

    def __post_init__(self) -> None:
        if self.end_day is not None and self.end_day < self.start_day:
            raise ValueError("a pause cannot end before it starts")


@dataclass(frozen=True, slots=True)
class Experiment:
    """One change tested in a randomised, balanced order of periods.

    `params` holds the change's own settings (a cutoff time, a milligram limit, a food);
    `last_seen_day` is the latest "today" the app has shown this experiment, so a clock that
    goes back can be noticed; `washout_days` are left out at the start of each period.
    """

    change_id: str
    start_day: date
    period_days: int
    order: tuple[Arm, ...]
    day_start: time
    zone_name: str
    created_on: date
    last_seen_day: date
    washout_days: int = 0
    params: Params = field(default_factory=dict)
    pauses: tuple[Pause, ...] = ()
    status: Status = Status.RUNNING
    stopped_on: date | None = None

    def __post_init__(self) -> None:
        if not self.change_id.strip():
            raise ValueError("an experiment needs a change id")
        if not 1 <= self.period_days <= 28:
            raise ValueError("a period lasts 1 to 28 days")
        if not is_balanced(self.order):
            raise ValueError("the order must be whole pairs, each one change and one usual period")
        if len(self.order) > 2 * MAX_PAIRS:
            raise ValueError(f"at most {MAX_PAIRS} pairs")
        if not 0 <= self.washout_days <= self.period_days - 4:
            raise ValueError("the wash-out must leave at least 4 days of each period")
        check_day_start(self.day_start)
        load_zone(self.zone_name)
        if self.last_seen_day < self.created_on:
            raise ValueError("the last day seen cannot be before the day it was made")
        for a, b in zip(self.pauses, self.pauses[1:], strict=False):
            if a.end_day is None or a.end_day > b.start_day:
                raise ValueError("pauses must follow one another; only the last may be open")
        open_pause = bool(self.pauses) and self.pauses[-1].end_day is None
        if self.status is Status.PAUSED and not open_pause:
            raise ValueError("a paused experiment needs an open pause")
        if self.status is Status.RUNNING and open_pause:
            raise ValueError("a running experiment cannot have an open pause")
        if (self.status is Status.STOPPED) != (self.stopped_on is not None):
            raise ValueError("a stop day goes with the stopped status, and only with it")

    @property
    def pairs(self) -> int:
        return len(self.order) // 2

    @property
    def open_pause(self) -> Pause | None:
        if self.pauses and self.pauses[-1].end_day is None:
            return self.pauses[-1]
        return None


@dataclass(frozen=True, slots=True)
class PeriodSlot:
    """Period `index` (0-based) of pair `pair`, on local days [first_day, end_day)."""

    index: int
    pair: int
    arm: Arm
    first_day: date
    end_day: date

    @property
    def last_day(self) -> date:
        return self.end_day - timedelta(days=1)

    @property
    def days_count(self) -> int:
        return (self.end_day - self.first_day).days

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range(self.days_count)]


@dataclass(frozen=True, slots=True)
class PendingPeriod:
    """A period waiting for the experiment to be resumed: its kind is known, its days not."""

    index: int
    pair: int
    arm: Arm


@dataclass(frozen=True, slots=True)
class Schedule:
    """The periods with their days, those waiting on an open pause, and the days set aside.

    `breaks` are [first, end) spans of days that belong to no period because a pause moved
    the plan (they include the interrupted period's days before the pause).
    """

    periods: tuple[PeriodSlot, ...]
    pending: tuple[PendingPeriod, ...]
    breaks: tuple[tuple[date, date], ...]

    @property
    def end_day(self) -> date | None:
        """The day after the last period, or None while periods wait on a pause."""
        if self.pending or not self.periods:
            return None
        return self.periods[-1].end_day


def _unpaused_starts(exp: Experiment) -> list[date]:
    step = timedelta(days=exp.period_days)
    return [exp.start_day + i * step for i in range(len(exp.order))]


def schedule(exp: Experiment) -> Schedule:
    """Lay the periods on the calendar, applying each pause in turn."""
    length = exp.period_days
    starts = _unpaused_starts(exp)
    n = len(starts)
    breaks: list[tuple[date, date]] = []
    pending_from = n
    for pause in exp.pauses:
        # The period the pause interrupts: the first one not over on the pause's first day.
        over = (i for i in range(n) if starts[i] + timedelta(days=length) > pause.start_day)
        hit = next(over, None)
        if hit is None:
            continue  # a pause after the plan's end moves nothing
        if pause.end_day is None:
            pending_from = hit
            break
        shift = max(0, math.ceil((pause.end_day - starts[hit]).days / length))
        if shift:
            old = starts[hit]
            starts[hit:] = [s + timedelta(days=shift * length) for s in starts[hit:]]
            breaks.append((old, starts[hit]))
    periods = tuple(
        PeriodSlot(i, i // 2, exp.order[i], starts[i], starts[i] + timedelta(days=length))
        for i in range(pending_from)
    )
    pending = tuple(PendingPeriod(i, i // 2, exp.order[i]) for i in range(pending_from, n))
    return Schedule(periods, pending, tuple(breaks))


def planned_end(exp: Experiment) -> date:
    """The day after the last period as the plan stood before any open pause: the end the
    person was last shown, so "paused past its end" can be said of it."""
    pauses = exp.pauses[:-1] if exp.open_pause is not None else exp.pauses
    status = Status.STOPPED if exp.status is Status.STOPPED else Status.RUNNING
    end = schedule(replace(exp, pauses=pauses, status=status)).end_day
    assert end is not None  # no open pause is left, so every period has its days
    return end
