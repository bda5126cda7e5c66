"""The random order of "change" and "as usual" periods, drawn in balanced pairs.

Each pair of periods is either change-then-usual (AB) or usual-then-change (BA), decided by a
fair coin. Pairs keep the two kinds of period next to each other in time, so a slow drift
(a calmer month, a new job) falls on both about equally; the coin keeps the person's hopes,
the weather and the calendar from choosing which weeks get the change. Because the coin is
the only thing that decided the order, every order it could have drawn (2 ** pairs of them)
is known, and the analysis can compare the result with all of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from enum import StrEnum
from fractions import Fraction
from typing import Protocol

from .changes import WEEK_DAYS

ALPHA = Fraction(1, 20)  # 0.05, kept exact so "p < 0.05" never suffers from rounding
PAIR_CHOICES = (2, 3, 4)  # the lengths the issue asks for: 4, 6 or 8 weeks of 1-week periods
# ... and the longer ones that can give a clear answer (12, 16, 24 weeks): fewer than 6 pairs
# can never reach p < 0.05 (see `smallest_p`), so the short plans can only show a trend.
LONG_PAIR_CHOICES = (6, 8, 12)
MIN_PAIRS = 2
# Extending by a pair stops here: 2 ** 12 = 4096 orders, still enumerated in milliseconds.
MAX_PAIRS = 12


class Arm(StrEnum):
    """What a period asks of the person: A (make the change) or B (live as usual)."""

    CHANGE = "change"
    USUAL = "usual"


class RandomSource(Protocol):
    """Anything with `random()` in [0, 1): `random.Random(seed)` in tests, `SystemRandom`."""

    def random(self) -> float: ...


def draw_pair(rng: RandomSource) -> tuple[Arm, Arm]:
    """One pair: AB or BA with equal chance."""
    return (Arm.CHANGE, Arm.USUAL) if rng.random() < 0.5 else (Arm.USUAL, Arm.CHANGE)


def draw_order(pairs: int, rng: RandomSource) -> tuple[Arm, ...]:
    """A balanced random order of `pairs` pairs (2 * pairs periods)."""
    check_pairs(pairs)
    order: list[Arm] = []
    for _ in range(pairs):
        order.extend(draw_pair(rng))
    return tuple(order)


def check_pairs(pairs: int) -> None:
    if not MIN_PAIRS <= pairs <= MAX_PAIRS:
        raise ValueError(f"an experiment has {MIN_PAIRS} to {MAX_PAIRS} pairs, not {pairs}")


def is_balanced(order: Sequence[Arm]) -> bool:
    """True when the order is whole pairs, each one change and one usual period."""
    if len(order) % 2 or not order:
        return False
    return all({order[i], order[i + 1]} == {Arm.CHANGE, Arm.USUAL} for i in range(0, len(order), 2))


def orientations(order: Sequence[Arm]) -> tuple[bool, ...]:
    """For each pair, True when it starts with the change (AB)."""
    if not is_balanced(order):
        raise ValueError("not a balanced order of pairs")
    return tuple(order[i] is Arm.CHANGE for i in range(0, len(order), 2))


def order_from(orients: Sequence[bool]) -> tuple[Arm, ...]:
    order: list[Arm] = []
    for change_first in orients:
        order.extend((Arm.CHANGE, Arm.USUAL) if change_first else (Arm.USUAL, Arm.CHANGE))
    return tuple(order)


def all_orders(pairs: int) -> Iterator[tuple[Arm, ...]]:
    """Every order the coin could have drawn for `pairs` pairs, each exactly once."""
    if pairs < 1:
        raise ValueError("at least one pair")
    for orients in itertools.product((True, False), repeat=pairs):
        yield order_from(orients)


def orders_count(pairs: int) -> int:
    return 1 << pairs


def smallest_p(pairs: int) -> Fraction:
    """The smallest two-sided p-value the exact test can give with `pairs` pairs.

    The observed order and its mirror image (every pair flipped) always give the same size of
    difference, so at least 2 of the 2 ** pairs orders are "at least as extreme".
    """
    return min(Fraction(1), Fraction(2, 1 << pairs))


def pairs_needed_for_firm_answer(alpha: Fraction = ALPHA) -> int:
    """The fewest pairs with which p < alpha is possible at all (6 for 0.05)."""
    pairs = 1
    while smallest_p(pairs) >= alpha:
        pairs += 1
    return pairs


def length_weeks_choices(period_days: int) -> tuple[int, ...]:
    """The plan lengths to offer, in weeks: 4/6/8/12/16/24 for weekly periods; 8/12/16 for
    2-week ones plus the one length that can give a clear answer (24 weeks: more than that
    would run most of a year)."""
    pairs: tuple[int, ...]
    if period_days > WEEK_DAYS:
        pairs = (*PAIR_CHOICES, max(pairs_needed_for_firm_answer(), max(PAIR_CHOICES) + 1))
    else:
        pairs = PAIR_CHOICES + LONG_PAIR_CHOICES
    return tuple(2 * k * period_days // WEEK_DAYS for k in pairs)


def can_be_firm(pairs: int, alpha: Fraction = ALPHA) -> bool:
    """True when a plan of `pairs` pairs can reach p < alpha at all."""
    return smallest_p(pairs) < alpha


def pairs_for_weeks(weeks: int, period_days: int) -> int:
    """How many pairs a plan of `weeks` weeks holds, refusing lengths that are not whole pairs."""
    days = weeks * WEEK_DAYS
    if weeks <= 0 or days % (2 * period_days):
        raise ValueError(
            f"{weeks} weeks is not a whole number of pairs of {period_days}-day periods"
        )
    pairs = days // (2 * period_days)
    check_pairs(pairs)
    return pairs
