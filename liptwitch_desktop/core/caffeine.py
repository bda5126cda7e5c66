"""How much caffeine is still in the body: a one-compartment exponential decay.

The half-life in healthy adults is about 4 h (range 2-8 h, efsa-caffeine). The default here
is a cautious 5 h (FACTS.md): it errs toward more caffeine left at bedtime, so the app never
reassures someone that a late coffee has worn off when it may not have. The model ignores
absorption (a drink counts in full from the moment it is logged), which also errs high.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from liptwitch_desktop.core.days import DEFAULT_DAY_START, to_utc
from liptwitch_desktop.core.limits import limit

DEFAULT_HALF_LIFE_H = 5.0
DEFAULT_CUTOFF = time(12, 0)  # the article's "before noon"; drake-2013 supports an early cutoff
DEFAULT_BEDTIME = time(23, 0)
DAILY_LIMIT_MG = limit("caffeine_mg_day")  # fda-caffeine, efsa-caffeine
DAILY_LIMIT_PREGNANCY_MG = limit("caffeine_mg_day_pregnancy")  # acog-caffeine, efsa-caffeine


@dataclass(frozen=True)
class CaffeineDose:
    taken_at: datetime  # aware
    caffeine_mg: float


def _check_half_life(half_life_h: float) -> None:
    if not (half_life_h > 0 and math.isfinite(half_life_h)):
        raise ValueError(f"half-life must be a positive number of hours, got {half_life_h}")


def remaining_fraction(elapsed: timedelta, half_life_h: float = DEFAULT_HALF_LIFE_H) -> float:
    """Share of a dose left after `elapsed` (1.0 at zero, 0.5 after one half-life)."""
    _check_half_life(half_life_h)
    hours = elapsed.total_seconds() / 3600
    if hours < 0:
        return 0.0
    return float(0.5 ** (hours / half_life_h))  # float ** float is Any to the type checker


def caffeine_remaining_at(
    intakes: Iterable[CaffeineDose],
    instant: datetime,
    half_life_h: float = DEFAULT_HALF_LIFE_H,
) -> float:
    """Milligrams of caffeine expected in the body at `instant` (drinks after it don't count)."""
    _check_half_life(half_life_h)
    return sum(
        dose.caffeine_mg * remaining_fraction(instant - dose.taken_at, half_life_h)
        for dose in intakes
        if dose.taken_at <= instant
    )


def bedtime_instant(
    day: date, bedtime: time, zone: tzinfo, day_start: time = DEFAULT_DAY_START
) -> datetime:
    """The UTC instant of bedtime on the person's `day`; a bedtime before the day start
    (00:30 with days starting at 04:00) is on the next calendar date."""
    calendar_day = day + timedelta(days=1) if bedtime < day_start else day
    return to_utc(datetime.combine(calendar_day, bedtime), zone)


def caffeine_at_bedtime(
    intakes: Iterable[CaffeineDose],
    day: date,
    bedtime: time,
    zone: tzinfo,
    half_life_h: float = DEFAULT_HALF_LIFE_H,
    day_start: time = DEFAULT_DAY_START,
) -> float:
    return caffeine_remaining_at(
        intakes, bedtime_instant(day, bedtime, zone, day_start), half_life_h
    )


@dataclass(frozen=True)
class LateDrinkNote:
    """A gentle note for a drink logged after the cutoff (the text is composed by the caller)."""

    drink_mg: float
    cutoff: time
    bedtime: time
    mg_at_bedtime: float  # all of the day's logged caffeine, this drink included
    from_this_drink_mg: float
    half_life_h: float
    # Taken after the usual bedtime of its day: then "at bedtime" means nothing, and the note
    # speaks of what is left one half-life later instead.
    past_bedtime: bool = False


def late_drink_note(
    drink: CaffeineDose,
    day_intakes: Iterable[CaffeineDose],
    zone: tzinfo,
    cutoff: time = DEFAULT_CUTOFF,
    bedtime: time = DEFAULT_BEDTIME,
    half_life_h: float = DEFAULT_HALF_LIFE_H,
    day_start: time = DEFAULT_DAY_START,
) -> LateDrinkNote | None:
    """A note when `drink` was taken after the cutoff of its day, else None.

    "After the cutoff" is read on the person's day: a coffee at 02:00 (before a 04:00 day
    start) belongs to the evening before, which is certainly past a noon cutoff.
    """
    if drink.caffeine_mg <= 0:
        return None
    local = drink.taken_at.astimezone(zone)
    shifted = local - timedelta(hours=day_start.hour, minutes=day_start.minute)
    day = shifted.date()
    cutoff_at = to_utc(datetime.combine(day, cutoff), zone)
    if cutoff < day_start:
        cutoff_at = to_utc(datetime.combine(day + timedelta(days=1), cutoff), zone)
    if drink.taken_at < cutoff_at:
        return None
    at_bed = bedtime_instant(day, bedtime, zone, day_start)
    past_bedtime = at_bed <= drink.taken_at
    if past_bedtime:
        at_bed = drink.taken_at + timedelta(hours=half_life_h)
    doses = list(day_intakes)
    if drink not in doses:
        doses.append(drink)
    return LateDrinkNote(
        drink_mg=drink.caffeine_mg,
        cutoff=cutoff,
        bedtime=bedtime,
        mg_at_bedtime=caffeine_remaining_at(doses, at_bed, half_life_h),
        from_this_drink_mg=caffeine_remaining_at([drink], at_bed, half_life_h),
        half_life_h=half_life_h,
        past_bedtime=past_bedtime,
    )


# --- the Today card's curve of caffeine in the body ------------------------------------------


def body_curve(
    intakes: Iterable[CaffeineDose],
    start: datetime,
    end: datetime,
    points: int = 97,
    half_life_h: float = DEFAULT_HALF_LIFE_H,
) -> list[tuple[datetime, float]]:
    """Caffeine in the body from `start` to `end`, at `points` evenly spaced instants.

    Each drink's moment is also a point, so the curve rises at the drink itself and never
    cuts the corner before it.
    """
    _check_half_life(half_life_h)
    doses = list(intakes)
    if end <= start or points < 2:
        return []
    step = (end - start) / (points - 1)
    instants = {start + step * i for i in range(points)}
    for dose in doses:
        if start < dose.taken_at < end:
            instants.add(dose.taken_at)
            instants.add(dose.taken_at - timedelta(microseconds=1))
    return [(t, caffeine_remaining_at(doses, t, half_life_h)) for t in sorted(instants)]
