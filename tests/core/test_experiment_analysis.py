"""The experiment's answer: exact randomisation p, pair-level interval, verdicts (issue 17)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.experiment import (
    Arm,
    DayData,
    Experiment,
    Verdict,
    analyse,
    min_logged_days,
    pause,
    schedule,
    stop,
)
from liptwitch_desktop.core.experiment.randomisation import PairTotals, randomisation_test

MON = date(2026, 3, 2)
A, B = Arm.CHANGE, Arm.USUAL


def plan(
    order: Sequence[Arm], period_days: int = 7, change: str = "caffeine_cutoff", washout: int = 0
) -> Experiment:
    return Experiment(
        change_id=change,
        start_day=MON,
        period_days=period_days,
        order=tuple(order),
        day_start=time(4, 0),
        zone_name="Europe/London",
        created_on=MON,
        last_seen_day=MON,
        washout_days=washout,
    )


def days_from(
    exp: Experiment,
    per_day: Callable[[int, Arm, int], int | None],
    kept: Callable[[int, Arm, int], bool | None] = lambda i, arm, n: None,
) -> list[DayData]:
    """per_day(period, arm, day-in-period) -> twitches, or None for a day with nothing logged."""
    out = []
    for p in schedule(exp).periods:
        for n, d in enumerate(p.days()):
            count = per_day(p.index, p.arm, n)
            mark = kept(p.index, p.arm, n)
            out.append(DayData(d, count or 0, count is not None, mark))
    return out


def end_of(exp: Experiment) -> date:
    end = schedule(exp).end_day
    assert end is not None
    return end


# --- the exact randomisation test ---------------------------------------------------------


def test_p_value_on_three_pairs_worked_by_hand() -> None:
    # Change vs usual twitches over 7 logged days each: (1, 5), (2, 6), (0, 4).
    # Observed: 3 against 15, so R = (3.5/21)/(15.5/21) = 7/31, size 31/7.
    # Flipping any one or two pairs gives 7 against 11 or 11 against 7 (size 23/15);
    # flipping all three gives 15 against 3 (31/7 again). 2 of the 8 orders: p = 1/4.
    pairs = [PairTotals(1, 7, 5, 7), PairTotals(2, 7, 6, 7), PairTotals(0, 7, 4, 7)]
    result = randomisation_test(pairs)
    assert (result.at_least_as_extreme, result.orders) == (2, 8)
    assert result.p == Fraction(1, 4)


def test_ties_count_as_at_least_as_extreme() -> None:
    # (0, 10), (3, 4), (5, 5): the third pair is the same either way, so each order ties
    # with the one that differs only in that pair. Observed 8 vs 19 (size 39/17); 19 vs 8
    # and their pair-3 twins make 4 of 8; the rest give 18 vs 9 or 9 vs 18 (size 37/19).
    pairs = [PairTotals(0, 7, 10, 7), PairTotals(3, 7, 4, 7), PairTotals(5, 7, 5, 7)]
    assert randomisation_test(pairs).p == Fraction(1, 2)


def _brute_force_p(pairs: Sequence[PairTotals]) -> Fraction:
    def size(ca: int, da: int, cb: int, db: int) -> Fraction:
        r = Fraction(2 * ca + 1, 2 * cb + 1) * Fraction(db, da)
        return max(r, 1 / r)

    def totals(flips: Sequence[bool]) -> Fraction:
        ca = da = cb = db = 0
        for p, f in zip(pairs, flips, strict=True):
            a, ad, b, bd = (
                (p.usual_twitches, p.usual_days, p.change_twitches, p.change_days)
                if f
                else (
                    p.change_twitches,
                    p.change_days,
                    p.usual_twitches,
                    p.usual_days,
                )
            )
            ca, da, cb, db = ca + a, da + ad, cb + b, db + bd
        return size(ca, da, cb, db)

    observed = totals([False] * len(pairs))
    every = [totals(f) for f in itertools.product([False, True], repeat=len(pairs))]
    return Fraction(sum(s >= observed for s in every), len(every))


pair_totals = st.builds(
    PairTotals, st.integers(0, 40), st.integers(1, 14), st.integers(0, 40), st.integers(1, 14)
)


@settings(max_examples=200)
@given(pairs=st.lists(pair_totals, min_size=1, max_size=7))
def test_p_is_the_share_of_orders_at_least_as_extreme(pairs: list[PairTotals]) -> None:
    result = randomisation_test(pairs)
    k = len(pairs)
    assert result.orders == 2**k
    assert 0 < result.p <= 1
    assert result.p >= Fraction(min(2, 2**k), 2**k)  # the mirror order is always as extreme
    assert result.p == _brute_force_p(pairs)
    assert randomisation_test([p.flipped() for p in pairs]).p == result.p


# --- verdicts -----------------------------------------------------------------------------

ORDER_12 = (A, B, B, A, A, B, B, A, B, A, A, B)  # six pairs, 12 weeks


def test_a_clear_fall_over_six_pairs_is_helped() -> None:
    exp = plan(ORDER_12)
    data = days_from(exp, lambda i, arm, n: 1 if arm is A else 2 + (i + n) % 3)
    result = analyse(exp, data, end_of(exp), change_phrase="no caffeine after 12:00")
    assert result.verdict is Verdict.HELPED
    assert result.p_value == pytest.approx(2 / 64) and result.orders == 64
    assert result.high is not None and result.high < 1 and result.ratio is not None
    assert result.answer.startswith("The change helped: with no caffeine after 12:00 you had")
    assert f"{round((1 - result.ratio) * 100)}% fewer" in result.answer
    assert not result.so_far


def test_a_clear_rise_is_the_other_way() -> None:
    exp = plan(ORDER_12)
    data = days_from(exp, lambda i, arm, n: 1 if arm is B else 2 + (i + n) % 3)
    result = analyse(exp, data, end_of(exp))
    assert result.verdict is Verdict.OTHER_WAY
    assert result.low is not None and result.low > 1
    assert result.answer.startswith("It went the other way")


def test_a_mixed_result_is_no_clear_difference_with_what_could_have_been_seen() -> None:
    exp = plan(ORDER_12)
    data = days_from(exp, lambda i, arm, n: (i * 7 + n) % 4)
    result = analyse(exp, data, end_of(exp))
    assert result.verdict is Verdict.NO_CLEAR_DIFFERENCE and result.firm_answer_possible
    assert result.detectable_ratio is not None and 0 < result.detectable_ratio < 1
    assert any("would probably (4 times in 5) have found a fall of" in d for d in result.details)


def test_three_pairs_can_never_be_clear_and_the_answer_says_so() -> None:
    exp = plan((A, B, B, A, A, B))
    data = days_from(exp, lambda i, arm, n: 0 if arm is A else 5)  # as strong as it gets
    result = analyse(exp, data, end_of(exp))
    assert result.p_value == pytest.approx(0.25)
    assert result.verdict is Verdict.NO_CLEAR_DIFFERENCE
    assert not result.firm_answer_possible and result.detectable_ratio is None
    assert "3 pairs of periods are too few for any result to be clear" in result.answer
    assert any("takes at least 6 pairs" in d for d in result.details)


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    pairs=st.integers(2, 7),
    gaps=st.floats(0, 0.6),
)
def test_verdicts_follow_their_rules_for_any_data(seed: int, pairs: int, gaps: float) -> None:
    rng = random.Random(seed)
    order = tuple(a for _ in range(pairs) for a in rng.choice([(A, B), (B, A)]))
    exp = plan(order)
    data = days_from(exp, lambda i, arm, n: None if rng.random() < gaps else rng.randint(0, 6))
    r = analyse(exp, data, end_of(exp))
    # Finished: nothing more is coming, so no "yet" or "so far" (review 16/17, finding 8).
    assert not r.so_far and " yet" not in r.answer and "so far" not in r.answer.lower()
    if r.verdict is Verdict.NOT_ENOUGH_DATA:
        assert r.pairs_used < 2 or r.twitches_change + r.twitches_usual == 0
        assert r.answer.startswith("Not enough data: ")
        return
    assert r.p_value is not None and r.low is not None and r.high is not None and r.ratio
    assert 0 < r.p_value <= 1
    assert r.low <= r.ratio <= r.high
    significant = Fraction(r.orders_at_least_as_extreme or 0, r.orders or 1) < Fraction(1, 20)
    assert (r.verdict is Verdict.HELPED) == (significant and r.high < 1)
    assert (r.verdict is Verdict.OTHER_WAY) == (significant and r.low > 1)
    assert r.pairs_used + len(r.left_out_pairs) == r.pairs_complete == pairs


# --- not enough data, logging gaps, wash-out ------------------------------------------------


def test_fewer_than_two_finished_pairs_is_not_enough_yet() -> None:
    exp = plan((A, B, B, A, A, B))
    data = days_from(exp, lambda i, arm, n: 2)
    early = analyse(exp, data, MON + timedelta(days=10))
    assert early.verdict is Verdict.NOT_ENOUGH_DATA
    assert early.answer == "Not enough data yet: the first pair of periods is not over yet."
    one = analyse(exp, data, MON + timedelta(days=20))
    assert one.verdict is Verdict.NOT_ENOUGH_DATA and "only 1 pair" in one.answer


def test_no_twitches_at_all_is_nothing_to_compare() -> None:
    exp = plan((A, B, B, A))
    result = analyse(exp, days_from(exp, lambda i, arm, n: 0), end_of(exp))
    assert result.verdict is Verdict.NOT_ENOUGH_DATA and "no twitches" in result.answer


def test_days_with_nothing_logged_are_unknown_not_calm() -> None:
    exp = plan(ORDER_12)

    def twitches(i: int, arm: Arm, n: int) -> int | None:
        return None if n in (5, 6) else (2 if arm is A else 4)

    gaps = analyse(exp, days_from(exp, twitches), end_of(exp))
    missing = [d for d in days_from(exp, twitches) if d.logged]  # the days simply absent
    as_zero = days_from(exp, lambda i, arm, n: 0 if n in (5, 6) else (2 if arm is A else 4))
    assert analyse(exp, missing, end_of(exp)).rate_change == gaps.rate_change == 2.0
    assert gaps.rate_usual == 4.0 and gaps.days_change == 6 * 5 and gaps.unlogged_days == 24
    assert analyse(exp, as_zero, end_of(exp)).rate_change != 2.0  # what "calm" would claim
    assert any("24 days with nothing logged were left out" in d for d in gaps.details)


def test_a_period_with_too_few_logged_days_leaves_its_pair_out() -> None:
    exp = plan((A, B, B, A, A, B))
    assert min_logged_days(7) == 4 and min_logged_days(5) == 4 and min_logged_days(12) == 6

    def twitches(i: int, arm: Arm, n: int) -> int | None:
        if i == 2 and n >= 3:
            return None  # week 3: only 3 days logged
        return 1 if arm is A else 3

    result = analyse(exp, days_from(exp, twitches), end_of(exp))
    assert result.left_out_pairs == (1,) and result.pairs_used == 2
    assert result.verdict is not Verdict.NOT_ENOUGH_DATA
    assert any("Pair 2 (Week 3 and Week 4) was left out" in d for d in result.details)

    def worse(i: int, arm: Arm, n: int) -> int | None:
        return None if i in (2, 5) and n >= 3 else 2

    result = analyse(exp, days_from(exp, worse), end_of(exp))
    assert result.verdict is Verdict.NOT_ENOUGH_DATA
    assert "only 1 of the 3 finished pairs of periods had enough days logged" in result.answer


def test_the_washout_leaves_out_the_first_two_days_of_each_period() -> None:
    exp = plan((A, B, B, A), period_days=14, change="magnesium_evening", washout=2)

    def spike(i: int, arm: Arm, n: int) -> int:
        return 40 if n < 2 else (1 if arm is A else 2)

    calm = analyse(exp, days_from(exp, lambda i, arm, n: 1 if arm is A else 2), end_of(exp))
    spiked = analyse(exp, days_from(exp, spike), end_of(exp))
    assert spiked.rate_change == calm.rate_change == 1.0 and spiked.rate_usual == 2.0
    assert spiked.periods[0].days_analysed == 12 and spiked.washout_days == 2
    assert any("The first 2 days of each period were left out" in d for d in spiked.details)
    assert any("2-week periods" in d for d in spiked.details)  # why magnesium is slower
    off = analyse(exp, days_from(exp, spike), end_of(exp), washout_days=0)
    assert off.rate_change is not None and off.rate_change > 1.0
    assert any("Every day of each period was used" in d for d in off.details)


# --- intention to treat, adherence, as kept -----------------------------------------------


def test_days_not_kept_are_analysed_as_planned_and_adherence_is_reported() -> None:
    exp = plan((A, B, B, A))

    def kept(i: int, arm: Arm, n: int) -> bool | None:
        if arm is B:
            return None
        return None if n == 6 else n != 0  # one slip and one unrecorded day a week

    def twitches(i: int, arm: Arm, n: int) -> int:
        return 6 if arm is A and n == 0 else (1 if arm is A else 3)  # the slip day was bad

    result = analyse(exp, days_from(exp, twitches, kept), end_of(exp))
    # The slip day counts in its change week (intention to treat): (6 + 6 * 1) / 7 a day.
    assert result.rate_change == pytest.approx(12 / 7)
    assert result.adherence.change_days == 14
    assert (result.adherence.kept, result.adherence.not_kept, result.adherence.unknown) == (
        10,
        2,
        2,
    )
    assert "You kept the change on 10 of 14 change days (2 not recorded)." in result.details
    assert result.as_kept is not None and result.as_kept.kept_days == 10
    assert result.as_kept.kept_rate == 1.0 and result.as_kept.usual_rate == 3.0
    assert any(d.startswith("As kept (a second look, not protected") for d in result.details)


# --- so far, stopped, paused --------------------------------------------------------------


def test_so_far_uses_only_the_periods_that_are_over() -> None:
    exp = plan(ORDER_12)
    base = days_from(exp, lambda i, arm, n: 1 if arm is A else 3)
    today = MON + timedelta(weeks=4, days=3)  # in week 5
    noisy = [
        DayData(d.day, 50 if d.day >= MON + timedelta(weeks=4) else d.twitches, True, None)
        for d in base
        if d.day < today
    ]
    result = analyse(exp, noisy, today)
    assert result.so_far and len(result.periods) == 4 and result.pairs_used == 2
    assert result.rate_change == 1.0 and result.rate_usual == 3.0
    assert result.answer.startswith("So far (4 of 12 weeks): No clear difference yet")


def test_a_stopped_experiment_is_analysed_on_what_was_done() -> None:
    exp = plan(ORDER_12)
    data = days_from(exp, lambda i, arm, n: 1 if arm is A else 3)
    stopped = stop(exp, MON + timedelta(weeks=5, days=2))
    result = analyse(stopped, data, MON + timedelta(weeks=20))
    assert result.stopped and not result.so_far and len(result.periods) == 5
    assert result.pairs_complete == 2
    assert result.answer.startswith("Stopped after 5 of 12 weeks. No clear difference: ")
    short = analyse(stop(exp, MON + timedelta(days=9)), data, MON + timedelta(weeks=20))
    assert short.answer.startswith("Stopped after 1 of 12 weeks. Not enough data: ")


def test_a_paused_experiment_has_a_so_far_answer_on_the_periods_before_the_pause() -> None:
    exp = plan((A, B, B, A, A, B))
    paused = pause(exp, MON + timedelta(weeks=4, days=1))
    data = days_from(exp, lambda i, arm, n: 1 if arm is A else 3)
    result = analyse(paused, data, MON + timedelta(weeks=12))
    assert result.so_far and result.pairs_used == 2 and len(result.periods) == 4


def test_bad_day_records_are_refused() -> None:
    with pytest.raises(ValueError):
        DayData(MON, -1)
    with pytest.raises(ValueError):
        DayData(MON, 2, logged=False)
    exp = plan((A, B, B, A))
    with pytest.raises(ValueError, match="two records"):
        analyse(exp, [DayData(MON, 1), DayData(MON, 2)], end_of(exp))
    with pytest.raises(ValueError, match="wash-out"):
        analyse(exp, [], end_of(exp), washout_days=4)


def test_a_clock_moved_back_gives_the_answer_of_the_last_day_seen() -> None:
    from liptwitch_desktop.core.experiment import observe

    exp = observe(plan(ORDER_12), MON + timedelta(weeks=6))
    data = days_from(exp, lambda i, arm, n: 1 if arm is A else 3)
    back = analyse(exp, data, MON + timedelta(days=3))  # the clock went back five weeks
    assert back == analyse(exp, data, MON + timedelta(weeks=6))
    assert len(back.periods) == 6
