"""Synthetic experiment logs, for the calibration test, its benchmark and demo data.

Daily twitch counts are drawn the way real logs behave and a plain Poisson model does not:
overdispersed (each day's rate is scaled by a gamma factor, which makes the counts negative
binomial) and clustered (each calendar week, Monday to Sunday, has its own log-normal
"bad week" factor, as the demo data has), with some days not logged at all. The change scales
the rate on the change days that were kept. Pure standard library and deterministic for a
seeded `random.Random`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, time, timedelta

from .analysis import analyse
from .design import Arm, draw_order
from .plan import Experiment, schedule
from .results import DayData, Verdict

# The demo data (core/demo_data.py) logs about 0.7 episodes a day (0.6 before its factors),
# with a log-normal bad-week factor of sd 0.45.
DEMO_BASE_RATE = 0.7
DEMO_WEEK_SD = 0.45


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's method for small means, a normal approximation beyond 30 (rare here)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


@dataclass(frozen=True, slots=True)
class LogModel:
    base_rate: float = DEMO_BASE_RATE
    effect: float = 1.0  # the true rate ratio on kept change days
    week_sd: float = DEMO_WEEK_SD
    day_shape: float = 3.0  # gamma shape of the day factor: smaller is more overdispersed
    missing: float = 0.05  # the chance a day has nothing logged
    adherence: float = 1.0  # the chance a change day is kept


def synthetic_days(exp: Experiment, rng: random.Random, model: LogModel) -> list[DayData]:
    weeks: dict[date, float] = {}
    mu = -(model.week_sd**2) / 2  # so the week factor averages 1
    out: list[DayData] = []
    for period in schedule(exp).periods:
        for day in period.days():
            monday = day - timedelta(days=day.weekday())
            if monday not in weeks:
                weeks[monday] = rng.lognormvariate(mu, model.week_sd)
            kept = rng.random() < model.adherence if period.arm is Arm.CHANGE else None
            rate = model.base_rate * weeks[monday]
            rate *= rng.gammavariate(model.day_shape, 1.0 / model.day_shape)
            if kept:
                rate *= model.effect
            if rng.random() < model.missing:
                out.append(DayData(day, 0, False, kept))
            else:
                out.append(DayData(day, poisson(rng, rate), True, kept))
    return out


@dataclass(frozen=True, slots=True)
class Calibration:
    runs: int
    helped: int
    other_way: int
    no_clear: int
    not_enough: int
    covered: int  # runs whose interval held the true ratio (of those with an interval)
    with_interval: int

    @property
    def called(self) -> float:
        """The share that gave any firm verdict (helped or the other way)."""
        return (self.helped + self.other_way) / self.runs


def calibrate(
    pairs: int,
    model: LogModel,
    runs: int,
    seed: int,
    *,
    change_id: str = "caffeine_cutoff",
    period_days: int = 7,
    washout_days: int = 0,
) -> Calibration:
    """Run `runs` whole experiments (a fresh random order each) and count the verdicts."""
    rng = random.Random(seed)
    counts = dict.fromkeys(Verdict, 0)
    covered = with_interval = 0
    for run in range(runs):
        start = date(2026, 1, 5) + timedelta(days=rng.randrange(7) + 7 * (run % 52))
        exp = Experiment(
            change_id=change_id,
            start_day=start,
            period_days=period_days,
            order=draw_order(pairs, rng),
            day_start=time(4, 0),
            zone_name="UTC",
            created_on=start,
            last_seen_day=start,
            washout_days=washout_days,
        )
        end = start + timedelta(days=2 * pairs * period_days)
        result = analyse(exp, synthetic_days(exp, rng, model), end)
        counts[result.verdict] += 1
        if result.low is not None and result.high is not None:
            with_interval += 1
            covered += result.low <= model.effect <= result.high
    return Calibration(
        runs=runs,
        helped=counts[Verdict.HELPED],
        other_way=counts[Verdict.OTHER_WAY],
        no_clear=counts[Verdict.NO_CLEAR_DIFFERENCE],
        not_enough=counts[Verdict.NOT_ENOUGH_DATA],
        covered=covered,
        with_interval=with_interval,
    )
