"""When a reminder is due, computed from the person's wall clock in a named zone.

Pure Python on purpose: every rule that decides when the app interrupts someone (days of the
week, quiet hours, a pause, daylight-saving gaps and folds, a new time zone, a laptop that
slept through a reminder) is decided here and tested with plain datetimes, without Qt or
APScheduler. The scheduler only wakes the app at the instant this module computed.

Conventions:
- Instants in and out are timezone-aware datetimes in UTC; wall-clock times are naive
  `datetime.time` values read in the zone passed in (a `zoneinfo.ZoneInfo`).
- A wall-clock time that does not exist (spring forward) fires at the same offset after the
  gap (01:30 in Europe/London on the change day fires at 02:30 BST); a time that happens
  twice (fall back) fires once, at its first occurrence.
- "Every N hours" counts from the start of waking hours, never from midnight (`*/N` cron
  anchors at midnight, so "every 3 h from 08:00" would otherwise fire at 09:00, 12:00...).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from liptwitch_desktop.core.days import DEFAULT_DAY_START, day_bounds, local_day


class ReminderKind(StrEnum):
    CAFFEINE_LAST_CALL = "caffeine_last_call"
    CAFFEINE_CUTOFF = "caffeine_cutoff"
    MAGNESIUM = "magnesium"
    HYDRATION = "hydration"
    CHECKIN = "checkin"
    TRIAGE_WEEKLY = "triage_weekly"
    RECOVERY_STEP = "recovery_step"


ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))  # Monday is 0, as in date.weekday()


class MissedAction(StrEnum):
    FIRE = "fire"  # fire once now (the latest missed occurrence, all others coalesced)
    SUMMARY = "summary"  # one line in "While you were away"
    NOTHING = "nothing"


# Kinds that are done for the day once the matching thing is logged (the value names what
# has to be logged: an intake kind, or "checkin").
SKIP_WHEN_LOGGED: dict[ReminderKind, str] = {
    ReminderKind.MAGNESIUM: "magnesium",
    ReminderKind.CHECKIN: "checkin",
}

# Kinds worth a line in "While you were away" when missed beyond their grace time. A stale
# caffeine or water nudge is useless hours later, so those are simply dropped.
SUMMARISE_WHEN_MISSED: frozenset[ReminderKind] = frozenset(
    {
        ReminderKind.MAGNESIUM,
        ReminderKind.CHECKIN,
        ReminderKind.TRIAGE_WEEKLY,
        ReminderKind.RECOVERY_STEP,
    }
)

# How late a reminder may still fire after a suspend. The last call must never arrive after
# the cutoff it announces, so its grace is its lead time (see `effective_grace`).
DEFAULT_GRACE: dict[ReminderKind, timedelta] = {
    ReminderKind.CAFFEINE_LAST_CALL: timedelta(minutes=30),
    ReminderKind.CAFFEINE_CUTOFF: timedelta(minutes=30),
    ReminderKind.MAGNESIUM: timedelta(hours=2),
    ReminderKind.HYDRATION: timedelta(minutes=30),
    ReminderKind.CHECKIN: timedelta(hours=3),
    ReminderKind.TRIAGE_WEEKLY: timedelta(hours=12),
    ReminderKind.RECOVERY_STEP: timedelta(hours=12),
}

# The article's recovery timeline, as offsets from the day the plan starts: week 1 caffeine,
# week 2 magnesium, week 3 potassium foods, week 6 and month 3 review (week N starts on day
# 7*(N-1); "month 3" is the start of week 13).
RECOVERY_MILESTONES: tuple[tuple[str, int], ...] = (
    ("week1_caffeine", 0),
    ("week2_magnesium", 7),
    ("week3_potassium", 14),
    ("week6_review", 35),
    ("month3_review", 84),
)

# Searching further than this for a next occurrence means there is none (all weekdays off,
# a finished recovery plan). 400 days covers a yearly pattern and the whole recovery plan.
_SEARCH_DAYS = 400
# 15-minute slots over a whole day, plus the end.
_MAX_SLOTS_PER_DAY = 24 * 4 + 1
# A long absence is summarised from at most this far back, so resolving a year-old
# "last fired" does not walk through thousands of hydration slots.
_MAX_LOOKBACK = timedelta(days=14)

# "Every N hours" for water: never more often than every 15 minutes, never less than twice a
# day. The store's declaration (store/tables) and the Settings page use the same bounds, and
# the spec refuses anything else, so no stored value can make a day's loop run away.
HYDRATION_MIN_INTERVAL_H = 0.25
HYDRATION_MAX_INTERVAL_H = 12.0
# At most this many fixed times a day for one reminder (the UI offers one).
MAX_TIMES_PER_DAY = 24
# A last call more than three hours before the cutoff is no longer a "last call".
MAX_LEAD_MINUTES = 180
# A pause the app can set ends by tomorrow; one further ahead than this was set by a clock
# that was wrong (or by hand) and is ignored, so it cannot silence reminders for years.
MAX_PAUSE = timedelta(days=7)
# Stored instants more than this far ahead of the clock are a clock glitch, not the future.
CLOCK_TOLERANCE = timedelta(minutes=2)
# A wall clock that goes back by more than this is logged, and the schedule rebuilt from it.
CLOCK_BACK_JUMP = timedelta(days=1)


@dataclass(frozen=True)
class QuietHours:
    """A daily wall-clock window with no reminders; may wrap midnight (22:00-07:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class ReminderPolicy:
    """What applies to every reminder: quiet hours and a pause."""

    quiet_hours: QuietHours | None = None
    paused_until: datetime | None = None  # aware UTC; None when not paused

    def is_paused(self, instant: datetime) -> bool:
        return self.paused_until is not None and instant < self.paused_until

    def is_quiet(self, instant: datetime, zone: tzinfo) -> bool:
        if self.quiet_hours is None:
            return False
        local = instant.astimezone(zone).time().replace(tzinfo=None)
        return self.quiet_hours.contains(local)

    def silences(self, instant: datetime, zone: tzinfo) -> bool:
        return self.is_paused(instant) or self.is_quiet(instant, zone)


@dataclass(frozen=True)
class ReminderSpec:
    """One reminder as the person set it up.

    `times` are wall-clock times. For the last call, `times` holds the cutoff time(s) and the
    reminder fires `lead_minutes` before each. Hydration ignores `times` and fires every
    `interval_hours` from `waking_start` up to `waking_end`. A recovery step fires at
    `times` on each milestone day counted from `plan_start`.
    """

    kind: ReminderKind
    enabled: bool = True
    times: tuple[time, ...] = ()
    weekdays: frozenset[int] = ALL_WEEKDAYS
    lead_minutes: int = 0
    interval_hours: float = 0.0
    waking_start: time = time(8, 0)
    waking_end: time = time(22, 0)
    plan_start: date | None = None
    grace: timedelta | None = None  # None: DEFAULT_GRACE for the kind
    dose_mg: float | None = None
    form: str = ""

    def __post_init__(self) -> None:
        # Normalised so two specs that fire alike compare equal (the store sorts them too).
        object.__setattr__(self, "times", tuple(sorted(set(self.times))))
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        if not self.weekdays <= ALL_WEEKDAYS:
            raise ValueError(f"weekdays must be within 0..6, got {sorted(self.weekdays)}")
        if not 0 <= self.interval_hours <= HYDRATION_MAX_INTERVAL_H:  # also refuses NaN
            raise ValueError(f"interval_hours must be 0 to {HYDRATION_MAX_INTERVAL_H:g}")
        if (
            self.kind is ReminderKind.HYDRATION
            and self.enabled
            and not self.interval_hours >= HYDRATION_MIN_INTERVAL_H
        ):
            raise ValueError("hydration reminders are at most every 15 minutes")
        if not 0 <= self.lead_minutes <= MAX_LEAD_MINUTES:
            raise ValueError(f"lead_minutes must be 0 to {MAX_LEAD_MINUTES}")
        if len(self.times) > MAX_TIMES_PER_DAY:
            raise ValueError(f"at most {MAX_TIMES_PER_DAY} times a day")
        if self.grace is not None and not timedelta(0) <= self.grace <= timedelta(days=1):
            raise ValueError("the grace time must be between 0 and a day")


def sane_policy(policy: ReminderPolicy, now: datetime) -> ReminderPolicy:
    """The policy without a pause the app could not have set (ending more than MAX_PAUSE
    after `now`): it was set under a wrong clock, and would silence reminders for years."""
    if policy.paused_until is not None and policy.paused_until > now + MAX_PAUSE:
        return replace(policy, paused_until=None)
    return policy


def not_after(instants: Collection[datetime | None], now: datetime) -> list[datetime]:
    """The instants that are not in the future of `now` (beyond the clock tolerance): what a
    clock that was wrong recorded ahead of time is no guide to what was missed."""
    return [t for t in instants if t is not None and t <= now + CLOCK_TOLERANCE]


def effective_grace(spec: ReminderSpec) -> timedelta:
    grace = spec.grace if spec.grace is not None else DEFAULT_GRACE[spec.kind]
    if spec.kind is ReminderKind.CAFFEINE_LAST_CALL and spec.lead_minutes > 0:
        grace = min(grace, timedelta(minutes=spec.lead_minutes))
    return grace


def to_utc(local: datetime, zone: tzinfo) -> datetime:
    """A naive wall-clock datetime in `zone` as a UTC instant (gap: shifted, fold: first)."""
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


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


def with_cutoff(last_call: ReminderSpec, cutoff: ReminderSpec) -> ReminderSpec:
    """The last-call spec fed with the cutoff's times and weekdays: one source of truth."""
    return replace(last_call, times=cutoff.times, weekdays=cutoff.weekdays)


class FiringOutcome(StrEnum):
    FIRED = "fired"  # shown; no answer yet
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"
    MISSED = "missed"  # never shown in time; summarised in "While you were away"


@dataclass(frozen=True)
class ReminderFiring:
    kind: ReminderKind
    due_at: datetime
    outcome: FiringOutcome
    fired_at: datetime | None = None
    step: str = ""  # the recovery milestone id for recovery_step
    id: int | None = None


@dataclass(frozen=True)
class Adherence:
    """ "Magnesium taken on 12 of the last 14 nights": days with it, days counted."""

    taken_days: int
    total_days: int
    first_day: date
    last_day: date

    @property
    def ratio(self) -> float:
        return self.taken_days / self.total_days if self.total_days else 0.0
