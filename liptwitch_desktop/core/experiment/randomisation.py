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
    """Enumerate all 2 ** len(pairs) orientations (4096 for 12 pairs, a few milliseconds).

    The orders are walked in Gray-code order, so each step flips one pair and updates four
    integer sums; sizes are compared by cross-multiplying integers, so ties are exact.
    """
    if not pairs:
        raise ValueError("at least one pair")
    ca = sum(p.change_twitches for p in pairs)
    da = sum(p.change_days for p in pairs)
    cb = sum(p.usual_twitches for p in pairs)
    db = sum(p.usual_days for p in pairs)
    # The observed size as a fraction big / small of two integers (big >= small).
    num, den = (2 * ca + 1) * db, (2 * cb + 1) * da
    obs_big, obs_small = max(num, den), min(num, den)
    flipped = [False] * len(pairs)
    count = 0
    total = 1 << len(pairs)
    for step in range(total):
        if step:
            j = (step & -step).bit_length() - 1  # the pair that flips at this Gray-code step
            p = pairs[j]
            sign = -1 if flipped[j] else 1
            moved_c = sign * (p.usual_twitches - p.change_twitches)
            moved_d = sign * (p.usual_days - p.change_days)
            ca, cb = ca + moved_c, cb - moved_c
            da, db = da + moved_d, db - moved_d
            flipped[j] = not flipped[j]
        num, den = (2 * ca + 1) * db, (2 * cb + 1) * da
        if max(num, den) * obs_small >= obs_big * min(num, den):
            count += 1
    return RandomisationResult(count, total)
