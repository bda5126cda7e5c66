"""Which change would test a trend factor or a ranked cause: the "Test this" links.

A factor from the trigger analysis (core/analysis/factors) or a cause from the triage
(causes.toml) maps to the knowledge base's experiment choice that tests it, with the
parameters the factor already names (the food, the milligrams).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..knowledge.experiments import ExperimentChoice

Params = dict[str, str | int | float]

_BY_FACTOR = {
    "caffeine_after_cutoff": "caffeine_cutoff",
    "caffeine_above_median": "caffeine_under_mg",
    "caffeine_above_limit": "caffeine_under_mg",
    "short_sleep": "sleep_7h",
    "magnesium_skipped": "magnesium_evening",
}


def change_for_factor(factor_id: str) -> tuple[str, Params] | None:
    """The change that tests `factor_id` (its "@day_before" variant too), or None."""
    base = factor_id.split("@", 1)[0]
    if base.startswith("food:"):
        food = base[len("food:") :].strip()
        return ("no_trigger_food", {"food": food}) if food else None
    change = _BY_FACTOR.get(base)
    return (change, {}) if change else None


def changes_for_cause(cause_id: str, choices: Iterable[ExperimentChoice]) -> list[str]:
    """The changes that test a cause, in the knowledge base's order."""
    return [c.id for c in choices if c.cause == cause_id]
