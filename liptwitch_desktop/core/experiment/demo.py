"""The demo's finished experiment: 6 weeks testing "no caffeine after 12:00" (issue 17).

So every screen (Today's history, the results page, the report, the CLI, the triage) has one
to show. The plan ended a fortnight before the demo's last day; in its change weeks the
demo person moved their afternoon drinks to the morning on most days (not all: adherence is
part of the answer). The demo log's twitches do not depend on the time of a drink, only on
the day's total, so the honest answer is "no clear difference", as it should be.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo

from ..entries import Intake, IntakeKind
from .design import Arm, draw_order
from .plan import Experiment, schedule

CHANGE_ID = "caffeine_cutoff"
CUTOFF = time(12, 0)
WEEKS = 6
ENDED_DAYS_AGO = 14
KEPT_SHARE = 0.85


def demo_experiment(last_day: date, zone_name: str, day_start: time, seed: int = 17) -> Experiment:
    end = last_day - timedelta(days=ENDED_DAYS_AGO)
    start = end - timedelta(weeks=WEEKS)
    start -= timedelta(days=start.weekday())  # the plan began on a Monday
    return Experiment(
        change_id=CHANGE_ID,
        start_day=start,
        period_days=7,
        order=draw_order(WEEKS // 2, random.Random(seed)),
        day_start=day_start,
        zone_name=zone_name,
        created_on=start,
        last_seen_day=last_day,
        params={"cutoff": f"{CUTOFF:%H:%M}"},
    )


def keep_the_cutoff(
    intakes: list[Intake], exp: Experiment, zone: tzinfo, seed: int = 17
) -> list[Intake]:
    """The intakes with change days' afternoon caffeine moved to 10:30, on most days."""
    rng = random.Random(seed)
    change_days = {d for p in schedule(exp).periods if p.arm is Arm.CHANGE for d in p.days()}
    keeps = {d: rng.random() < KEPT_SHARE for d in sorted(change_days)}
    out: list[Intake] = []
    for intake in intakes:
        local = intake.taken_at.astimezone(zone)
        day = local.date()
        late = intake.kind is IntakeKind.CAFFEINE and local.time() >= CUTOFF
        if late and keeps.get(day, False):
            moved = datetime.combine(day, time(10, 30), tzinfo=zone)
            intake = intake._replace(taken_at=moved)
        out.append(intake)
    return out
