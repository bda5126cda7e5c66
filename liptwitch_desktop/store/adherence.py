"""What is logged on a person's day, and adherence ("magnesium on 12 of the last 14 nights").

The reminder service asks it whether what a reminder asks for is already logged; Today and
the trends show the adherence. Re-exported from `reminder_store`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from ..core import entries as core_entries
from ..core.days import day_bounds, days_between, local_day
from ..core.schedule.specs import Adherence
from .entries import checkins_between, intakes_between


def logged_on_day(day: date, zone: tzinfo, day_start: time) -> frozenset[str]:
    """Intake kinds logged on the person's `day`, plus "checkin" when that day has one."""
    start, end = day_bounds(day, zone, day_start)
    kinds = {i.kind.value for i in intakes_between(start, end)}
    if checkins_between(day, day):
        kinds.add("checkin")
    return frozenset(kinds)


def logged_at(instant: datetime, zone: tzinfo, day_start: time) -> frozenset[str]:
    return logged_on_day(local_day(instant, zone, day_start), zone, day_start)


def intake_adherence(
    kind: core_entries.IntakeKind,
    last_day: date,
    days: int,
    zone: tzinfo,
    day_start: time,
) -> Adherence:
    """On how many of the `days` days ending with `last_day` something of `kind` was logged."""
    if days < 1:
        raise ValueError("days must be at least 1")
    first_day = last_day - timedelta(days=days - 1)
    start = day_bounds(first_day, zone, day_start)[0]
    end = day_bounds(last_day, zone, day_start)[1]
    taken = {local_day(i.taken_at, zone, day_start) for i in intakes_between(start, end, kind)}
    counted = days_between(first_day, last_day)
    return Adherence(
        taken_days=sum(1 for d in counted if d in taken),
        total_days=len(counted),
        first_day=first_day,
        last_day=last_day,
    )


def magnesium_adherence(last_day: date, zone: tzinfo, day_start: time, days: int = 14) -> Adherence:
    """ "Magnesium taken on 12 of the last 14 nights" (for Today and the trends)."""
    return intake_adherence(core_entries.IntakeKind.MAGNESIUM, last_day, days, zone, day_start)
