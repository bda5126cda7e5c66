"""The per-day series that the plots, the trigger analysis and the triage facts all read.

One record per local calendar day (see `core.days`): what was logged that day, summed. Days
with nothing logged still get a record (``logged=False``) so that every consumer sees a
complete, gap-free calendar and can decide for itself what an empty day means.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DayRecord:
    """What one local day holds. Quantities carry their unit in the name."""

    day: date
    episodes: int = 0
    mean_intensity: float | None = None
    caffeine_mg: float = 0.0
    caffeine_after_cutoff: bool = False
    sleep_hours: float | None = None
    stress: int | None = None
    magnesium_mg: float = 0.0
    water_ml: float = 0.0
    trigger_foods: frozenset[str] = field(default_factory=frozenset)
    grinding: bool | None = None
    logged: bool = False


def empty_day(day: date) -> DayRecord:
    """A day with nothing logged."""
    return DayRecord(day=day)


def complete_series(records: Iterable[DayRecord], first: date, last: date) -> list[DayRecord]:
    """Every day from first to last inclusive, in order, with empty days filled in.

    Records outside the range are dropped; a day given twice keeps the last record.
    """
    if last < first:
        return []
    by_day = {r.day: r for r in records if first <= r.day <= last}
    span = (last - first).days + 1
    out: list[DayRecord] = []
    for n in range(span):
        day = first + timedelta(days=n)
        out.append(by_day.get(day) or empty_day(day))
    return out


def logged_span(records: Iterable[DayRecord]) -> tuple[date, date] | None:
    """First and last day on which anything was logged, or None for an empty log."""
    days = [r.day for r in records if r.logged]
    if not days:
        return None
    return min(days), max(days)


@dataclass(slots=True)
class DayBuilder:
    """Accumulates raw entries for one day; `build()` freezes them into a `DayRecord`.

    The store's aggregate queries and tests that count independently both go through this,
    so "what a day means" is written once.
    """

    day: date
    episodes: int = 0
    intensity_sum: float = 0.0
    intensity_n: int = 0
    caffeine_mg: float = 0.0
    caffeine_after_cutoff: bool = False
    sleep_hours: float | None = None
    stress: int | None = None
    magnesium_mg: float = 0.0
    water_ml: float = 0.0
    trigger_foods: set[str] = field(default_factory=set)
    grinding: bool | None = None
    logged: bool = False

    def add_episode(self, intensity: float | None) -> None:
        self.episodes += 1
        if intensity is not None:
            self.intensity_sum += intensity
            self.intensity_n += 1
        self.logged = True

    def add_caffeine(self, mg: float, after_cutoff: bool) -> None:
        self.caffeine_mg += mg
        if mg > 0 and after_cutoff:
            self.caffeine_after_cutoff = True
        self.logged = True

    def add_magnesium(self, mg: float) -> None:
        self.magnesium_mg += mg
        self.logged = True

    def add_water(self, ml: float) -> None:
        self.water_ml += ml
        self.logged = True

    def add_trigger_food(self, label: str) -> None:
        name = label.strip().lower()
        if name:
            self.trigger_foods.add(name)
        self.logged = True

    def add_other(self) -> None:
        """Any other entry (e.g. a potassium food): the day counts as logged."""
        self.logged = True

    def set_checkin(
        self, sleep_hours: float | None, stress: int | None, grinding: bool | None
    ) -> None:
        self.sleep_hours = sleep_hours
        self.stress = stress
        self.grinding = grinding
        self.logged = True

    def build(self) -> DayRecord:
        mean = self.intensity_sum / self.intensity_n if self.intensity_n else None
        return DayRecord(
            day=self.day,
            episodes=self.episodes,
            mean_intensity=mean,
            caffeine_mg=self.caffeine_mg,
            caffeine_after_cutoff=self.caffeine_after_cutoff,
            sleep_hours=self.sleep_hours,
            stress=self.stress,
            magnesium_mg=self.magnesium_mg,
            water_ml=self.water_ml,
            trigger_foods=frozenset(self.trigger_foods),
            grinding=self.grinding,
            logged=self.logged,
        )


def rolling_mean(values: list[float], window: int = 7) -> list[float | None]:
    """Trailing mean over `window` days; None until a full window exists.

    Trailing (not centred) so the last point never uses days that have not happened yet.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    out: list[float | None] = []
    total = 0.0
    for i, v in enumerate(values):
        total += v
        if i >= window:
            total -= values[i - window]
        out.append(total / window if i >= window - 1 else None)
    return out


@dataclass(frozen=True, slots=True)
class HourProfile:
    """Episodes by local hour of day (0-23), apart for weekdays and weekends.

    The day counts let a view show "per day" figures: there are 5 weekdays to 2 weekend days.
    """

    weekday: tuple[int, ...]
    weekend: tuple[int, ...]
    weekday_days: int
    weekend_days: int

    @property
    def total(self) -> int:
        return sum(self.weekday) + sum(self.weekend)
