"""What the Trends page shows, loaded through store functions and kept as plain data.

No pyqtgraph here (QtCore only, for the words): the loader and the CSV writer are usable
(and tested) on their own.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ...core.daily import DayRecord, rolling_mean
from ...core.knowledge import load_knowledge
from ...core.schedule.specs import ReminderKind
from ...core.trend_events import PlanStep, TrendEvent, all_events
from ...runtime.context import AppContext
from ...store.aggregates import day_series, logged_range
from ...store.medicines import list_medicines
from ...store.reminder_store import get_spec
from ...store.settings import get_setting, get_time
from ...store.triage_history import list_triage_history

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
    """Days from `days[0]` to today (or the last logged day), every day filled in.

    `complete` says whether `days` reach back to the first logged day (`history_first`); the
    page loads only what the range in view needs and the rest when asked for.
    """

    days: tuple[DayRecord, ...]
    caffeine_limit_mg: float
    caffeine_target_mg: float
    today: date
    history_first: date
    complete: bool
    any_logged: bool
    # Medicines, symptom checks and the recovery plan, on the same date axis.
    events: tuple[TrendEvent, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.any_logged

    @property
    def first(self) -> date:
        """The first day of the whole history (the start of "All")."""
        return self.history_first

    @property
    def loaded_first(self) -> date:
        return self.days[0].day

    def episodes_rolling(self) -> list[float | None]:
        return rolling_mean([float(d.episodes) for d in self.days], 7)

    def days_between(self, first: date, last: date) -> list[DayRecord]:
        start = max(0, (first - self.loaded_first).days)
        stop = max(0, (last - self.loaded_first).days + 1)
        return list(self.days[start:stop])


# Loaded before the first day in view, so the 7-day mean and the day-before factors have
# the days they look back on.
LOOK_BACK_DAYS = 7


def load_trends(ctx: AppContext, from_day: date | None = None) -> TrendsData:
    """The log from `from_day` (less a week of look-back) to today, or all of it if None.

    One store call per series; empty days filled in.
    """
    zone, day_start, today = ctx.zone, ctx.day_start, ctx.today()
    span = logged_range(zone, day_start)
    limit = float(get_setting("caffeine_limit_mg"))
    target = float(get_setting("caffeine_target_mg"))
    history_first = min(span[0], today - timedelta(days=13)) if span else today - timedelta(13)
    last = max(today, span[1]) if span else today
    first = history_first
    if from_day is not None:
        first = max(history_first, from_day - timedelta(days=LOOK_BACK_DAYS))
    if span is None:
        days = [DayRecord(day=first + timedelta(days=n)) for n in range((last - first).days + 1)]
    else:
        cutoff: time = get_time("caffeine_cutoff")
        days = day_series(first, last, zone, day_start, cutoff, include_water=False)
    return TrendsData(
        events=load_events(ctx, last),
        days=tuple(days),
        caffeine_limit_mg=limit,
        caffeine_target_mg=target,
        today=today,
        history_first=history_first,
        complete=first <= history_first,
        any_logged=span is not None,
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendsEvents", text)


def load_events(ctx: AppContext, last: date) -> tuple[TrendEvent, ...]:
    """The events up to `last`, every one of them (there are few: a medicine, a check)."""
    spec = get_spec(ReminderKind.RECOVERY_STEP)
    steps = [PlanStep(s.day_offset, s.title) for s in load_knowledge().recovery_plan]
    return all_events(
        list_medicines(),
        list_triage_history(),
        spec.plan_start,
        steps,
        ctx.zone,
        ctx.day_start,
        last,
        _tr,
    )


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
