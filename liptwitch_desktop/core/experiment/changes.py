"""How long each testable change needs: its period length and its wash-out.

The knowledge base owns what a change *is* (its wording, how a day is judged as kept, its
reminder); this module owns only the timing the design needs, keyed by the same stable id.
A change the table does not list is tested in 1-week periods with no wash-out, the default
that suits a habit whose effect comes and goes within a day or two.
"""

from __future__ import annotations

from dataclasses import dataclass

WEEK_DAYS = 7
DEFAULT_WASHOUT_DAYS = 2

# Shown by the UI beside the plan when a change uses 2-week periods (through tr()). The days
# left out are said once, by the setting (on or off) and the answer's details, not here.
MAGNESIUM_WHY = (
    "Magnesium is tested in 2-week periods because its effect, if any, builds up slowly: the "
    "body's stores change over weeks, not days."
)


@dataclass(frozen=True, slots=True)
class ChangeTiming:
    """The timing rules for one change.

    `why` is a user-facing sentence explaining a period length other than one week (None for
    the usual week); `washout_days` is the default for the wash-out setting.
    """

    change_id: str
    period_days: int
    washout_days: int
    why: str | None = None


def _weekly(change_id: str) -> ChangeTiming:
    return ChangeTiming(change_id, WEEK_DAYS, 0)


KNOWN_TIMINGS: dict[str, ChangeTiming] = {
    "caffeine_cutoff": _weekly("caffeine_cutoff"),
    "caffeine_under_mg": _weekly("caffeine_under_mg"),
    # Slow: magnesium status moves over weeks (most of the body's magnesium is in bone and
    # muscle and exchanges slowly), so a 1-week switch would mostly measure the week before.
    # Two-week periods with the first two days left out give each period a chance to show
    # its own effect; this costs length, which is why magnesium plans come in 8, 12 or 16
    # weeks (still 2, 3 or 4 pairs).
    "magnesium_evening": ChangeTiming(
        "magnesium_evening", 2 * WEEK_DAYS, DEFAULT_WASHOUT_DAYS, MAGNESIUM_WHY
    ),
    "sleep_7h": _weekly("sleep_7h"),
    "no_trigger_food": _weekly("no_trigger_food"),
}


def timing_for(change_id: str) -> ChangeTiming:
    """The timing for `change_id`; unlisted ids get 1-week periods and no wash-out."""
    if not change_id or not change_id.strip():
        raise ValueError("a change needs an id")
    return KNOWN_TIMINGS.get(change_id, _weekly(change_id))
