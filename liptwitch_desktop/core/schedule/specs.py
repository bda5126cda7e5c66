"""What a reminder is: its kind, its spec and policy, quiet hours, the bounds every stored
value is held to, and the record of a firing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

ALL_WEEKDAYS: frozenset[int] = frozenset(range(7))  # Monday is 0, as in date.weekday()


class ReminderKind(StrEnum):
    CAFFEINE_LAST_CALL = "caffeine_last_call"
    CAFFEINE_CUTOFF = "caffeine_cutoff"
    MAGNESIUM = "magnesium"
    HYDRATION = "hydration"
    CHECKIN = "checkin"
    TRIAGE_WEEKLY = "triage_weekly"
    RECOVERY_STEP = "recovery_step"


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

# A grace time shorter than this could never be met: the timer that wakes the service runs
# a few milliseconds late, so every firing would look "missed" and never show. The store's
# declaration refuses shorter ones (and the spec too).
MIN_GRACE = timedelta(minutes=1)
MAX_GRACE = timedelta(days=1)

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
        if self.grace is not None and not MIN_GRACE <= self.grace <= MAX_GRACE:
            raise ValueError("the grace time must be between a minute and a day")


def sane_policy(policy: ReminderPolicy, now: datetime) -> ReminderPolicy:
    """The policy without a pause the app could not have set (ending more than MAX_PAUSE
    after `now`): it was set under a wrong clock, and would silence reminders for years."""
    if policy.paused_until is not None and policy.paused_until > now + MAX_PAUSE:
        return replace(policy, paused_until=None)
    return policy


def with_cutoff(last_call: ReminderSpec, cutoff: ReminderSpec) -> ReminderSpec:
    """The last-call spec fed with the cutoff's times and weekdays: one source of truth."""
    return replace(last_call, times=cutoff.times, weekdays=cutoff.weekdays)


class FiringOutcome(StrEnum):
    FIRED = "fired"  # shown; no answer yet
    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"
    MISSED = "missed"  # never shown in time; summarised in "While you were away"
    HELD = "held"  # due while Do Not Disturb was on: shown when it ends, if still relevant


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
