"""What the Trends page shows, loaded through store functions and kept as plain data.

No pyqtgraph here: the loader and the CSV writer are usable (and tested) on their own.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from ...context import AppContext
from ...core.daily import DayRecord, HourProfile, rolling_mean
from ...store.aggregates import day_series, hour_profile, logged_range
from ...store.settings import get_setting, get_time

EPOCH = date(1970, 1, 1)
DAY_SECONDS = 86_400
# The analysis reads at most the last year of the range shown: habits and triggers change,
# and a decade of days would say more about the person years ago than now.
ANALYSIS_MAX_DAYS = 365


def day_x(day: date) -> float:
    """The x coordinate of a day's start on the plots (a UTC-midnight timestamp).

    The date axis is told the offset is zero, so it labels each day with its own date
    whatever the machine's zone.
    """
    return float((day - EPOCH).days * DAY_SECONDS)


@dataclass(frozen=True, slots=True)
class TrendsData:
    days: tuple[DayRecord, ...]
    hours: HourProfile
    caffeine_limit_mg: float
    caffeine_target_mg: float
    today: date

    @property
    def empty(self) -> bool:
        return not any(d.logged for d in self.days)

    @property
    def first(self) -> date:
        return self.days[0].day if self.days else self.today

    def episodes_rolling(self) -> list[float | None]:
        return rolling_mean([float(d.episodes) for d in self.days], 7)

    def days_between(self, first: date, last: date) -> list[DayRecord]:
        return [d for d in self.days if first <= d.day <= last]


def load_trends(ctx: AppContext) -> TrendsData:
    """One call: the whole logged history up to today, every day filled in."""
    zone, day_start, today = ctx.zone, ctx.day_start, ctx.today()
    span = logged_range(zone, day_start)
    limit = float(get_setting("caffeine_limit_mg"))
    target = float(get_setting("caffeine_target_mg"))
    if span is None:
        first = today - timedelta(days=13)
        days: list[DayRecord] = [DayRecord(day=first + timedelta(days=n)) for n in range(14)]
        hours = HourProfile((0,) * 24, (0,) * 24, 0, 0)
        return TrendsData(tuple(days), hours, limit, target, today)
    first = min(span[0], today - timedelta(days=13))
    last = max(today, span[1])
    cutoff: time = get_time("caffeine_cutoff")
    days = day_series(first, last, zone, day_start, cutoff, include_water=False)
    hours = hour_profile(first, last, zone, day_start)
    return TrendsData(tuple(days), hours, limit, target, today)


CSV_COLUMNS = (
    "day",
    "episodes",
    "mean_intensity",
    "episodes_7day_mean",
    "caffeine_mg",
    "caffeine_after_cutoff",
    "sleep_hours",
    "stress",
    "magnesium_mg",
    "trigger_foods",
    "grinding",
    "logged",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def write_csv(path: Path, days: Sequence[DayRecord]) -> int:
    """The data behind the plots, one row per day. Returns the number of rows written."""
    rolling = rolling_mean([float(d.episodes) for d in days], 7)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for d, mean in zip(days, rolling, strict=True):
            writer.writerow(
                [
                    d.day.isoformat(),
                    d.episodes,
                    _cell(d.mean_intensity),
                    _cell(mean),
                    _cell(d.caffeine_mg),
                    _cell(d.caffeine_after_cutoff),
                    _cell(d.sleep_hours),
                    _cell(d.stress),
                    _cell(d.magnesium_mg),
                    ";".join(sorted(d.trigger_foods)),
                    _cell(d.grinding),
                    _cell(d.logged),
                ]
            )
    return len(days)
