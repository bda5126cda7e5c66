"""The analysis's inputs and outputs: plain frozen dataclasses the UI renders as they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .design import Arm


class Verdict(StrEnum):
    HELPED = "helped"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    OTHER_WAY = "other_way"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True, slots=True)
class DayData:
    """One local day: twitches logged, whether anything was logged, and whether the day was
    kept as planned (None: not judged). A day missing from the input counts as not logged."""

    day: date
    twitches: int = 0
    logged: bool = True
    kept: bool | None = None

    def __post_init__(self) -> None:
        if self.twitches < 0:
            raise ValueError("a day cannot have a negative number of twitches")
        if self.twitches and not self.logged:
            raise ValueError("a day with twitches logged is a logged day")


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """One finished period, for the picture and the details."""

    index: int
    pair: int
    arm: Arm
    first_day: date
    last_day: date
    days_analysed: int  # after the wash-out
    days_logged: int  # of those, the days with something logged
    twitches: int  # on those logged days
    rate: float | None  # twitches per logged day
    enough_logged: bool
    kept: int  # over every day of the period, wash-out included
    not_kept: int
    kept_unknown: int


@dataclass(frozen=True, slots=True)
class Adherence:
    """How the change periods went: kept, not kept, or not recorded, out of planned days."""

    change_days: int
    kept: int
    not_kept: int
    unknown: int


@dataclass(frozen=True, slots=True)
class AsKept:
    """The secondary "as kept" comparison: kept change days against as-usual days."""

    kept_days: int
    kept_rate: float
    usual_days: int
    usual_rate: float
    ratio: float | None


@dataclass(frozen=True, slots=True)
class ExperimentAnalysis:
    """Everything the UI, the report and the CLI show; they compute nothing themselves.

    `ratio`, `low`, `high` are the rate ratio (change over usual) and its 95% interval; when
    one side had no twitches at all, half a twitch is added to both sides so the ratio stays
    a number. The p-value is exact: `orders_at_least_as_extreme` / `orders`.
    """

    verdict: Verdict
    answer: str  # one sentence in plain words
    details: tuple[str, ...]
    so_far: bool
    stopped: bool
    periods: tuple[PeriodResult, ...]
    periods_total: int
    pairs_planned: int
    pairs_complete: int
    pairs_used: int
    left_out_pairs: tuple[int, ...]
    twitches_change: int
    days_change: int
    twitches_usual: int
    days_usual: int
    rate_change: float | None
    rate_usual: float | None
    ratio: float | None
    low: float | None
    high: float | None
    p_value: float | None
    orders_at_least_as_extreme: int | None
    orders: int | None
    firm_answer_possible: bool
    pairs_needed: int
    detectable_ratio: float | None  # the ratio found 4 times in 5; None if none can be
    adherence: Adherence
    as_kept: AsKept | None
    washout_days: int
    unlogged_days: int
