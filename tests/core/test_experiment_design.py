"""The random, balanced order of change and usual periods (issue 17)."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liptwitch_desktop.core.experiment import (
    MAX_PAIRS,
    Arm,
    all_orders,
    draw_order,
    length_weeks_choices,
    pairs_needed_for_firm_answer,
    smallest_p,
    timing_for,
)
from liptwitch_desktop.core.experiment.design import (
    is_balanced,
    order_from,
    orientations,
    pairs_for_weeks,
)

A, B = Arm.CHANGE, Arm.USUAL


@given(pairs=st.integers(2, MAX_PAIRS), seed=st.integers(0, 2**32))
def test_every_drawn_order_is_whole_balanced_pairs(pairs: int, seed: int) -> None:
    order = draw_order(pairs, random.Random(seed))
    assert len(order) == 2 * pairs
    assert is_balanced(order)
    assert order.count(A) == order.count(B) == pairs
    for i in range(0, len(order), 2):
        assert (order[i], order[i + 1]) in ((A, B), (B, A))


def test_the_same_seed_draws_the_same_order_and_seeds_differ() -> None:
    assert draw_order(6, random.Random(42)) == draw_order(6, random.Random(42))
    drawn = {draw_order(6, random.Random(seed)) for seed in range(200)}
    assert len(drawn) > 40  # 64 possible orders: a seeded source still varies across seeds


def test_each_pair_is_ab_or_ba_with_equal_chance() -> None:
    rng = random.Random(2026)
    firsts = [draw_order(2, rng)[0] for _ in range(4000)]
    share = firsts.count(A) / len(firsts)
    assert 0.47 < share < 0.53


def test_a_fixed_source_gives_the_order_it_implies() -> None:
    class Fixed:
        def __init__(self, values: list[float]) -> None:
            self.values = values

        def random(self) -> float:
            return self.values.pop(0)

    assert draw_order(2, Fixed([0.1, 0.9])) == (A, B, B, A)  # ABBA
    assert draw_order(2, Fixed([0.7, 0.2])) == (B, A, A, B)  # BAAB


@pytest.mark.parametrize("pairs", [1, 2, 3, 4, 6])
def test_every_order_is_enumerated_once(pairs: int) -> None:
    orders = list(all_orders(pairs))
    assert len(orders) == 2**pairs
    assert len(set(orders)) == len(orders)
    assert all(is_balanced(o) for o in orders)


@given(pairs=st.integers(2, 8), seed=st.integers(0, 2**32))
def test_any_drawn_order_is_among_those_enumerated(pairs: int, seed: int) -> None:
    order = draw_order(pairs, random.Random(seed))
    assert order in set(all_orders(pairs))
    assert order_from(orientations(order)) == order


def test_unbalanced_orders_are_recognised() -> None:
    assert not is_balanced(())
    assert not is_balanced((A, A, B, B))  # balanced overall but not in pairs
    assert not is_balanced((A, B, A))
    with pytest.raises(ValueError):
        orientations((A, A))


def test_draw_refuses_lengths_outside_the_design() -> None:
    for pairs in (0, 1, MAX_PAIRS + 1):
        with pytest.raises(ValueError):
            draw_order(pairs, random.Random(1))


def test_the_smallest_p_the_design_allows() -> None:
    # An order and its mirror image are always equally extreme: p >= 2 / 2**pairs.
    assert smallest_p(2) == Fraction(1, 2)
    assert smallest_p(3) == Fraction(1, 4)
    assert smallest_p(4) == Fraction(1, 8)
    assert smallest_p(5) == Fraction(1, 16)
    assert smallest_p(6) == Fraction(1, 32)
    assert pairs_needed_for_firm_answer() == 6


def test_lengths_offered_are_whole_pairs() -> None:
    assert length_weeks_choices(7) == (4, 6, 8, 12, 16, 24)
    assert length_weeks_choices(14) == (8, 12, 16, 24)
    assert pairs_for_weeks(6, 7) == 3
    assert pairs_for_weeks(8, 14) == 2
    for weeks, days in ((6, 14), (4, 14), (5, 7), (0, 7)):
        with pytest.raises(ValueError):
            pairs_for_weeks(weeks, days)


def test_magnesium_uses_two_week_periods_with_a_washout_and_says_why() -> None:
    mg = timing_for("magnesium_evening")
    assert (mg.period_days, mg.washout_days) == (14, 2)
    assert mg.why is not None and "slowly" in mg.why
    for change in ("caffeine_cutoff", "caffeine_under_mg", "sleep_7h", "no_trigger_food"):
        t = timing_for(change)
        assert (t.period_days, t.washout_days, t.why) == (7, 0, None)
    assert timing_for("something_new").period_days == 7
    with pytest.raises(ValueError):
        timing_for(" ")


def test_what_a_plan_can_show_is_worked_out_from_its_pairs() -> None:
    from liptwitch_desktop.core.experiment.foresight import plan_can_show, shortest_firm_weeks

    assert shortest_firm_weeks(7) == 12
    assert shortest_firm_weeks(14) == 24
    for weeks in (4, 6, 8):
        text = plan_can_show("caffeine_cutoff", weeks)
        assert "cannot prove" in text and "12 weeks or more can" in text
    assert "p = 0.250" in plan_can_show("caffeine_cutoff", 6)
    for weeks in (12, 16, 24):
        text = plan_can_show("sleep_7h", weeks)
        assert "can prove" in text and "cannot" not in text
    assert "p = 0.031" in plan_can_show("sleep_7h", 12)
    # Magnesium's 2-week periods: 16 weeks are 4 pairs, still too few.
    text = plan_can_show("magnesium_evening", 16)
    assert "cannot prove" in text and "24 weeks or more can" in text
    with pytest.raises(ValueError):
        plan_can_show("magnesium_evening", 6)


@pytest.mark.parametrize("change", ["caffeine_cutoff", "sleep_7h", "magnesium_evening"])
def test_the_default_length_is_the_shortest_offered_plan_that_can_answer(change: str) -> None:
    # Review 16/17, finding 3: the default was 6 weeks, which can never reach p < 0.05, and
    # magnesium offered no length that could.
    from liptwitch_desktop.core.experiment.design import can_be_firm
    from liptwitch_desktop.core.experiment.foresight import default_weeks, plan_can_show

    period = timing_for(change).period_days
    offered = length_weeks_choices(period)
    weeks = default_weeks(period)
    assert weeks in offered and can_be_firm(pairs_for_weeks(weeks, period))
    assert all(not can_be_firm(pairs_for_weeks(w, period)) for w in offered if w < weeks)
    assert "can prove" in plan_can_show(change, weeks) and "cannot" not in plan_can_show(
        change, weeks
    )
    assert {4, 6, 8} & set(offered)  # the short plans the issue asks for stay on offer
