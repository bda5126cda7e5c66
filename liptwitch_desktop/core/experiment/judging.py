"""From the log's days to the analysis's days: twitches, logged or not, and kept or not.

The log's per-day series (core/daily.DayRecord, the same one the trigger analysis reads)
already says which days had anything logged: a day with nothing logged stays unknown, never
a calm day. Whether a change day was kept is judged by the rule the knowledge base names for
the change (`judge`); usual days are not judged (the person lives as usual), and a day with
nothing logged is not judged either (nothing says what happened).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from ..daily import DayRecord
from ..settings_schema import SPECS
from .design import Arm
from .plan import Experiment, schedule
from .results import DayData

DEFAULT_MG = int(SPECS["caffeine_target_mg"].default)  # the app's default own target
SLEEP_HOURS = 7.0

Judge = Callable[[DayRecord, Mapping[str, object]], bool | None]


def _no_late_caffeine(day: DayRecord, params: Mapping[str, object]) -> bool | None:
    # The series was summed with the experiment's cutoff (store side), so the flag is its own.
    return not day.caffeine_after_cutoff


def _under_mg(day: DayRecord, params: Mapping[str, object]) -> bool | None:
    limit = float(str(params.get("mg", DEFAULT_MG)))
    return day.caffeine_mg < limit


def _magnesium(day: DayRecord, params: Mapping[str, object]) -> bool | None:
    return day.magnesium_mg > 0


def _sleep(day: DayRecord, params: Mapping[str, object]) -> bool | None:
    return None if day.sleep_hours is None else day.sleep_hours >= SLEEP_HOURS


def _no_food(day: DayRecord, params: Mapping[str, object]) -> bool | None:
    food = str(params.get("food", "")).strip().lower()
    return food not in {f.lower() for f in day.trigger_foods}


JUDGES: Mapping[str, Judge] = {
    "no_caffeine_after_cutoff": _no_late_caffeine,
    "caffeine_under_mg": _under_mg,
    "magnesium_logged": _magnesium,
    "sleep_at_least_7h": _sleep,
    "food_not_logged": _no_food,
}


def planned_arms(exp: Experiment) -> dict[date, Arm]:
    """Each day that belongs to a period, with the period's kind."""
    return {d: p.arm for p in schedule(exp).periods for d in p.days()}


def day_data(exp: Experiment, records: Iterable[DayRecord], judge: str) -> list[DayData]:
    """The analysis's input for the experiment's days (days outside its periods dropped)."""
    rule = JUDGES[judge]
    arms = planned_arms(exp)
    out: list[DayData] = []
    for record in records:
        arm = arms.get(record.day)
        if arm is None:
            continue
        kept = rule(record, exp.params) if arm is Arm.CHANGE and record.logged else None
        out.append(DayData(record.day, record.episodes, record.logged, kept))
    return out


def kept_so_far(exp: Experiment, data: Iterable[DayData], first: date, last: date) -> int:
    """Kept change days between first and last inclusive (Today's "3 of 5 days kept")."""
    return sum(1 for d in data if first <= d.day <= last and d.kept is True)
