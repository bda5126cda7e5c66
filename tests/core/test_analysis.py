from __future__ import annotations

from datetime import date, timedelta

import pytest

from liptwitch_desktop.core.analysis.factors import AWAY_RUN_DAYS, analysis_days
from liptwitch_desktop.core.analysis.findings import Verdict, analyse
from liptwitch_desktop.core.analysis.stats import holm_passes, rate_ratio, t_quantile, t_two_sided_p
from liptwitch_desktop.core.daily import DayRecord

START = date(2026, 3, 2)


def _day(i: int, episodes: int, **kw: object) -> DayRecord:
    return DayRecord(day=START + timedelta(days=i), episodes=episodes, logged=True, **kw)


def test_t_distribution_matches_tables() -> None:
    assert t_quantile(0.975, 8) == pytest.approx(2.306, abs=1e-3)
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 10_000) == pytest.approx(1.960, abs=1e-3)
    assert t_two_sided_p(2.228, 10) == pytest.approx(0.05, abs=1e-3)
    assert t_two_sided_p(0.0, 5) == pytest.approx(1.0)


def test_holm_step_down() -> None:
    assert holm_passes([0.01, 0.04, 0.03]) == [True, False, False]
    assert holm_passes([0.001, 0.02, 0.04]) == [True, True, True]
    assert holm_passes([0.2, 0.001]) == [False, True]
    assert holm_passes([]) == []


def test_interval_is_never_narrower_than_poisson() -> None:
    # Underdispersed counts (all equal within a group): Pearson χ² is 0, so the floor holds.
    counts = [2] * 10 + [1] * 10
    exposed = [True] * 10 + [False] * 10
    rr = rate_ratio(counts, exposed, [i // 7 for i in range(20)])
    assert rr.ratio == pytest.approx(2.0)
    poisson_half_width = 1.96 * (1 / 20 + 1 / 10) ** 0.5
    assert rr.high / rr.ratio >= 2.718281828**poisson_half_width - 1e-9


def test_overdispersion_widens_the_interval() -> None:
    steady = [3] * 14 + [1] * 14
    bursty = [0, 6] * 7 + [0, 2] * 7
    exposed = [True] * 14 + [False] * 14
    blocks = [0] * 28  # no block structure: isolate the dispersion effect
    a = rate_ratio(steady, exposed, list(range(28)))
    b = rate_ratio(bursty, exposed, list(range(28)))
    assert a.ratio == pytest.approx(b.ratio)
    assert (b.high / b.low) > (a.high / a.low)
    del blocks


def test_sentence_matches_the_plain_form() -> None:
    days = [_day(i, 4 if i % 2 else 1, caffeine_mg=500.0 if i % 2 else 0.0) for i in range(60)]
    report = analyse(days, caffeine_limit_mg=400)
    f = next(f for f in report.findings if f.factor_id == "caffeine_above_limit")
    assert f.days_with == 30 and f.days_without == 30
    assert f.rate_with == 4 and f.rate_without == 1
    assert f.ratio == pytest.approx(4.0)
    assert f.verdict is Verdict.LINK
    assert f.sentence.startswith(
        "On days with more than 400 mg caffeine you logged 4.0 times as many twitches (95% "
        "interval "
    )
    assert "; 30 days vs 30 days)." in f.sentence
    assert report.findings[0].verdict is Verdict.LINK
    assert f"Compared {report.factors_tested} factors over 60 days." in report.summary


def test_fewer_than_seven_days_on_a_side_is_not_enough_data() -> None:
    days = [_day(i, i % 3, stress=8 if i < 6 else 2) for i in range(40)]
    report = analyse(days)
    f = next(f for f in report.findings if f.factor_id == "high_stress")
    assert f.verdict is Verdict.NOT_ENOUGH_DATA
    assert (f.days_with, f.days_without) == (6, 34)
    assert f.ratio is None
    assert "not enough data yet" in f.sentence
    assert "check-in" in f.sentence  # says what to log


def test_missing_checkins_are_left_out_not_counted_as_good_days() -> None:
    days = [_day(i, 1, sleep_hours=None if i % 2 else 6.0) for i in range(40)]
    report = analyse(days)
    f = next(f for f in report.findings if f.factor_id == "short_sleep")
    assert f.days_with + f.days_without == 20


def test_day_before_factor_uses_the_previous_day() -> None:
    # Twitching the day after chocolate, never on the day itself.
    days = []
    for i in range(70):
        ate = i % 3 == 0
        after = (i - 1) % 3 == 0
        days.append(
            _day(i, 5 if after else 1, trigger_foods=frozenset({"chocolate"} if ate else ()))
        )
    report = analyse(days)
    lagged = next(f for f in report.findings if f.factor_id == "food:chocolate@day_before")
    same = next(f for f in report.findings if f.factor_id == "food:chocolate")
    assert lagged.ratio is not None and lagged.ratio > 3
    assert lagged.label == "Chocolate, the day before"
    assert lagged.sentence.startswith("On days after a day with chocolate")
    assert same.ratio is not None and same.ratio < 1


def test_no_difference_is_no_clear_link() -> None:
    days = [
        _day(i, [1, 1, 3, 3, 0, 0, 2, 2][i % 8], caffeine_after_cutoff=i % 2 == 0)
        for i in range(56)
    ]
    f = next(f for f in analyse(days).findings if f.factor_id == "caffeine_after_cutoff")
    assert f.verdict is Verdict.NO_CLEAR_LINK
    assert f.low is not None and f.high is not None and f.low < 1 < f.high
    assert "No clear link" in f.sentence


def test_zero_episodes_on_one_side_still_gives_a_finite_interval() -> None:
    days = [_day(i, 2 if i % 2 else 0, magnesium_mg=0.0 if i % 2 else 200.0) for i in range(40)]
    f = next(f for f in analyse(days).findings if f.factor_id == "magnesium_skipped")
    assert f.rate_without == 0
    assert f.low is not None and f.high is not None and 1 < f.low < f.high < float("inf")


def test_empty_and_away_days() -> None:
    assert analyse([]).summary.startswith("Nothing logged yet")
    days = [DayRecord(day=START + timedelta(days=i), logged=i in (0, 2, 10)) for i in range(12)]
    used = [d.day for d in analysis_days(days)]
    # day 1 (a single empty day) counts as a calm day; days 3..9 (a long gap) do not;
    # day 11 is after the last logged day.
    assert AWAY_RUN_DAYS <= 7
    assert used == [
        START,
        START + timedelta(days=1),
        START + timedelta(days=2),
        START + timedelta(days=10),
    ]


def test_median_caffeine_zero_reads_as_any_caffeine() -> None:
    days = [_day(i, 1, caffeine_mg=95.0 if i % 3 == 0 else 0.0) for i in range(30)]
    f = next(f for f in analyse(days).findings if f.factor_id == "caffeine_above_median")
    assert f.label == "Any caffeine"


def test_translate_hook_is_used() -> None:
    days = [_day(i, i % 2, caffeine_after_cutoff=i % 2 == 0) for i in range(30)]
    report = analyse(days, tr=lambda s: "» " + s)
    assert report.summary.startswith("» Compared")
