from datetime import date

import pytest

from liptwitch_desktop.core.daily import (
    DayBuilder,
    DayRecord,
    complete_series,
    logged_span,
    rolling_mean,
)


def test_complete_series_fills_gaps_in_order() -> None:
    recs = [
        DayRecord(day=date(2026, 3, 3), episodes=2, logged=True),
        DayRecord(day=date(2026, 3, 1), episodes=1, logged=True),
        DayRecord(day=date(2026, 2, 1), episodes=9, logged=True),  # outside: dropped
    ]
    series = complete_series(recs, date(2026, 3, 1), date(2026, 3, 4))
    assert [r.day.day for r in series] == [1, 2, 3, 4]
    assert [r.episodes for r in series] == [1, 0, 2, 0]
    assert [r.logged for r in series] == [True, False, True, False]
    assert complete_series(recs, date(2026, 3, 4), date(2026, 3, 1)) == []


def test_logged_span() -> None:
    assert logged_span([DayRecord(day=date(2026, 1, 1))]) is None
    recs = [DayRecord(day=date(2026, 1, d), logged=d in (3, 7)) for d in range(1, 10)]
    assert logged_span(recs) == (date(2026, 1, 3), date(2026, 1, 7))


def test_day_builder_sums_and_means() -> None:
    b = DayBuilder(day=date(2026, 1, 1))
    assert not b.build().logged
    b.add_episode(4)
    b.add_episode(None)
    b.add_episode(6)
    b.add_caffeine(95, after_cutoff=False)
    b.add_caffeine(63, after_cutoff=True)
    b.add_caffeine(0, after_cutoff=True)
    b.add_magnesium(200)
    b.add_water(500)
    b.add_water(250)
    b.add_trigger_food(" Chocolate ")
    b.set_checkin(6.5, 7, True)
    r = b.build()
    assert r.episodes == 3
    assert r.mean_intensity == 5
    assert r.caffeine_mg == 158
    assert r.caffeine_after_cutoff
    assert r.magnesium_mg == 200
    assert r.water_ml == 750
    assert r.trigger_foods == frozenset({"chocolate"})
    assert (r.sleep_hours, r.stress, r.grinding, r.logged) == (6.5, 7, True, True)


def test_late_zero_caffeine_is_not_late_caffeine() -> None:
    b = DayBuilder(day=date(2026, 1, 1))
    b.add_caffeine(0, after_cutoff=True)
    assert not b.build().caffeine_after_cutoff


def test_rolling_mean_is_trailing() -> None:
    assert rolling_mean([1, 2, 3, 4], 2) == [None, 1.5, 2.5, 3.5]
    assert rolling_mean([7.0], 7) == [None]
    with pytest.raises(ValueError):
        rolling_mean([1], 0)
