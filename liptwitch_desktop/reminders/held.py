"""Which reminders held during Do Not Disturb are still worth showing when it ends.

Held, not lost: each one is a "held" row in the firing log (store/reminder_firings.py), so
an app restarted after Do Not Disturb still finds them. When it ends, the latest held firing
of each kind is shown once if it still makes sense now; the others are given up (a "missed"
row, so they are never shown later). Given up: one done meanwhile (magnesium taken, water
logged), one whose next occurrence has already come, a caffeine nudge past its moment, one
older than HOLD_LIMIT, and any while quiet hours or a pause silence reminders.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from ..core.schedule.due import effective_grace, next_occurrence
from ..core.schedule.specs import ReminderFiring, ReminderKind, ReminderSpec
from .followups import LoggedFor, satisfied_since

HOLD_LIMIT = timedelta(hours=12)
# Kinds whose moment passes: shown after Do Not Disturb only inside their grace time.
_MOMENTARY = frozenset({ReminderKind.CAFFEINE_LAST_CALL, ReminderKind.CAFFEINE_CUTOFF})


def still_relevant(
    spec: ReminderSpec,
    firing: ReminderFiring,
    now: datetime,
    zone: tzinfo,
    logged_for: LoggedFor,
) -> bool:
    if not spec.enabled or now - firing.due_at > HOLD_LIMIT:
        return False
    if satisfied_since(firing, logged_for, now):
        return False
    if spec.kind in _MOMENTARY:
        return now - firing.due_at <= effective_grace(spec)
    following = next_occurrence(spec, zone, firing.due_at)
    return following is None or following > now


def latest_per_kind(
    held: list[ReminderFiring],
) -> tuple[dict[ReminderKind, ReminderFiring], list[ReminderFiring]]:
    """The latest held firing of each kind, and the older ones (to give up)."""
    latest: dict[ReminderKind, ReminderFiring] = {}
    older: list[ReminderFiring] = []
    for firing in held:  # oldest first
        previous = latest.get(firing.kind)
        if previous is not None:
            older.append(previous)
        latest[firing.kind] = firing
    return latest, older
