"""When each reminder fires next, and why not today: the line under each reminder in
Settings ("Next: tomorrow 21:30 — skipped today: already logged").

The same rules as the service (planning.next_due: quiet hours, a pause and days already
logged are skipped), read from the store, so the line is right whether or not the service
runs. "Today" is the person's day (it starts at their day start, 04:00 by default).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from datetime import time as dtime

from ..core.days import day_bounds, local_day
from ..core.schedule.due import is_satisfied, occurrences
from ..core.schedule.specs import ReminderKind, ReminderPolicy, ReminderSpec
from .planning import next_due
from .texts import hhmm, tr

LoggedFor = Callable[[datetime], frozenset[str]]


@dataclass(frozen=True)
class Upcoming:
    next_at: datetime | None  # UTC; None: nothing planned
    why_not_today: str = ""  # "" when it still fires today, or has nothing to do today


def why_not_today(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    now: datetime,
    day_start: dtime,
    logged_for: LoggedFor,
) -> str:
    """Why a reminder that is on will not fire (again) today; "" when it will, or when today
    is simply not one of its days."""
    start, end = day_bounds(local_day(now, zone, day_start), zone, day_start)
    today = occurrences(spec, zone, start - timedelta(microseconds=1), end - timedelta(seconds=1))
    if not today:
        return ""
    ahead = [t for t in today if t > now]
    if not ahead:
        return tr("today's was at %1").replace("%1", hhmm(today[-1].astimezone(zone).time()))
    if is_satisfied(spec.kind, logged_for(now)):
        return tr("skipped today: already logged")
    if all(policy.is_paused(t) for t in ahead):
        until = policy.paused_until.astimezone(zone).time() if policy.paused_until else None
        return tr("skipped today: paused until %1").replace("%1", hhmm(until or dtime()))
    if all(policy.silences(t, zone) for t in ahead):
        return tr("skipped today: quiet hours")
    return ""


def upcoming(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    now: datetime,
    day_start: dtime,
    logged_for: LoggedFor,
) -> Upcoming:
    if not spec.enabled:
        return Upcoming(None)
    return Upcoming(
        next_due(spec, policy, zone, now, logged_for),
        why_not_today(spec, policy, zone, now, day_start, logged_for),
    )


def when_text(at: datetime | None, now: datetime, zone: tzinfo, day_start: dtime) -> str:
    """ "today 21:30", "tomorrow 09:00", "Sun 6 Dec 10:00"."""
    if at is None:
        return tr("nothing planned")
    local = at.astimezone(zone)
    days = (local_day(at, zone, day_start) - local_day(now, zone, day_start)).days
    if days == 0:
        return tr("today %1").replace("%1", hhmm(local.time()))
    if days == 1:
        return tr("tomorrow %1").replace("%1", hhmm(local.time()))
    return f"{local.strftime('%a')} {local.day} {local.strftime('%b')} {hhmm(local.time())}"


def next_line(
    spec: ReminderSpec,
    policy: ReminderPolicy,
    zone: tzinfo,
    now: datetime,
    day_start: dtime,
    logged_for: LoggedFor,
) -> str:
    """The line under a reminder in Settings."""
    if not spec.enabled:
        return tr("Off")
    found = upcoming(spec, policy, zone, now, day_start, logged_for)
    line = tr("Next: %1").replace("%1", when_text(found.next_at, now, zone, day_start))
    if found.why_not_today:
        line += " — " + found.why_not_today
    return line


def next_lines(now: datetime, zone: tzinfo, day_start: dtime) -> dict[ReminderKind, str]:
    """Every reminder's line, from the store."""
    from ..store import reminder_store as store

    def logged_for(instant: datetime) -> frozenset[str]:
        return store.logged_at(instant, zone, day_start)

    policy = store.get_policy()
    return {
        kind: next_line(spec, policy, zone, now, day_start, logged_for)
        for kind, spec in store.load_specs().items()
    }
