"""Realistic synthetic log data for `--demo` and the benchmarks.

Episodes follow the factors the way a real log might: more on days with a lot of caffeine,
little sleep or high stress, and in clustered bad weeks, so that every screen has something
true-looking to show. Deterministic for a seed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from .entries import CheckIn, Episode, Intake, IntakeKind, Location

DRINKS = (
    ("Brewed coffee (240 ml)", 95.0),
    ("Espresso, single shot (30 ml)", 63.0),
    ("Black tea (240 ml)", 47.0),
    ("Green tea (240 ml)", 28.0),
    ("Cola (355 ml can)", 34.0),
    ("Energy drink (250 ml can)", 80.0),
)
ACTIVITIES = ("at my desk", "reading", "in a meeting", "watching TV", "driving", "on the phone")
LOCATIONS = (
    (Location.LOWER_LEFT, 0.45),
    (Location.LOWER_CENTRE, 0.25),
    (Location.LOWER_RIGHT, 0.2),
    (Location.UPPER_LIP, 0.05),
    (Location.EYELID, 0.05),
)


@dataclass
class DemoLog:
    episodes: list[Episode] = field(default_factory=list)
    intakes: list[Intake] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _at(day: date, hour: float, zone: tzinfo) -> datetime:
    minutes = int(hour * 60)
    local = datetime.combine(day, time(0, 0), tzinfo=zone) + timedelta(minutes=minutes)
    return local


def generate(
    last_day: date,
    days: int,
    zone: tzinfo,
    seed: int = 7,
    episode_rate: float = 0.6,
    water_per_day: tuple[int, int] = (3, 7),
) -> DemoLog:
    """`days` days of log ending on `last_day`; the rates let benchmarks make heavy logs."""
    rng = random.Random(seed)
    log = DemoLog()
    bad_week = 1.0
    for n in range(days):
        day = last_day - timedelta(days=days - 1 - n)
        if day.weekday() == 0:  # a new week: some weeks are simply worse
            bad_week = math.exp(rng.gauss(0, 0.45))
        weekend = day.weekday() >= 5
        stress = max(0, min(10, round(rng.gauss(4.5 if not weekend else 3, 2.2))))
        sleep = round(max(3.5, min(10, rng.gauss(7.0 if not weekend else 7.8, 1.0))) * 2) / 2
        grinding = rng.random() < (0.25 if stress >= 7 else 0.05)
        log.checkins.append(CheckIn(day=day, sleep_hours=sleep, stress=stress, grinding=grinding))

        caffeine = 0.0
        for _ in range(_poisson(rng, 2.6 if sleep < 7 else 1.8)):
            label, mg = rng.choice(DRINKS)
            hour = rng.uniform(7, 12) if rng.random() < 0.75 else rng.uniform(12, 19)
            caffeine += mg
            log.intakes.append(
                Intake(_at(day, hour, zone), IntakeKind.CAFFEINE, label, caffeine_mg=mg)
            )
        magnesium = rng.random() < (0.75 if n > days // 3 else 0.3)
        if magnesium:
            log.intakes.append(
                Intake(
                    _at(day, rng.uniform(21, 22.5), zone),
                    IntakeKind.MAGNESIUM,
                    "glycinate",
                    magnesium_mg=200.0,
                )
            )
        for _ in range(rng.randint(*water_per_day)):
            log.intakes.append(
                Intake(_at(day, rng.uniform(8, 21), zone), IntakeKind.WATER, water_ml=250.0)
            )
        if rng.random() < 0.35:
            log.intakes.append(
                Intake(
                    _at(day, rng.uniform(8, 20), zone),
                    IntakeKind.POTASSIUM_FOOD,
                    rng.choice(("banana", "avocado", "spinach", "pumpkin seeds")),
                )
            )
        if rng.random() < 0.12:
            log.intakes.append(
                Intake(
                    _at(day, rng.uniform(12, 20), zone),
                    IntakeKind.TRIGGER_FOOD,
                    rng.choice(("aspartame", "msg", "high_sodium")),
                )
            )

        rate = episode_rate * bad_week
        rate *= 2.0 if caffeine > 300 else 1.0
        rate *= 1.6 if sleep < 7 else 1.0
        rate *= 1.5 if stress >= 7 else 1.0
        rate *= 0.7 if magnesium else 1.0
        for _ in range(_poisson(rng, rate)):
            hour = rng.uniform(8, 23.5) if rng.random() < 0.85 else rng.uniform(23.5, 27.5)
            loc = rng.choices([c for c, _ in LOCATIONS], [w for _, w in LOCATIONS])[0]
            log.episodes.append(
                Episode(
                    started_at=_at(day, hour, zone),
                    intensity=max(1, min(10, round(rng.gauss(4 + stress / 3, 1.5)))),
                    location=loc,
                    duration_s=int(rng.lognormvariate(4.2, 1.0)),
                    activity=rng.choice(ACTIVITIES),
                )
            )
    return log
