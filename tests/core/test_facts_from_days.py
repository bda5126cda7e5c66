from __future__ import annotations

from datetime import date, timedelta

import pytest

from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.facts_from_days import (
    current_stretch,
    is_night,
    log_facts,
    persistence_watch,
)

TODAY = date(2026, 5, 20)


def _ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_seven_day_averages_use_logged_days_in_the_window() -> None:
    days = [
        DayRecord(day=_ago(0), caffeine_mg=300.0, sleep_hours=6.0, logged=True),
        DayRecord(day=_ago(3), caffeine_mg=100.0, logged=True),
        DayRecord(day=_ago(6), caffeine_mg=200.0, sleep_hours=8.0, logged=True),
        DayRecord(day=_ago(7), caffeine_mg=900.0, sleep_hours=3.0, logged=True),  # outside
        DayRecord(day=_ago(2)),  # nothing logged: unknown, not zero
    ]
    facts = log_facts(days, [], TODAY)
    assert facts.caffeine_mg_per_day_7d == pytest.approx(200.0)
    assert facts.sleep_hours_7d == pytest.approx(7.0)


def test_empty_log_gives_unknowns() -> None:
    facts = log_facts([], [], TODAY)
    assert facts.caffeine_mg_per_day_7d is None
    assert facts.sleep_hours_7d is None
    assert facts.night_share is None
    assert (facts.episode_days, facts.episode_span_days) == (0, 0)


def test_episode_days_span_and_night_share() -> None:
    days = [
        DayRecord(day=_ago(10), episodes=2, logged=True),
        DayRecord(day=_ago(4), episodes=1, logged=True),
        DayRecord(day=_ago(1), episodes=0, caffeine_mg=50.0, logged=True),
    ]
    facts = log_facts(days, [23, 2, 14, 9], TODAY, ("salbutamol",))
    assert facts.episode_days == 2
    assert facts.episode_span_days == 7  # 10 and 4 days ago, both days counted, as the banner
    assert facts.night_share == pytest.approx(0.5)
    assert facts.recent_medicine_names == ("salbutamol",)


def test_night_hours() -> None:
    assert [h for h in range(24) if is_night(h)] == [0, 1, 2, 3, 4, 5, 22, 23]


def test_no_notice_for_two_weeks_or_less() -> None:
    days = [_ago(n) for n in range(0, 14, 2)] + [_ago(13)]  # 14 calendar days
    assert persistence_watch(days, TODAY) is None


def test_notice_after_more_than_two_weeks_without_a_weeks_break() -> None:
    days = [_ago(n) for n in (0, 6, 12, 15)]  # 16 days, gaps of at most 5 free days
    notice = persistence_watch(days, TODAY)
    assert notice is not None
    assert notice.span_days == 16
    assert notice.first_day == _ago(15)
    assert notice.episode_days == 4
    assert "16 days" in notice.message
    assert "GP" in notice.message
    assert "2 weeks" in notice.reason
    assert "4 weeks" not in notice.message + notice.reason


def test_a_week_free_of_twitches_ends_a_stretch() -> None:
    # 7 free days between _ago(20) and _ago(12): the old stretch does not count.
    days = [_ago(n) for n in (0, 5, 12, 20, 25, 30)]
    assert current_stretch(days, TODAY) == [_ago(12), _ago(5), _ago(0)]
    assert persistence_watch(days, TODAY) is None
    # six free days do not break it
    days = [_ago(n) for n in (0, 5, 12, 19)]
    assert len(current_stretch(days, TODAY)) == 4


def test_stretch_over_once_a_quiet_week_has_passed() -> None:
    days = [_ago(n) for n in range(7, 30)]  # today and the 6 days before: 7 free days
    assert current_stretch(days, TODAY) == []
    assert persistence_watch(days, TODAY) is None
    assert persistence_watch([_ago(n) for n in range(6, 30)], TODAY) is not None


def test_future_days_are_ignored() -> None:
    assert current_stretch([TODAY + timedelta(days=1)], TODAY) == []


def test_span_is_the_current_stretch_so_an_old_bout_does_not_count() -> None:
    days = [
        DayRecord(day=_ago(60), episodes=1, logged=True),  # an old bout, long over
        DayRecord(day=_ago(50), episodes=1, logged=True),
        DayRecord(day=_ago(3), episodes=1, logged=True),  # a new one, 3 days old
    ]
    facts = log_facts(days, [], TODAY)
    assert facts.episode_days == 3
    assert facts.episode_span_days == 1
    assert persistence_watch([d.day for d in days], TODAY) is None
