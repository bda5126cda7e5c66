"""Calibration of the self-experiment's answer (issue 17), over many simulated experiments.

Each run is a whole experiment: a fresh random order, then synthetic daily twitch counts
(negative binomial: a gamma day factor; week-clustered: a log-normal bad-week factor of
sd 0.45, as in the demo data; 5% of days not logged), then the analysis as the app runs it.
Printed per scenario: how often it said "helped" or "the other way" with no true effect (the
false-alarm rate, at most 5% by design), how often it said "helped" when the change truly
halves the twitches (its power), and how often the 95% interval held the true ratio.

    python benchmarks/bench_experiment_calibration.py [--runs 2000] [--seed 17]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout first

from liptwitch_desktop.core.experiment.design import smallest_p
from liptwitch_desktop.core.experiment.simulate import DEMO_BASE_RATE, LogModel, calibrate

# (label, pairs, period days, wash-out days, base rate)
SCENARIOS = [
    ("4 weeks (2 pairs), demo rate", 2, 7, 0, DEMO_BASE_RATE),
    ("6 weeks (3 pairs), demo rate", 3, 7, 0, DEMO_BASE_RATE),
    ("8 weeks (4 pairs), demo rate", 4, 7, 0, DEMO_BASE_RATE),
    ("12 weeks (6 pairs), demo rate", 6, 7, 0, DEMO_BASE_RATE),
    ("16 weeks (8 pairs), demo rate", 8, 7, 0, DEMO_BASE_RATE),
    ("24 weeks (12 pairs), demo rate", 12, 7, 0, DEMO_BASE_RATE),
    ("6 weeks (3 pairs), 2 a day", 3, 7, 0, 2.0),
    ("12 weeks (6 pairs), 2 a day", 6, 7, 0, 2.0),
    ("24 weeks (12 pairs), 2 a day", 12, 7, 0, 2.0),
    ("magnesium 16 weeks (4 x 2-week pairs), demo rate", 4, 14, 2, DEMO_BASE_RATE),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    print(f"{args.runs} simulated experiments per cell, seed {args.seed}")
    print(
        f"{'scenario':52} {'best p':>7} {'false alarms':>12} {'power (x0.5)':>13} "
        f"{'coverage':>9} {'s':>5}"
    )
    for label, pairs, period, washout, rate in SCENARIOS:
        started = time.perf_counter()
        kw = {"period_days": period, "washout_days": washout}
        null = calibrate(pairs, LogModel(base_rate=rate), args.runs, args.seed, **kw)
        half = calibrate(pairs, LogModel(base_rate=rate, effect=0.5), args.runs, args.seed, **kw)
        coverage = (null.covered + half.covered) / max(1, null.with_interval + half.with_interval)
        print(
            f"{label:52} {float(smallest_p(pairs)):>7.3f} {null.called:>11.1%} "
            f"{half.helped / half.runs:>12.1%} "
            f"{coverage:>8.1%} {time.perf_counter() - started:>5.1f}"
        )
        assert half.other_way <= half.runs // 100  # a halving is (nearly) never called a rise
    print(
        "A verdict needs p < 0.05 from the exact test over every order the coin could draw; "
        "with k pairs the smallest p is 2 / 2**k, so fewer than 6 pairs can never give one."
    )


if __name__ == "__main__":
    main()
