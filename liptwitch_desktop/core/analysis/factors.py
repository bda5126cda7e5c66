"""The daily factors the analysis tests (caffeine, sleep, stress, foods, ...) and which
logged days count.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from liptwitch_desktop.core.caffeine import DAILY_LIMIT_MG
from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.entries import TRIGGER_FOODS

SHORT_SLEEP_HOURS = 7.0
HIGH_STRESS = 7
DEFAULT_CAFFEINE_LIMIT_MG = DAILY_LIMIT_MG
# A run of this many days with nothing logged is "away from the app", not calm days.
AWAY_RUN_DAYS = 3

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class Factor:
    """A yes/no question about a day; None means the day cannot answer it."""

    factor_id: str
    label: str  # "More than 300 mg caffeine"
    phrase: str  # completes "On days with ..."
    log_hint: str  # what to log to be able to answer
    test: Callable[[DayRecord], bool | None]
    # Plain words for the picture (core/analysis/picture.py): a row label a lay person
    # reads without a statistics lesson, and a plural subject that completes
    # "... go with about twice as many twitches".
    plain: str = ""
    subject: str = ""


# --- the factors -------------------------------------------------------------------------


def _caffeine_above(threshold: float) -> Callable[[DayRecord], bool | None]:
    return lambda d: d.caffeine_mg > threshold


def _short_sleep(d: DayRecord) -> bool | None:
    return None if d.sleep_hours is None else d.sleep_hours < SHORT_SLEEP_HOURS


def _high_stress(d: DayRecord) -> bool | None:
    return None if d.stress is None else d.stress >= HIGH_STRESS


def _food(name: str) -> Callable[[DayRecord], bool | None]:
    return lambda d: name in d.trigger_foods


def build_factors(
    days: Sequence[DayRecord],
    caffeine_limit_mg: float = DEFAULT_CAFFEINE_LIMIT_MG,
    tr: Translate = _identity,
) -> list[Factor]:
    """The same-day factors for this log (the median and the food list depend on it)."""
    caffeine_hint = tr("Log every caffeinated drink, and keep logging on days without any.")
    median = statistics.median([d.caffeine_mg for d in days]) if days else 0.0
    if median > 0:
        above_median = Factor(
            "caffeine_above_median",
            tr("More than {mg} mg caffeine (your median)").format(mg=f"{median:.0f}"),
            tr("more than {mg} mg caffeine").format(mg=f"{median:.0f}"),
            caffeine_hint,
            _caffeine_above(median),
            tr("More caffeine than usual (over {mg} mg)").format(mg=f"{median:.0f}"),
            tr("days with more caffeine than usual"),
        )
    else:
        above_median = Factor(
            "caffeine_above_median",
            tr("Any caffeine"),
            tr("any caffeine"),
            caffeine_hint,
            _caffeine_above(0.0),
            tr("Any caffeine"),
            tr("days with caffeine"),
        )
    limit = f"{caffeine_limit_mg:.0f}"
    factors = [
        above_median,
        Factor(
            "caffeine_above_limit",
            tr("More than {mg} mg caffeine").format(mg=limit),
            tr("more than {mg} mg caffeine").format(mg=limit),
            caffeine_hint,
            _caffeine_above(caffeine_limit_mg),
            tr("Over your {mg} mg caffeine limit").format(mg=limit),
            tr("days over your caffeine limit"),
        ),
        Factor(
            "caffeine_after_cutoff",
            tr("Caffeine after your cutoff time"),
            tr("caffeine after your cutoff time"),
            tr("Log the time of each caffeinated drink."),
            lambda d: d.caffeine_after_cutoff,
            tr("Caffeine after your cutoff time"),
            tr("days with late caffeine"),
        ),
        Factor(
            "short_sleep",
            tr("Under 7 hours of sleep"),
            tr("under 7 hours of sleep"),
            tr("Fill in the daily check-in with how long you slept."),
            _short_sleep,
            tr("Short nights (under 7 hours)"),
            tr("short nights"),
        ),
        Factor(
            "high_stress",
            tr("Stress at 7 or more"),
            tr("stress at 7 or more"),
            tr("Fill in the daily check-in with your stress level."),
            _high_stress,
            tr("Stressful days (7 or more of 10)"),
            tr("stressful days"),
        ),
        Factor(
            "magnesium_skipped",
            tr("No magnesium taken"),
            tr("no magnesium taken"),
            tr("Log magnesium each time you take it."),
            lambda d: d.magnesium_mg <= 0,
            tr("No magnesium that day"),
            tr("days without magnesium"),
        ),
    ]
    foods = sorted({f for d in days for f in d.trigger_foods})
    for name in foods:
        # The known trigger foods have their own words ("MSG", not "Msg").
        known = TRIGGER_FOODS.get(name)
        plain = tr(known) if known else name.replace("_", " ").capitalize()
        factors.append(
            Factor(
                f"food:{name}",
                name.replace("_", " ").capitalize(),
                name.replace("_", " "),
                tr("Log foods you suspect on the days you eat them."),
                _food(name),
                plain,
                tr("days with {food}").format(food=plain if known else plain.lower()),
            )
        )
    return factors


# --- which days count --------------------------------------------------------------------


def analysis_days(days: Sequence[DayRecord]) -> list[DayRecord]:
    """The days the analysis may read.

    Inside the logging period a day with nothing logged is a calm day with no caffeine (the
    person logs what happens); but a run of `AWAY_RUN_DAYS` or more empty days means the app
    was not in use, and those days say nothing. Days before the first and after the last
    logged day are outside the log.
    """
    ordered = sorted(days, key=lambda d: d.day)
    logged_idx = [i for i, d in enumerate(ordered) if d.logged]
    if not logged_idx:
        return []
    ordered = ordered[logged_idx[0] : logged_idx[-1] + 1]
    out: list[DayRecord] = []
    run: list[DayRecord] = []
    for d in ordered:
        if d.logged:
            if len(run) < AWAY_RUN_DAYS:
                out.extend(run)
            run = []
            out.append(d)
        else:
            run.append(d)
    return out
