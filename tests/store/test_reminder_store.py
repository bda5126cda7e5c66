"""Reminder settings rows, the firing log, plan adoption and adherence queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.entries import CheckIn, Intake, IntakeKind
from liptwitch_desktop.core.schedule.due import next_fire
from liptwitch_desktop.core.schedule.specs import FiringOutcome, QuietHours, ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import add_intake, intakes_between, save_checkin
from liptwitch_desktop.store.settings import get_setting, set_setting

LONDON = ZoneInfo("Europe/London")
DAY_START = time(4, 0)
NOW = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


def test_migration_creates_one_row_per_kind_with_defaults(db: object) -> None:
    specs = rs.load_specs()
    assert set(specs) == set(ReminderKind)
    assert specs[ReminderKind.MAGNESIUM].enabled is False
    assert specs[ReminderKind.MAGNESIUM].times == (time(21, 30),)
    # No dose until the person enters one (the default 200 mg is not theirs: review 12, W1).
    assert specs[ReminderKind.MAGNESIUM].dose_mg is None
    assert specs[ReminderKind.HYDRATION].enabled is False
    assert specs[ReminderKind.CAFFEINE_CUTOFF].times == (time(12, 0),)
    assert specs[ReminderKind.TRIAGE_WEEKLY].weekdays == frozenset({6})


def test_last_call_follows_the_cutoff_setting(db: object) -> None:
    set_setting("caffeine_cutoff", "14:00")
    last = rs.get_spec(ReminderKind.CAFFEINE_LAST_CALL)
    assert last.times == (time(14, 0),) and last.lead_minutes == 30
    fire = next_fire(last, rs.get_policy(), LONDON, datetime(2026, 11, 27, 9, tzinfo=UTC))
    assert fire == datetime(2026, 11, 27, 13, 30, tzinfo=UTC)


def test_save_spec_round_trips_and_writes_owned_settings(db: object) -> None:
    spec = replace(
        rs.get_spec(ReminderKind.MAGNESIUM),
        enabled=True,
        times=(time(22, 0), time(8, 0)),
        weekdays=frozenset({0, 2, 4}),
        dose_mg=150,
        form="citrate",
        grace=timedelta(minutes=45),
    )
    saved = rs.save_spec(spec, NOW)
    assert saved == spec
    assert get_setting("magnesium_dose_mg") == 150
    assert rs.spec_changed_at(ReminderKind.MAGNESIUM) == NOW
    cutoff = replace(rs.get_spec(ReminderKind.CAFFEINE_CUTOFF), times=(time(11, 0),))
    rs.save_spec(cutoff, NOW)
    assert get_setting("caffeine_cutoff") == "11:00"
    assert rs.get_spec(ReminderKind.CAFFEINE_LAST_CALL).times == (time(11, 0),)


def test_hydration_round_trip(db: object) -> None:
    spec = replace(
        rs.get_spec(ReminderKind.HYDRATION),
        enabled=True,
        interval_hours=1.5,
        waking_start=time(7, 30),
        waking_end=time(23, 0),
    )
    assert rs.save_spec(spec, NOW) == spec


def test_adopt_plan_items(db: object) -> None:
    kinds = rs.adopt_plan_items(
        ["caffeine_cutoff", "magnesium_nightly", "recovery_plan", "not_a_reminder"],
        date(2026, 11, 27),
        NOW,
    )
    assert kinds == [
        ReminderKind.CAFFEINE_LAST_CALL,
        ReminderKind.CAFFEINE_CUTOFF,
        ReminderKind.MAGNESIUM,
        ReminderKind.RECOVERY_STEP,
    ]
    specs = rs.load_specs()
    assert specs[ReminderKind.MAGNESIUM].enabled
    assert specs[ReminderKind.RECOVERY_STEP].plan_start == date(2026, 11, 27)
    assert not specs[ReminderKind.HYDRATION].enabled


def test_policy_quiet_hours_and_pause(db: object) -> None:
    assert rs.get_policy().quiet_hours is None
    assert rs.get_policy().paused_until is None
    rs.set_quiet_hours(QuietHours(time(22, 30), time(6, 45)))
    rs.set_paused_until(NOW + timedelta(hours=1))
    policy = rs.get_policy()
    assert policy.quiet_hours == QuietHours(time(22, 30), time(6, 45))
    assert policy.paused_until == NOW + timedelta(hours=1)
    assert policy.is_paused(NOW) and not policy.is_paused(NOW + timedelta(hours=2))
    rs.set_paused_until(None)
    rs.set_quiet_hours(None)
    assert rs.get_policy().paused_until is None and rs.get_policy().quiet_hours is None
    with pytest.raises(ValueError):
        rs.set_paused_until(datetime(2026, 1, 1))


def test_firing_log(db: object) -> None:
    due = datetime(2026, 11, 27, 21, 30, tzinfo=UTC)
    assert rs.last_due(ReminderKind.MAGNESIUM) is None
    first = rs.record_firing(ReminderKind.MAGNESIUM, due, FiringOutcome.FIRED, fired_at=due)
    assert first.id is not None
    rs.record_firing(ReminderKind.MAGNESIUM, due - timedelta(days=1), FiringOutcome.MISSED)
    assert rs.last_due(ReminderKind.MAGNESIUM) == due
    assert rs.set_outcome(first.id, FiringOutcome.SNOOZED).outcome is FiringOutcome.SNOOZED
    listed = rs.firings_between(due - timedelta(days=2), due + timedelta(seconds=1))
    assert [f.outcome for f in listed] == [FiringOutcome.MISSED, FiringOutcome.SNOOZED]
    counts = rs.outcome_counts(ReminderKind.MAGNESIUM, due - timedelta(days=2), NOW.replace(day=28))
    assert counts[FiringOutcome.MISSED] == 1 and counts[FiringOutcome.DONE] == 0


def test_done_on_magnesium_logs_the_configured_dose(db: object) -> None:
    set_setting("magnesium_dose_mg", 150)
    set_setting("magnesium_dose_confirmed", True)  # entered by the person (review 12, W1)
    firing = rs.record_firing(ReminderKind.MAGNESIUM, NOW, FiringOutcome.FIRED, fired_at=NOW)
    assert firing.id is not None
    intake = rs.complete_firing(firing.id, NOW + timedelta(minutes=2))
    assert intake is not None and intake.magnesium_mg == 150 and intake.label == "Glycinate"
    assert rs.get_firing(firing.id).outcome is FiringOutcome.DONE  # type: ignore[union-attr]
    assert len(intakes_between(NOW, NOW + timedelta(hours=1), IntakeKind.MAGNESIUM)) == 1


def test_done_on_hydration_logs_a_glass_and_checkin_logs_nothing(db: object) -> None:
    water = rs.record_firing(ReminderKind.HYDRATION, NOW, FiringOutcome.FIRED, fired_at=NOW)
    checkin = rs.record_firing(ReminderKind.CHECKIN, NOW, FiringOutcome.FIRED, fired_at=NOW)
    assert water.id is not None and checkin.id is not None
    intake = rs.complete_firing(water.id, NOW)
    assert intake is not None and intake.water_ml == rs.WATER_GLASS_ML
    assert rs.complete_firing(checkin.id, NOW) is None
    assert rs.complete_firing(9999, NOW) is None


def test_logged_on_day_respects_the_day_start(db: object) -> None:
    # 01:00 on the 28th belongs to the person's 27th.
    add_intake(
        Intake(
            taken_at=datetime(2026, 11, 28, 1, 0, tzinfo=UTC),
            kind=IntakeKind.MAGNESIUM,
            magnesium_mg=200,
        )
    )
    save_checkin(CheckIn(day=date(2026, 11, 27), stress=3))
    assert rs.logged_on_day(date(2026, 11, 27), LONDON, DAY_START) == {"magnesium", "checkin"}
    assert rs.logged_on_day(date(2026, 11, 28), LONDON, DAY_START) == frozenset()
    at = datetime(2026, 11, 27, 21, 30, tzinfo=UTC)
    assert "magnesium" in rs.logged_at(at, LONDON, DAY_START)


def test_magnesium_adherence_12_of_14(db: object) -> None:
    last = date(2026, 11, 27)
    skipped = {date(2026, 11, 20), date(2026, 11, 16)}
    for n in range(14):
        day = last - timedelta(days=n)
        if day in skipped:
            continue
        taken = datetime.combine(day, time(21, 30), tzinfo=LONDON)
        add_intake(Intake(taken_at=taken, kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
        if n % 3 == 0:  # two doses on a night still count once
            add_intake(Intake(taken_at=taken, kind=IntakeKind.MAGNESIUM, magnesium_mg=50))
    # outside the window: ignored
    add_intake(
        Intake(
            taken_at=datetime(2026, 11, 1, 21, tzinfo=UTC),
            kind=IntakeKind.MAGNESIUM,
            magnesium_mg=200,
        )
    )
    result = rs.magnesium_adherence(last, LONDON, DAY_START)
    assert (result.taken_days, result.total_days) == (12, 14)
    assert result.first_day == date(2026, 11, 14)
    assert result.ratio == pytest.approx(12 / 14)
    with pytest.raises(ValueError):
        rs.intake_adherence(IntakeKind.WATER, last, 0, LONDON, DAY_START)
