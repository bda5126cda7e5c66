"""Find out for sure: a planned self-experiment (an N-of-1 trial) on one suspected trigger.

How it works, in words the app can show:

*Why both kinds of week.* Twitching comes and goes by itself: a stressful fortnight, a cold,
a good holiday. Comparing "before" with "after" a change cannot tell the change from the
season. So the experiment alternates periods with the change ("change" weeks) and periods
lived as usual ("usual" weeks), and compares the two kinds.

*Why the order is random.* If you chose which weeks to make the change, you might pick the
calmer-looking ones, or the ones after a bad weekend, without meaning to. A coin decides
instead, once per pair of weeks: change first or usual first. The pairs keep the two kinds
side by side, so a slow drift over the months falls on both alike.

*Why periods, not days, are what counts.* Twitches cluster: a bad week tends to be bad all
week. Six weeks are not 42 separate tries; they are 3 pairs of weeks. The answer is worked out
from the pairs: the interval from how much the difference varies between pairs, and the
p-value by comparing your result with every order the coin could have drawn. If the change
did nothing, your result would look like a typical one among those orders; if it stands out
from almost all of them, chance is an unlikely explanation.

*How long it must run.* With few pairs, even a perfect result could be luck: 3 pairs give the
coin only 8 orders, and 2 of them (yours and its mirror image) are always as extreme as yours,
so the best possible p-value is 2 in 8. A result counts as clear only when fewer than 1 order
in 20 is as extreme, which takes at least 6 pairs. A shorter plan still shows the figures and
says how they lean; extending it a pair at a time can make a clear answer possible.

*What is left out.* Days with nothing logged are unknown, not calm, so they are left out
rather than counted as days without twitches. Days are counted in the week they were planned
for, whether the change was kept or not, which keeps the coin's fairness; how well the change
was kept is reported beside the answer. For a slow change (magnesium), the first two days of
each period are left out too, so the period before has time to wear off.

Layout: `design` (the random balanced order), `localdays` (local days across DST and zone
changes), `plan` (the stored experiment and its calendar), `lifecycle` (start, pause, extend,
stop, today's state), `randomisation` and `tdist` (the statistics), `analysis` (the answer),
`wording` (its sentences), `serial` (to and from the store). Pure Python, no Qt, no peewee.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import analyse, min_logged_days
    from .changes import KNOWN_TIMINGS, ChangeTiming, timing_for
    from .design import (
        ALPHA,
        LONG_PAIR_CHOICES,
        MAX_PAIRS,
        PAIR_CHOICES,
        Arm,
        RandomSource,
        all_orders,
        can_be_firm,
        draw_order,
        length_weeks_choices,
        pairs_needed_for_firm_answer,
        smallest_p,
    )
    from .foresight import default_weeks, plan_can_show, shortest_firm_weeks
    from .lifecycle import (
        ACTIVE_PHASES,
        ExperimentRefused,
        Phase,
        Refusal,
        State,
        can_start,
        clock_note,
        extend,
        new_experiment,
        observe,
        pause,
        resume,
        state_on,
        stop,
    )
    from .localdays import ZoneChange, ZoneTimeline, count_by_day, day_bounds, day_of
    from .plan import Experiment, Pause, PendingPeriod, PeriodSlot, Schedule, Status, schedule
    from .results import Adherence, AsKept, DayData, ExperimentAnalysis, PeriodResult, Verdict
    from .serial import ExperimentDataError, from_dict, to_dict
    from .wording import status_line

# Each name from the submodule that holds it, loaded when first asked for: the reminder
# service only needs the plan and its calendar at idle, not the statistics (~3 MiB).
_HOME = {
    "ACTIVE_PHASES": "lifecycle",
    "ALPHA": "design",
    "Adherence": "results",
    "Arm": "design",
    "AsKept": "results",
    "ChangeTiming": "changes",
    "DayData": "results",
    "Experiment": "plan",
    "ExperimentAnalysis": "results",
    "ExperimentDataError": "serial",
    "ExperimentRefused": "lifecycle",
    "KNOWN_TIMINGS": "changes",
    "LONG_PAIR_CHOICES": "design",
    "MAX_PAIRS": "design",
    "PAIR_CHOICES": "design",
    "Pause": "plan",
    "PendingPeriod": "plan",
    "PeriodResult": "results",
    "PeriodSlot": "plan",
    "Phase": "lifecycle",
    "RandomSource": "design",
    "Refusal": "lifecycle",
    "Schedule": "plan",
    "State": "lifecycle",
    "Status": "plan",
    "Verdict": "results",
    "ZoneChange": "localdays",
    "ZoneTimeline": "localdays",
    "all_orders": "design",
    "analyse": "analysis",
    "can_be_firm": "design",
    "can_start": "lifecycle",
    "clock_note": "lifecycle",
    "count_by_day": "localdays",
    "day_bounds": "localdays",
    "day_of": "localdays",
    "draw_order": "design",
    "extend": "lifecycle",
    "from_dict": "serial",
    "length_weeks_choices": "design",
    "min_logged_days": "analysis",
    "new_experiment": "lifecycle",
    "observe": "lifecycle",
    "pairs_needed_for_firm_answer": "design",
    "pause": "lifecycle",
    "plan_can_show": "foresight",
    "resume": "lifecycle",
    "schedule": "plan",
    "shortest_firm_weeks": "foresight",
    "default_weeks": "foresight",
    "smallest_p": "design",
    "state_on": "lifecycle",
    "status_line": "wording",
    "stop": "lifecycle",
    "timing_for": "changes",
    "to_dict": "serial",
}


def __getattr__(name: str) -> Any:
    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ACTIVE_PHASES",
    "ALPHA",
    "KNOWN_TIMINGS",
    "LONG_PAIR_CHOICES",
    "MAX_PAIRS",
    "PAIR_CHOICES",
    "Adherence",
    "Arm",
    "AsKept",
    "ChangeTiming",
    "DayData",
    "Experiment",
    "ExperimentAnalysis",
    "ExperimentDataError",
    "ExperimentRefused",
    "Pause",
    "PendingPeriod",
    "PeriodResult",
    "PeriodSlot",
    "Phase",
    "RandomSource",
    "Refusal",
    "Schedule",
    "State",
    "Status",
    "Verdict",
    "ZoneChange",
    "ZoneTimeline",
    "all_orders",
    "analyse",
    "can_be_firm",
    "can_start",
    "clock_note",
    "count_by_day",
    "day_bounds",
    "day_of",
    "default_weeks",
    "draw_order",
    "extend",
    "from_dict",
    "length_weeks_choices",
    "min_logged_days",
    "new_experiment",
    "observe",
    "pairs_needed_for_firm_answer",
    "pause",
    "plan_can_show",
    "resume",
    "schedule",
    "shortest_firm_weeks",
    "smallest_p",
    "state_on",
    "status_line",
    "stop",
    "timing_for",
    "to_dict",
]
