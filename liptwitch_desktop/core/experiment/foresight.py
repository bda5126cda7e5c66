"""What a plan of a given length can show, said before it starts.

Worked out from the design, not written once: the exact test's smallest p-value for the
plan's pairs (`design.smallest_p`) decides whether the plan can ever say "the change helped"
(p < 0.05). A plan too short for that is still offered (it shows how the figures lean), but
the person is told so before they commit weeks to it, and which length could prove it.
"""

from __future__ import annotations

from .changes import WEEK_DAYS, timing_for
from .design import (
    ALPHA,
    can_be_firm,
    length_weeks_choices,
    pairs_for_weeks,
    pairs_needed_for_firm_answer,
    smallest_p,
)
from .text import Translate, identity


def shortest_firm_weeks(period_days: int) -> int:
    """The length in weeks of the shortest plan that can reach p < 0.05."""
    return 2 * pairs_needed_for_firm_answer(ALPHA) * period_days // WEEK_DAYS


def default_weeks(period_days: int) -> int:
    """The length a new plan starts at: the shortest one offered that can reach p < 0.05.

    The short plans stay on offer (they show a trend), but the default is one that can answer
    the question the person is asking; with no such length, the longest one offered.
    """
    offered = length_weeks_choices(period_days)
    firm = [w for w in offered if can_be_firm(pairs_for_weeks(w, period_days))]
    return min(firm) if firm else max(offered)


def plan_can_show(change_id: str, weeks: int, tr: Translate = identity) -> str:
    """One or two sentences: can this plan prove the change helped, and if not, what can."""
    period_days = timing_for(change_id).period_days
    return pairs_can_show(pairs_for_weeks(weeks, period_days), period_days, tr)


def pairs_can_show(pairs: int, period_days: int, tr: Translate = identity) -> str:
    """The same for a stored plan, from its pairs (any number: an imported or extended one)."""
    weeks = 2 * pairs * period_days // WEEK_DAYS
    best = smallest_p(pairs)
    if can_be_firm(pairs):
        return tr(
            "{weeks} weeks can prove the change helped if its effect is large and steady: the "
            "best possible result is p = {p}, below the 0.05 a clear answer needs. A small "
            "effect can still be missed; the longer the plan, the smaller the effect it can see."
        ).format(weeks=weeks, p=f"{float(best):.3f}")
    text = tr(
        "{weeks} weeks can show a trend but cannot prove the change helped: with {k} pairs of "
        "periods the coin has only {n} orders, so even a perfect result gives p = {p}, and a "
        "clear answer needs below 0.05."
    ).format(weeks=weeks, k=pairs, n=1 << pairs, p=f"{float(best):.3f}")
    firm = shortest_firm_weeks(period_days)
    if firm <= max(length_weeks_choices(period_days)):
        return text + " " + tr("{m} weeks or more can.").format(m=firm)
    return (
        text
        + " "
        + tr(
            "With periods this long, a clear answer would take {m} weeks, longer than the plans "
            "offered: the answer will show which way it leans."
        ).format(m=firm)
    )
