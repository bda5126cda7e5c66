"""When a reminder is next due in its zone, what was missed while the computer slept, and
pauses (see the package docstring for the rules on gaps, folds and "every N hours").
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

# to_utc lives in core.days (Today's caffeine card needs it before the first paint, without
# the scheduler's specs); imported here under its old name for every caller of due.to_utc.
from liptwitch_desktop.core.days import DEFAULT_DAY_START, day_bounds, local_day, to_utc

from .specs import (
    CLOCK_TOLERANCE,
    DEFAULT_GRACE,
    HYDRATION_MIN_INTERVAL_H,
    RECOVERY_MILESTONES,
    SKIP_WHEN_LOGGED,
    SUMMARISE_WHEN_MISSED,
    MissedAction,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
)

# Searching further than this for a next occurrence means there is none (all weekdays off,
# a finished recovery plan). 400 days covers a yearly pattern and the whole recovery plan.
_SEARCH_DAYS = 400
# 15-minute slots over a whole day, plus the end.
_MAX_SLOTS_PER_DAY = 24 * 4 + 1
# A long absence is summarised from at most this far back, so resolving a year-old
# "last fired" does not walk through thousands of hydration slots.
_MAX_LOOKBACK = timedelta(days=14)


def not_after(instants: Collection[datetime | None], now: datetime) -> list[datetime]:
    """The instants that are not in the future of `now` (beyond the clock tolerance): what a
    clock that was wrong recorded ahead of time is no guide to what was missed."""
    return [t for t in instants if t is not None and t <= now + CLOCK_TOLERANCE]


def effective_grace(spec: ReminderSpec) -> timedelta:
    grace = spec.grace if spec.grace is not None else DEFAULT_GRACE[spec.kind]
    if spec.kind is ReminderKind.CAFFEINE_LAST_CALL and spec.lead_minutes > 0:
        grace = min(grace, timedelta(minutes=spec.lead_minutes))
    return grace


def _wall_times_on(spec: ReminderSpec, day: date) -> list[datetime]:
    """Naive local datetimes at which `spec` fires for the local date `day`."""
    if spec.kind is ReminderKind.HYDRATION:
        start = datetime.combine(day, spec.waking_start)
        end = datetime.combine(day, spec.waking_end)
        if end <= start:  # waking hours past midnight (10:00 - 01:00)
            end += timedelta(days=1)
        # The spec refuses intervals under 15 minutes; the cap keeps this loop bounded even
        # for a spec built some other way.
        step = timedelta(hours=max(spec.interval_hours, HYDRATION_MIN_INTERVAL_H))
        slots = min(int((end - start) / step) + 1, _MAX_SLOTS_PER_DAY)
        return [start + n * step for n in range(slots)]
    if spec.kind is ReminderKind.RECOVERY_STEP:
        if spec.plan_start is None:
            return []
        offsets = {offset for _, offset in RECOVERY_MILESTONES}
        if (day - spec.plan_start).days not in offsets:
            return []
        return [datetime.combine(day, t) for t in spec.times]
    if day.weekday() not in spec.weekdays:
        return []
    lead = timedelta(minutes=spec.lead_minutes)
    return [datetime.combine(day, t) - lead for t in spec.times]


def occurrences(
    spec: ReminderSpec, zone: tzinfo, after: datetime, until: datetime
) -> list[datetime]:
    """Every instant (UTC) in (after, until] at which `spec` is scheduled.

    Quiet hours and pauses are not applied here (see `next_fire`); disabled specs have none.
    """
    if not spec.enabled or until <= after:
        return []
    first = after.astimezone(zone).date() - timedelta(days=2)
    last = until.astimezone(zone).date() + timedelta(days=1)
    found: set[datetime] = set()
    day = first
    while day <= last:
        for wall in _wall_times_on(spec, day):
            instant = to_utc(wall, zone)
            if after < instant <= until:
                found.add(instant)
        day += timedelta(days=1)
    return sorted(found)


def next_occurrence(spec: ReminderSpec, zone: tzinfo, after: datetime) -> datetime | None:
    """The first scheduled instant strictly after `after`, ignoring quiet hours and pauses."""
    if not spec.enabled:
        return None
    window_start = after
    for _ in range(_SEARCH_DAYS // 7 + 1):
        window_end = window_start + timedelta(days=7)
        found = occurrences(spec, zone, window_start, window_end)
        if found:
            return found[0]
        window_start = window_end
    return None


def next_fire(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    after: datetime,
) -> datetime | None:
    """The next instant the reminder should actually interrupt: not in quiet hours, not paused.

    A reminder that falls in quiet hours or inside a pause is skipped, not deferred: a
    magnesium reminder held back until the morning would be wrong, and quiet means quiet.
    Searched a week at a time (never one slot at a time), so a long pause or quiet hours
    that cover every slot cost at most ~60 windows.
    """
    if not spec.enabled:
        return None
    horizon = after + timedelta(days=_SEARCH_DAYS)
    window_start = after
    if policy.paused_until is not None and policy.paused_until > window_start:
        # Nothing inside the pause fires: start looking just before it ends.
        window_start = max(after, policy.paused_until - timedelta(seconds=1))
    while window_start < horizon:
        window_end = min(window_start + timedelta(days=7), horizon)
        for candidate in occurrences(spec, zone, window_start, window_end):
            if not policy.silences(candidate, zone):
                return candidate
        window_start = window_end
    return None


def is_satisfied(kind: ReminderKind, logged: Collection[str]) -> bool:
    """True when what the reminder asks for is already logged for the day it is due."""
    need = SKIP_WHEN_LOGGED.get(kind)
    return need is not None and need in logged


@dataclass(frozen=True)
class MissedResolution:
    action: MissedAction
    due_at: datetime | None = None  # the latest missed occurrence (UTC)
    missed_count: int = 0  # how many occurrences were coalesced into this one outcome


def resolve_missed(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    last_fired: datetime | None,
    now: datetime,
    logged_on_due_day: Collection[str] | Callable[[datetime], Collection[str]] = frozenset(),
    grace: timedelta | None = None,
) -> MissedResolution:
    """What to do after a gap (suspend, app closed, clock jump) since `last_fired`.

    All occurrences in (last_fired, now] collapse into at most one outcome: fire once when the
    latest is within the grace time, one "While you were away" line when beyond it (for kinds
    worth summarising), else nothing. Never a burst. `logged_on_due_day` is what the person
    logged on the local day of the latest occurrence (or a function of that occurrence
    returning it): a satisfied reminder resolves to nothing. `last_fired` None means "never
    fired": only the lookback window counts.
    """
    earliest = now - _MAX_LOOKBACK
    start = earliest if last_fired is None or last_fired < earliest else last_fired
    due = [t for t in occurrences(spec, zone, start, now) if not policy.silences(t, zone)]
    if not due:
        return MissedResolution(MissedAction.NOTHING)
    latest = due[-1]
    logged = logged_on_due_day(latest) if callable(logged_on_due_day) else logged_on_due_day
    if is_satisfied(spec.kind, logged):
        return MissedResolution(MissedAction.NOTHING, latest, len(due))
    limit = grace if grace is not None else effective_grace(spec)
    if now - latest <= limit and not policy.silences(now, zone):
        return MissedResolution(MissedAction.FIRE, latest, len(due))
    if spec.kind in SUMMARISE_WHEN_MISSED:
        return MissedResolution(MissedAction.SUMMARY, latest, len(due))
    return MissedResolution(MissedAction.NOTHING, latest, len(due))


def pause_for(now: datetime, duration: timedelta) -> datetime:
    return now + duration


def pause_until_tomorrow(
    now: datetime, zone: tzinfo, day_start: time = DEFAULT_DAY_START
) -> datetime:
    """The start of the person's next day (their day start, 04:00 by default), in UTC."""
    return day_bounds(local_day(now, zone, day_start), zone, day_start)[1]


def recovery_milestone_for(spec: ReminderSpec, due_at: datetime, zone: tzinfo) -> str | None:
    """Which recovery step a firing at `due_at` announces (by its local date)."""
    if spec.plan_start is None:
        return None
    offset = (due_at.astimezone(zone).date() - spec.plan_start).days
    for step_id, step_offset in RECOVERY_MILESTONES:
        if step_offset == offset:
            return step_id
    return None
