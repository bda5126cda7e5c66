"""The exact randomisation test: the observed result against every order the coin could draw.

Only the coin decided which period of each pair got the change. If the change does nothing,
each pair's two periods would have had the same twitches whichever way its coin fell, so
flipping any set of pairs gives a result that was just as likely. The p-value is the share of
all 2 ** pairs orders whose difference is at least as large as the one observed. Nothing is
assumed about how days or weeks relate to each other (bad weeks can cluster as they like),
which is why it stays valid where a day-by-day test would not.

The statistic is the size of the log rate ratio with half a twitch added to each side, so a
period with no twitches still compares; it is computed in exact fractions, so ties between
orders are ties and the p-value is an exact share, not a rounded one.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class PairTotals:
    """One pair's totals as planned: twitches and logged days in each of its two periods."""

    change_twitches: int
    change_days: int
    usual_twitches: int
    usual_days: int

    def __post_init__(self) -> None:
        if min(self.change_twitches, self.usual_twitches) < 0:
            raise ValueError("twitch counts cannot be negative")
        if min(self.change_days, self.usual_days) <= 0:
            raise ValueError("each period of a pair needs logged days")

    def flipped(self) -> PairTotals:
        return PairTotals(
            self.usual_twitches, self.usual_days, self.change_twitches, self.change_days
        )


def extremeness(pairs: Sequence[PairTotals]) -> Fraction:
    """max(R, 1/R) for R = ((twitches + 1/2) / days in change) / (the same in usual)."""
    ca = sum(p.change_twitches for p in pairs)
    da = sum(p.change_days for p in pairs)
    cb = sum(p.usual_twitches for p in pairs)
    db = sum(p.usual_days for p in pairs)
    ratio = Fraction((2 * ca + 1) * db, (2 * cb + 1) * da)
    return max(ratio, 1 / ratio)


@dataclass(frozen=True, slots=True)
class RandomisationResult:
    """p = at_least_as_extreme / orders, exactly."""

    at_least_as_extreme: int
    orders: int

    @property
    def p(self) -> Fraction:
        return Fraction(self.at_least_as_extreme, self.orders)

    @property
    def p_value(self) -> float:
        return self.at_least_as_extreme / self.orders


def randomisation_test(pairs: Sequence[PairTotals]) -> RandomisationResult:
    """Enumerate all 2 ** len(pairs) orientations (at most 4096 for 12 pairs)."""
    if not pairs:
        raise ValueError("at least one pair")
    observed = extremeness(pairs)
    both = [(p, p.flipped()) for p in pairs]
    count = 0
    total = 0
    for choice in itertools.product((0, 1), repeat=len(pairs)):
        total += 1
        ca = da = cb = db = 0
        for (as_planned, flipped), flip in zip(both, choice, strict=True):
            q = flipped if flip else as_planned
            ca += q.change_twitches
            da += q.change_days
            cb += q.usual_twitches
            db += q.usual_days
        ratio = Fraction((2 * ca + 1) * db, (2 * cb + 1) * da)
        if max(ratio, 1 / ratio) >= observed:
            count += 1
    return RandomisationResult(count, total)
