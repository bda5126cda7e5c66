"""The experiment's answer is calibrated: quiet on noise, and finds a real halving when the
plan is long enough for any answer to be possible (issue 17).

Synthetic logs (core/experiment/simulate.py): negative-binomial daily counts (a gamma day
factor), a log-normal bad-week factor of sd 0.45 as in the demo data, 5% of days unlogged,
at the demo data's base rate of about 0.7 twitches a day. Seeded, so deterministic; about
three seconds. benchmarks/bench_experiment_calibration.py prints the same over 2000 runs.

What the issue asked and what the design allows: "a true halving over 6 weeks is called
helped at least 70% of the time" cannot hold for any implementation of the specified test.
Six weeks are 3 pairs, so the exact randomisation test has 8 orders and its smallest p is
2/8 = 0.25 (the observed order and its mirror are always equally extreme); p < 0.05 needs at
least 6 pairs. Even without that floor, 0.7 twitches a day give about 15 twitches in the usual
weeks and 7 in the change weeks: were the counts plain Poisson with no bad weeks, an exact
test on them would find that halving only about a quarter of the time (26% simulated). So the
test pins what is true for 6 weeks (no false alarm, no "helped": the answer says the plan is
too short) and checks power where an answer is possible.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.core.experiment.simulate import DEMO_BASE_RATE, LogModel, calibrate

HALVED = LogModel(effect=0.5)


def test_the_simulated_base_rate_is_the_demo_datas() -> None:
    log = generate(date(2026, 11, 1), 364, ZoneInfo("Europe/London"), seed=7)
    assert abs(len(log.episodes) / 364 - DEMO_BASE_RATE) < 0.1


def test_no_true_effect_is_called_in_at_most_five_percent_of_experiments() -> None:
    # 3 pairs: the brief's 6 weeks; 6 and 8 pairs: extended plans, where p < 0.05 can occur.
    for pairs, runs in ((3, 300), (6, 500), (8, 500)):
        result = calibrate(pairs, LogModel(), runs, seed=1700 + pairs)
        assert result.called <= 0.05, (pairs, result)
        assert result.not_enough == 0


def test_six_weeks_never_call_a_halving_helped_because_no_answer_can_be_clear() -> None:
    result = calibrate(3, HALVED, 300, seed=1703)
    assert result.helped == result.other_way == 0
    assert result.no_clear == result.runs  # each one says why (test_experiment_analysis)


def test_a_halving_is_found_once_the_plan_is_long_enough() -> None:
    # 12 pairs (24 weeks, the longest an extended plan runs). Measured over 2000 runs:
    # 58.7% at the demo rate, 81.7% at 2 twitches a day; 300 runs here, seeded.
    at_demo_rate = calibrate(12, HALVED, 300, seed=1712)
    assert at_demo_rate.helped / at_demo_rate.runs >= 0.50
    assert at_demo_rate.other_way == 0
    busier = calibrate(12, LogModel(base_rate=2.0, effect=0.5), 300, seed=1722)
    assert busier.helped / busier.runs >= 0.70
    assert busier.other_way == 0


def test_the_interval_holds_the_true_ratio_about_95_percent_of_the_time() -> None:
    for model in (LogModel(), HALVED):
        result = calibrate(6, model, 400, seed=1706)
        assert 0.92 <= result.covered / result.with_interval <= 0.98
