from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind, Location
from liptwitch_desktop.core.log_rows import RowKind
from liptwitch_desktop.store import entries
from liptwitch_desktop.store.log_query import log_rows

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_episode_create_edit_delete_and_put_back(db):
    ep = entries.add_episode(Episode(started_at=T0, intensity=4, duration_s=90, tags=("Desk",)))
    assert ep.id is not None
    assert entries.get_episode(ep.id).tags == ("desk",)

    edited = entries.update_episode(
        Episode(id=ep.id, started_at=T0, intensity=7, duration_s=120, notes="after lunch")
    )
    assert entries.get_episode(ep.id) == edited

    deleted = entries.delete_episode(ep.id)
    with pytest.raises(entries.NotFound):
        entries.get_episode(ep.id)
    restored = entries.add_episode(deleted)  # what undo does
    assert restored.id == ep.id
    assert entries.get_episode(ep.id).notes == "after lunch"


def test_twitching_now_starts_once_and_stops_with_duration(db):
    started = entries.start_episode(T0)
    assert started.running
    assert entries.start_episode(T0 + timedelta(minutes=1)).id == started.id  # one at a time
    stopped = entries.stop_running_episode(T0 + timedelta(minutes=3, seconds=5))
    assert stopped is not None and stopped.duration_s == 185
    assert entries.running_episode() is None
    assert entries.stop_running_episode(T0) is None


def test_checkin_is_one_per_day_and_replacing_returns_previous(db):
    day = T0.date()
    saved, previous = entries.save_checkin(CheckIn(day=day, sleep_hours=6.5, stress=7))
    assert previous is None
    again, previous = entries.save_checkin(CheckIn(day=day, sleep_hours=8, stress=3))
    assert previous == saved and again.id == saved.id
    assert entries.get_checkin(day).sleep_hours == 8


def test_today_summary_uses_local_day_with_day_start(db):
    # 01:30 local on 11 March belongs to 10 March when the day starts at 04:00.
    late = datetime(2026, 3, 11, 1, 30, tzinfo=UTC)
    entries.add_episode(Episode(started_at=late, intensity=3, duration_s=10))
    entries.add_intake(Intake(taken_at=T0, kind=IntakeKind.CAFFEINE, label="x", caffeine_mg=95))
    entries.add_intake(Intake(taken_at=T0, kind=IntakeKind.CAFFEINE, label="y", caffeine_mg=63))
    entries.add_intake(
        Intake(taken_at=T0, kind=IntakeKind.MAGNESIUM, label="glycinate", magnesium_mg=200)
    )
    entries.save_checkin(CheckIn(day=T0.date() - timedelta(days=1), sleep_hours=6))
    summary = entries.today_summary(T0.date(), LONDON, time(4, 0))
    assert len(summary.episodes) == 1
    assert summary.caffeine_mg == 158
    assert summary.magnesium_mg == 200
    assert summary.last_night_sleep_hours == 6
    assert entries.today_summary(T0.date(), LONDON, time(0, 0)).episodes == ()


def test_log_rows_filter_by_kind_and_range(db):
    entries.add_episode(
        Episode(started_at=T0, intensity=5, location=Location.LOWER_LEFT, duration_s=30)
    )
    entries.add_intake(Intake(taken_at=T0, kind=IntakeKind.WATER, water_ml=250))
    entries.save_checkin(CheckIn(day=T0.date(), sleep_hours=7))
    old = T0 - timedelta(days=40)
    entries.add_intake(Intake(taken_at=old, kind=IntakeKind.CAFFEINE, caffeine_mg=95))
    rows = log_rows(T0.date() - timedelta(days=7), T0.date(), LONDON, time(4, 0))
    assert {r.kind for r in rows} == {RowKind.EPISODE, RowKind.WATER, RowKind.CHECKIN}
    only = log_rows(
        T0.date() - timedelta(days=60), T0.date(), LONDON, time(4, 0), kinds={RowKind.CAFFEINE}
    )
    assert [r.amount for r in only] == ["95 mg caffeine"]
