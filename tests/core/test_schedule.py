"""When reminders fire: wall-clock times in a zone, weekdays, quiet hours, pauses, DST, a
change of zone, and what a suspended laptop does on wake. Time is moved, never slept."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.schedule.due import (
    effective_grace,
    is_satisfied,
    next_fire,
    next_occurrence,
    occurrences,
    pause_until_tomorrow,
    recovery_milestone_for,
    resolve_missed,
    to_utc,
)
from liptwitch_desktop.core.schedule.specs import (
    RECOVERY_MILESTONES,
    MissedAction,
    QuietHours,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
    with_cutoff,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
NO_POLICY = ReminderPolicy()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def magnesium(at: time = time(21, 30), **kw: object) -> ReminderSpec:
    return ReminderSpec(kind=ReminderKind.MAGNESIUM, times=(at,), **kw)  # type: ignore[arg-type]


# --- next fire times -----------------------------------------------------------------------


def test_next_fire_later_today() -> None:
    after = local(LONDON, 2026, 11, 27, 10, 0)
    assert next_fire(magnesium(), NO_POLICY, LONDON, after) == local(LONDON, 2026, 11, 27, 21, 30)


def test_next_fire_tomorrow_when_today_has_passed() -> None:
    after = local(LONDON, 2026, 11, 27, 22, 0)
    assert next_fire(magnesium(), NO_POLICY, LONDON, after) == local(LONDON, 2026, 11, 28, 21, 30)


def test_next_fire_is_strictly_after() -> None:
    at = local(LONDON, 2026, 11, 27, 21, 30)
    assert next_fire(magnesium(), NO_POLICY, LONDON, at) == local(LONDON, 2026, 11, 28, 21, 30)


def test_several_times_a_day_in_order() -> None:
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=(time(20, 0), time(9, 0)))
    start = local(LONDON, 2026, 11, 27, 0, 0)
    found = occurrences(spec, LONDON, start, start + timedelta(days=2))
    assert found == [
        local(LONDON, 2026, 11, 27, 9, 0),
        local(LONDON, 2026, 11, 27, 20, 0),
        local(LONDON, 2026, 11, 28, 9, 0),
        local(LONDON, 2026, 11, 28, 20, 0),
    ]


def test_disabled_never_fires() -> None:
    spec = magnesium(enabled=False)
    assert next_fire(spec, NO_POLICY, LONDON, utc(2026, 1, 1)) is None
    assert occurrences(spec, LONDON, utc(2026, 1, 1), utc(2026, 2, 1)) == []


def test_no_times_never_fires() -> None:
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=())
    assert next_fire(spec, NO_POLICY, LONDON, utc(2026, 1, 1)) is None


def test_next_fire_in_other_zone_uses_that_wall_clock() -> None:
    after = utc(2026, 11, 27, 0, 0)
    assert next_fire(magnesium(), NO_POLICY, TOKYO, after) == utc(2026, 11, 27, 12, 30)


# --- weekdays ------------------------------------------------------------------------------


def test_weekdays_only_skips_the_weekend() -> None:
    spec = ReminderSpec(
        kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(12, 0),), weekdays=frozenset(range(5))
    )
    friday_after = local(LONDON, 2026, 11, 27, 13, 0)  # 27 Nov 2026 is a Friday
    assert date(2026, 11, 27).weekday() == 4
    assert next_fire(spec, NO_POLICY, LONDON, friday_after) == local(LONDON, 2026, 11, 30, 12, 0)


def test_single_weekday_is_weekly() -> None:
    spec = ReminderSpec(
        kind=ReminderKind.TRIAGE_WEEKLY, times=(time(10, 0),), weekdays=frozenset({6})
    )
    start = local(LONDON, 2026, 11, 1, 0, 0)
    found = occurrences(spec, LONDON, start, start + timedelta(days=28))
    assert len(found) == 4
    assert all(t.astimezone(LONDON).weekday() == 6 for t in found)
    assert all(b - a == timedelta(days=7) for a, b in itertools.pairwise(found))


def test_no_weekdays_never_fires() -> None:
    spec = magnesium(weekdays=frozenset())
    assert next_fire(spec, NO_POLICY, LONDON, utc(2026, 1, 1)) is None


def test_weekdays_out_of_range_rejected() -> None:
    with pytest.raises(ValueError):
        magnesium(weekdays=frozenset({7}))


def test_weekday_is_read_in_the_local_zone() -> None:
    # 23:30 Sunday in New York is already Monday in UTC: the local day decides.
    spec = ReminderSpec(
        kind=ReminderKind.TRIAGE_WEEKLY, times=(time(23, 30),), weekdays=frozenset({6})
    )
    fire = next_fire(spec, NO_POLICY, NEW_YORK, utc(2026, 11, 23))
    assert fire is not None
    assert fire.astimezone(NEW_YORK).weekday() == 6
    assert fire.weekday() == 0


# --- caffeine last call --------------------------------------------------------------------


def test_last_call_fires_lead_minutes_before_cutoff() -> None:
    cutoff = ReminderSpec(kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(12, 0),))
    last = with_cutoff(ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, lead_minutes=30), cutoff)
    after = local(LONDON, 2026, 11, 27, 8, 0)
    assert next_fire(last, NO_POLICY, LONDON, after) == local(LONDON, 2026, 11, 27, 11, 30)
    assert next_fire(cutoff, NO_POLICY, LONDON, after) == local(LONDON, 2026, 11, 27, 12, 0)


def test_last_call_follows_cutoff_weekdays() -> None:
    cutoff = ReminderSpec(
        kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(12, 0),), weekdays=frozenset({0})
    )
    last = with_cutoff(ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, lead_minutes=45), cutoff)
    fire = next_fire(last, NO_POLICY, LONDON, local(LONDON, 2026, 11, 27, 8, 0))
    assert fire == local(LONDON, 2026, 11, 30, 11, 15)


def test_last_call_grace_never_reaches_past_cutoff() -> None:
    last = ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, times=(time(12, 0),), lead_minutes=10)
    assert effective_grace(last) == timedelta(minutes=10)


def test_last_call_lead_before_midnight_fires_the_evening_before() -> None:
    cutoff = ReminderSpec(kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(0, 15),))
    last = with_cutoff(ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, lead_minutes=30), cutoff)
    fire = next_fire(last, NO_POLICY, LONDON, local(LONDON, 2026, 11, 27, 12, 0))
    assert fire == local(LONDON, 2026, 11, 27, 23, 45)


def test_negative_lead_rejected() -> None:
    with pytest.raises(ValueError):
        ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, lead_minutes=-5)


# --- hydration -----------------------------------------------------------------------------


def hydration(every: float = 3, start: time = time(8, 0), end: time = time(22, 0)) -> ReminderSpec:
    return ReminderSpec(
        kind=ReminderKind.HYDRATION, interval_hours=every, waking_start=start, waking_end=end
    )


def test_hydration_counts_from_waking_start_not_midnight() -> None:
    spec = hydration(every=3, start=time(8, 0), end=time(22, 0))
    day = local(LONDON, 2026, 11, 27, 0, 0)
    found = occurrences(spec, LONDON, day, day + timedelta(days=1))
    hours = [t.astimezone(LONDON).strftime("%H:%M") for t in found]
    assert hours == ["08:00", "11:00", "14:00", "17:00", "20:00"]  # cron */3 would give 09, 12..


def test_hydration_half_hours_and_inclusive_end() -> None:
    spec = hydration(every=1.5, start=time(7, 30), end=time(12, 0))
    day = local(LONDON, 2026, 11, 27, 0, 0)
    hours = [
        t.astimezone(LONDON).strftime("%H:%M")
        for t in occurrences(spec, LONDON, day, day + timedelta(days=1))
    ]
    assert hours == ["07:30", "09:00", "10:30", "12:00"]


def test_hydration_waking_hours_past_midnight() -> None:
    spec = hydration(every=2, start=time(18, 0), end=time(1, 0))
    start = local(LONDON, 2026, 11, 27, 12, 0)
    found = occurrences(spec, LONDON, start, local(LONDON, 2026, 11, 28, 2, 0))
    hours = [t.astimezone(LONDON).strftime("%d %H:%M") for t in found]
    assert hours == ["27 18:00", "27 20:00", "27 22:00", "28 00:00"]


def test_hydration_after_waking_end_goes_to_next_morning() -> None:
    spec = hydration(every=2)
    after = local(LONDON, 2026, 11, 27, 22, 30)
    assert next_fire(spec, NO_POLICY, LONDON, after) == local(LONDON, 2026, 11, 28, 8, 0)


def test_hydration_needs_an_interval() -> None:
    with pytest.raises(ValueError):
        ReminderSpec(kind=ReminderKind.HYDRATION, interval_hours=0)
    # off by default is fine without one
    ReminderSpec(kind=ReminderKind.HYDRATION, enabled=False)


# --- quiet hours and pause -----------------------------------------------------------------


def test_quiet_hours_wrap_midnight() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0))
    assert quiet.contains(time(23, 0))
    assert quiet.contains(time(3, 0))
    assert quiet.contains(time(22, 0))
    assert not quiet.contains(time(7, 0))
    assert not quiet.contains(time(12, 0))


def test_quiet_hours_same_day_window_and_empty_window() -> None:
    quiet = QuietHours(time(13, 0), time(14, 0))
    assert quiet.contains(time(13, 30))
    assert not quiet.contains(time(14, 0))
    assert not QuietHours(time(9, 0), time(9, 0)).contains(time(9, 0))


def test_reminder_inside_quiet_hours_is_skipped_not_deferred() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(21, 0), time(7, 0)))
    spec = magnesium(time(21, 30))
    assert next_fire(spec, policy, LONDON, utc(2026, 11, 27)) is None


def test_quiet_hours_skip_some_hydration_slots() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(12, 0), time(15, 0)))
    spec = hydration(every=3)
    after = local(LONDON, 2026, 11, 27, 9, 0)
    assert next_fire(spec, policy, LONDON, after) == local(LONDON, 2026, 11, 27, 11, 0)
    after = local(LONDON, 2026, 11, 27, 11, 0)
    assert next_fire(spec, policy, LONDON, after) == local(LONDON, 2026, 11, 27, 17, 0)


def test_quiet_hours_follow_the_local_zone() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(22, 0), time(7, 0)))
    spec = magnesium(time(21, 30))
    fire = next_fire(spec, policy, NEW_YORK, utc(2026, 11, 27, 12))
    assert fire == local(NEW_YORK, 2026, 11, 27, 21, 30)
    assert policy.is_quiet(local(NEW_YORK, 2026, 11, 27, 23, 0), NEW_YORK)
    assert not policy.is_quiet(local(NEW_YORK, 2026, 11, 27, 23, 0), TOKYO)


def test_pause_skips_reminders_until_it_ends() -> None:
    now = local(LONDON, 2026, 11, 27, 21, 0)
    policy = ReminderPolicy(paused_until=now + timedelta(hours=1))
    assert next_fire(magnesium(), policy, LONDON, now) == local(LONDON, 2026, 11, 28, 21, 30)
    hydr = hydration(every=1)
    assert next_fire(
        hydr,
        ReminderPolicy(paused_until=local(LONDON, 2026, 11, 27, 10, 30)),
        LONDON,
        local(LONDON, 2026, 11, 27, 9, 30),
    ) == local(LONDON, 2026, 11, 27, 11, 0)


def test_pause_that_ended_has_no_effect() -> None:
    now = local(LONDON, 2026, 11, 27, 21, 0)
    policy = ReminderPolicy(paused_until=now - timedelta(minutes=1))
    assert next_fire(magnesium(), policy, LONDON, now) == local(LONDON, 2026, 11, 27, 21, 30)


def test_pause_until_tomorrow_ends_at_next_day_start() -> None:
    now = local(LONDON, 2026, 11, 27, 21, 0)
    assert pause_until_tomorrow(now, LONDON) == local(LONDON, 2026, 11, 28, 4, 0)
    # at 01:00 the person's day is still the 27th
    late = local(LONDON, 2026, 11, 28, 1, 0)
    assert pause_until_tomorrow(late, LONDON) == local(LONDON, 2026, 11, 28, 4, 0)
    assert pause_until_tomorrow(now, LONDON, time(0, 0)) == local(LONDON, 2026, 11, 28, 0, 0)


# --- daylight saving -----------------------------------------------------------------------


def test_london_spring_forward_gap_fires_once_after_the_gap() -> None:
    # 29 March 2026: 01:00 GMT -> 02:00 BST; 01:30 does not exist.
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=(time(1, 30),))
    start = local(LONDON, 2026, 3, 28, 12, 0)
    found = occurrences(spec, LONDON, start, start + timedelta(days=2))
    assert [t.astimezone(LONDON).strftime("%d %H:%M %Z") for t in found] == [
        "29 02:30 BST",
        "30 01:30 BST",
    ]


def test_london_fall_back_fold_fires_once() -> None:
    # 25 October 2026: 02:00 BST -> 01:00 GMT; 01:30 happens twice.
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=(time(1, 30),))
    start = local(LONDON, 2026, 10, 24, 12, 0)
    found = occurrences(spec, LONDON, start, start + timedelta(days=2))
    assert len(found) == 2
    assert found[0] == utc(2026, 10, 25, 0, 30)  # the first 01:30 (BST)
    assert found[1] == utc(2026, 10, 26, 1, 30)


def test_london_evening_reminder_keeps_wall_time_across_both_changes() -> None:
    spec = magnesium()
    for start in (utc(2026, 3, 27), utc(2026, 10, 23)):
        found = occurrences(spec, LONDON, start, start + timedelta(days=4))
        assert len(found) == 4
        assert {t.astimezone(LONDON).strftime("%H:%M") for t in found} == {"21:30"}
    # the UTC instant moves by an hour across the change
    spring = occurrences(spec, LONDON, utc(2026, 3, 28), utc(2026, 3, 30))
    assert [t.hour for t in spring] == [21, 20]


def test_new_york_spring_forward_gap() -> None:
    # 8 March 2026: 02:00 EST -> 03:00 EDT; 02:30 does not exist.
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=(time(2, 30),))
    fire = next_fire(spec, NO_POLICY, NEW_YORK, local(NEW_YORK, 2026, 3, 7, 12, 0))
    assert fire is not None
    assert fire.astimezone(NEW_YORK).strftime("%d %H:%M %Z") == "08 03:30 EDT"
    after = next_fire(spec, NO_POLICY, NEW_YORK, fire)
    assert after is not None and after.astimezone(NEW_YORK).strftime("%d %H:%M") == "09 02:30"


def test_new_york_fall_back_fold_fires_once() -> None:
    # 1 November 2026: 02:00 EDT -> 01:00 EST; 01:30 happens twice.
    spec = ReminderSpec(kind=ReminderKind.CHECKIN, times=(time(1, 30),))
    start = local(NEW_YORK, 2026, 10, 31, 12, 0)
    found = occurrences(spec, NEW_YORK, start, start + timedelta(days=1))
    assert found == [utc(2026, 11, 1, 5, 30)]  # 01:30 EDT, not again at 01:30 EST


def test_hydration_on_spring_forward_day_keeps_wall_clock_slots() -> None:
    spec = hydration(every=1, start=time(0, 0), end=time(4, 0))
    day = local(LONDON, 2026, 3, 29, 0, 0)
    found = occurrences(spec, LONDON, day - timedelta(seconds=1), day + timedelta(hours=5))
    labels = [t.astimezone(LONDON).strftime("%H:%M") for t in found]
    # 01:00 does not exist and becomes 02:00 BST, the same instant as the 02:00 slot: once.
    assert labels == ["00:00", "02:00", "03:00", "04:00"]
    assert len(set(found)) == len(found)


def test_to_utc_uses_first_occurrence_of_ambiguous_time() -> None:
    assert to_utc(datetime(2026, 10, 25, 1, 30), LONDON) == utc(2026, 10, 25, 0, 30)


# --- a change of zone ----------------------------------------------------------------------


def test_zone_change_reschedules_on_the_new_wall_clock() -> None:
    clock = FakeClock(local(LONDON, 2026, 11, 27, 22, 0))  # fired at 21:30 London already
    # The person flies to New York; it is 17:00 there now.
    fire = next_fire(magnesium(), NO_POLICY, NEW_YORK, clock.now())
    assert fire == local(NEW_YORK, 2026, 11, 27, 21, 30)


def test_zone_change_eastwards_is_resolved_as_missed_not_burst() -> None:
    last = local(NEW_YORK, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 28, 0, 30)  # arrived in London after midnight
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, last, now)
    assert result.action is MissedAction.SUMMARY
    assert result.due_at == local(LONDON, 2026, 11, 27, 21, 30)
    assert result.missed_count == 1


def test_zone_change_inside_grace_fires_once() -> None:
    last = local(NEW_YORK, 2026, 11, 26, 21, 30)
    now = local(TOKYO, 2026, 11, 27, 22, 0)
    result = resolve_missed(magnesium(), NO_POLICY, TOKYO, last, now)
    assert result.action is MissedAction.FIRE
    assert result.due_at == local(TOKYO, 2026, 11, 27, 21, 30)


# --- missed firings after a gap (suspend, app closed, clock jump) --------------------------


def test_nothing_missed() -> None:
    last = local(LONDON, 2026, 11, 27, 21, 30)
    now = local(LONDON, 2026, 11, 28, 9, 0)
    assert resolve_missed(magnesium(), NO_POLICY, LONDON, last, now).action is MissedAction.NOTHING


def test_suspend_inside_grace_fires_once() -> None:
    clock = FakeClock(local(LONDON, 2026, 11, 27, 21, 0))
    last = local(LONDON, 2026, 11, 26, 21, 30)
    clock.advance(timedelta(hours=1))  # slept through 21:30, woke at 22:00
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, last, clock.now())
    assert result.action is MissedAction.FIRE
    assert result.due_at == local(LONDON, 2026, 11, 27, 21, 30)
    assert result.missed_count == 1


def test_suspend_beyond_grace_gives_one_summary_line() -> None:
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 28, 8, 0)
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, last, now)
    assert result.action is MissedAction.SUMMARY
    assert result.due_at == local(LONDON, 2026, 11, 27, 21, 30)


def test_long_absence_is_coalesced_never_a_burst() -> None:
    spec = hydration(every=1)
    last = local(LONDON, 2026, 11, 20, 8, 0)
    now = local(LONDON, 2026, 11, 27, 14, 10)  # a week of hourly slots missed
    result = resolve_missed(spec, NO_POLICY, LONDON, last, now)
    assert result.action is MissedAction.FIRE  # the 14:00 slot, 10 min late, once
    assert result.due_at == local(LONDON, 2026, 11, 27, 14, 0)
    assert result.missed_count > 90


def test_stale_caffeine_nudge_is_dropped_not_summarised() -> None:
    spec = ReminderSpec(kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(12, 0),))
    last = local(LONDON, 2026, 11, 26, 12, 0)
    now = local(LONDON, 2026, 11, 27, 15, 0)
    assert resolve_missed(spec, NO_POLICY, LONDON, last, now).action is MissedAction.NOTHING


def test_last_call_after_the_cutoff_is_never_fired_late() -> None:
    cutoff = ReminderSpec(kind=ReminderKind.CAFFEINE_CUTOFF, times=(time(12, 0),))
    last = with_cutoff(ReminderSpec(kind=ReminderKind.CAFFEINE_LAST_CALL, lead_minutes=30), cutoff)
    before = local(LONDON, 2026, 11, 26, 11, 30)
    assert (
        resolve_missed(last, NO_POLICY, LONDON, before, local(LONDON, 2026, 11, 27, 11, 50)).action
        is MissedAction.FIRE
    )
    assert (
        resolve_missed(last, NO_POLICY, LONDON, before, local(LONDON, 2026, 11, 27, 12, 5)).action
        is MissedAction.NOTHING
    )


def test_custom_grace_overrides_default() -> None:
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 27, 21, 50)
    spec = magnesium(grace=timedelta(minutes=10))
    assert resolve_missed(spec, NO_POLICY, LONDON, last, now).action is MissedAction.SUMMARY
    assert (
        resolve_missed(
            magnesium(), NO_POLICY, LONDON, last, now, grace=timedelta(minutes=25)
        ).action
        is MissedAction.FIRE
    )


def test_missed_but_already_logged_resolves_to_nothing() -> None:
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 27, 22, 0)
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, last, now, frozenset({"magnesium"}))
    assert result.action is MissedAction.NOTHING
    assert result.due_at == local(LONDON, 2026, 11, 27, 21, 30)


def test_logged_can_be_asked_for_the_due_instant() -> None:
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 27, 22, 0)
    asked: list[datetime] = []

    def logged(due: datetime) -> frozenset[str]:
        asked.append(due)
        return frozenset({"magnesium"})

    assert resolve_missed(magnesium(), NO_POLICY, LONDON, last, now, logged).action is (
        MissedAction.NOTHING
    )
    assert asked == [local(LONDON, 2026, 11, 27, 21, 30)]


def test_missed_during_quiet_hours_is_not_fired() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(21, 0), time(7, 0)))
    last = local(LONDON, 2026, 11, 26, 20, 0)
    now = local(LONDON, 2026, 11, 27, 21, 45)
    assert resolve_missed(magnesium(), policy, LONDON, last, now).action is MissedAction.NOTHING


def test_waking_inside_quiet_hours_summarises_instead_of_firing() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(22, 0), time(7, 0)))
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 27, 22, 15)
    result = resolve_missed(magnesium(), policy, LONDON, last, now)
    assert result.action is MissedAction.SUMMARY


def test_missed_while_paused_is_not_fired() -> None:
    last = local(LONDON, 2026, 11, 26, 21, 30)
    now = local(LONDON, 2026, 11, 27, 21, 40)
    policy = ReminderPolicy(paused_until=local(LONDON, 2026, 11, 27, 22, 0))
    assert resolve_missed(magnesium(), policy, LONDON, last, now).action is MissedAction.NOTHING


def test_never_fired_looks_back_a_bounded_window() -> None:
    now = local(LONDON, 2026, 11, 27, 21, 40)
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, None, now)
    assert result.action is MissedAction.FIRE
    assert result.missed_count == 14  # the lookback window, not all of history
    old = local(LONDON, 2020, 1, 1, 0, 0)
    assert resolve_missed(magnesium(), NO_POLICY, LONDON, old, now).missed_count == 14


def test_disabled_reminder_misses_nothing() -> None:
    last = local(LONDON, 2026, 11, 20, 21, 30)
    now = local(LONDON, 2026, 11, 27, 21, 40)
    spec = magnesium(enabled=False)
    assert resolve_missed(spec, NO_POLICY, LONDON, last, now).action is MissedAction.NOTHING


def test_suspend_across_dst_change_fires_once() -> None:
    last = local(LONDON, 2026, 10, 24, 21, 30)
    now = local(LONDON, 2026, 10, 25, 21, 45)  # slept across the fall-back night
    result = resolve_missed(magnesium(), NO_POLICY, LONDON, last, now)
    assert result.action is MissedAction.FIRE
    assert result.missed_count == 1


# --- skip when logged ----------------------------------------------------------------------


def test_skip_when_logged_rules() -> None:
    assert is_satisfied(ReminderKind.MAGNESIUM, {"magnesium"})
    assert not is_satisfied(ReminderKind.MAGNESIUM, {"caffeine", "water"})
    assert is_satisfied(ReminderKind.CHECKIN, {"checkin"})
    assert not is_satisfied(ReminderKind.HYDRATION, {"water"})
    assert not is_satisfied(ReminderKind.CAFFEINE_CUTOFF, {"caffeine"})


# --- recovery plan -------------------------------------------------------------------------


def test_recovery_steps_fire_on_milestone_days_only() -> None:
    spec = ReminderSpec(
        kind=ReminderKind.RECOVERY_STEP, times=(time(9, 0),), plan_start=date(2026, 11, 27)
    )
    start = local(LONDON, 2026, 11, 27, 0, 0)
    found = occurrences(spec, LONDON, start, start + timedelta(days=120))
    days = [(t.astimezone(LONDON).date() - date(2026, 11, 27)).days for t in found]
    assert days == [offset for _, offset in RECOVERY_MILESTONES]
    assert {t.astimezone(LONDON).strftime("%H:%M") for t in found} == {"09:00"}
    assert [recovery_milestone_for(spec, t, LONDON) for t in found] == [
        step for step, _ in RECOVERY_MILESTONES
    ]


def test_recovery_plan_finished_or_not_started() -> None:
    spec = ReminderSpec(
        kind=ReminderKind.RECOVERY_STEP, times=(time(9, 0),), plan_start=date(2026, 1, 1)
    )
    assert next_fire(spec, NO_POLICY, LONDON, utc(2026, 11, 27)) is None
    unstarted = ReminderSpec(kind=ReminderKind.RECOVERY_STEP, times=(time(9, 0),))
    assert next_fire(unstarted, NO_POLICY, LONDON, utc(2026, 11, 27)) is None
    assert recovery_milestone_for(unstarted, utc(2026, 11, 27), LONDON) is None


def test_next_occurrence_ignores_policy() -> None:
    policy = ReminderPolicy(quiet_hours=QuietHours(time(0, 0), time(23, 59)))
    after = local(LONDON, 2026, 11, 27, 10, 0)
    assert next_occurrence(magnesium(), LONDON, after) == local(LONDON, 2026, 11, 27, 21, 30)
    assert next_fire(magnesium(), policy, LONDON, after) is None
