"""The gentle note after a drink logged past the caffeine cutoff: how much caffeine is still
expected at bedtime, said once per drink."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from ..store.settings import get_time
from . import texts


def late_drink_message(intake: Any, zone: tzinfo, day_start: time) -> str | None:
    """The late-drink note for a caffeine intake, or None when it was before the cutoff.

    Uses the person's cutoff, bedtime and half-life settings and the day's other drinks.
    """
    from ..core.caffeine import CaffeineDose, late_drink_note
    from ..core.days import day_bounds, local_day
    from ..core.entries import IntakeKind
    from ..store.entries import intakes_between
    from ..store.settings import get_setting

    if not intake.caffeine_mg:
        return None
    day = local_day(intake.taken_at, zone, day_start)
    start, end = day_bounds(day, zone, day_start)
    doses = [
        CaffeineDose(i.taken_at, i.caffeine_mg or 0.0)
        for i in intakes_between(start, end, IntakeKind.CAFFEINE)
        if i.id != intake.id
    ]
    note = late_drink_note(
        CaffeineDose(intake.taken_at, intake.caffeine_mg),
        doses,
        zone,
        cutoff=get_time("caffeine_cutoff"),
        bedtime=get_time("bedtime"),
        half_life_h=float(get_setting("caffeine_half_life_h")),
        day_start=day_start,
    )
    return texts.late_drink_text(note) if note is not None else None


class LateDrinks:
    """Remembers which drinks were already noted, so each gets its note once."""

    def __init__(self) -> None:
        self._noted: set[int] = set()

    def new_notes(self, now: datetime, zone: tzinfo, day_start: time) -> list[str]:
        """Notes for the caffeine drinks just logged (taken in the last few minutes)."""
        from ..core.entries import IntakeKind
        from ..store.entries import intakes_between

        notes = []
        recent = intakes_between(now - timedelta(minutes=5), now + timedelta(minutes=1))
        for intake in recent:
            if intake.kind is not IntakeKind.CAFFEINE or intake.id in self._noted:
                continue
            if intake.id is not None:
                self._noted.add(intake.id)
            message = late_drink_message(intake, zone, day_start)
            if message:
                notes.append(message)
        return notes
