"""The SQL aggregates agree with a plain Python count that uses `core.days.local_day`."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.daily import DayBuilder, complete_series
from liptwitch_desktop.core.days import local_day
from liptwitch_desktop.core.entries import CheckIn, Episode, Intake, IntakeKind
from liptwitch_desktop.store.aggregates import (
    day_series,
    hour_profile,
    local_episode_hours,
    logged_range,
    offset_segments,
)
from liptwitch_desktop.store.bulk import insert_all

ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "UTC"]


def _random_log(rng: random.Random, first: date, days: int) -> tuple[list, list, list]:
    start = datetime.combine(first, time(0), tzinfo=UTC).timestamp()
    span = days * 86400

    def instant() -> datetime:
        return datetime.fromtimestamp(int(start + rng.random() * span), UTC)

    episodes = [Episode(instant(), intensity=rng.randint(1, 10)) for _ in range(600)]
    intakes = []
    for _ in range(900):
        kind = rng.choice(list(IntakeKind))
        intakes.append(
            Intake(
                instant(),
                kind,
                label=rng.choice(["MSG", "chocolate ", "banana"]),
                caffeine_mg=rng.choice([0.0, 63.0, 95.0]) if kind is IntakeKind.CAFFEINE else None,
                magnesium_mg=200.0 if kind is IntakeKind.MAGNESIUM else None,
                water_ml=250.0 if kind is IntakeKind.WATER else None,
            )
        )
    checkins = [
        CheckIn(
            first + timedelta(days=n),
            sleep_hours=rng.choice([None, 5.5, 8.0]),
            stress=rng.choice([None, 2, 8]),
            grinding=rng.random() < 0.3,
        )
        for n in range(0, days, 3)
    ]
    return episodes, intakes, checkins


def _python_series(episodes, intakes, checkins, first, last, zone, day_start, cutoff):
    builders: dict[date, DayBuilder] = {}

    def b(day: date) -> DayBuilder:
        return builders.setdefault(day, DayBuilder(day=day))

    for e in episodes:
        b(local_day(e.started_at, zone, day_start)).add_episode(e.intensity)
    for i in intakes:
        day = local_day(i.taken_at, zone, day_start)
        local = i.taken_at.astimezone(zone)
        # After the cutoff means later in the person's day than the cutoff clock time.
        since_start = (local - datetime.combine(day, day_start, tzinfo=zone)).total_seconds()
        cut = (datetime.combine(day, cutoff) - datetime.combine(day, day_start)).total_seconds()
        cut %= 86400
        builder = b(day)
        builder.add_caffeine(i.caffeine_mg or 0.0, after_cutoff=since_start >= cut)
        builder.add_magnesium(i.magnesium_mg or 0.0)
        builder.add_water(i.water_ml or 0.0)
        if i.kind is IntakeKind.TRIGGER_FOOD:
            builder.add_trigger_food(i.label)
    for c in checkins:
        b(c.day).set_checkin(c.sleep_hours, c.stress, c.grinding)
    return complete_series([x.build() for x in builders.values()], first, last)


@pytest.mark.parametrize("zone_name", ZONES)
def test_day_series_matches_an_independent_count(db: object, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    rng = random.Random(zone_name)
    first = date(2026, 1, 1)
    episodes, intakes, checkins = _random_log(rng, first - timedelta(days=2), 370)
    insert_all(episodes, intakes, checkins)
    day_start, cutoff = time(4, 0), time(12, 0)
    last = date(2026, 12, 31)
    got = day_series(first, last, zone, day_start, cutoff)
    want = _python_series(episodes, intakes, checkins, first, last, zone, day_start, cutoff)
    assert len(got) == 365
    for g, w in zip(got, want, strict=True):
        assert g.day == w.day
        assert (g.episodes, g.logged, g.trigger_foods) == (w.episodes, w.logged, w.trigger_foods)
        assert g.mean_intensity == pytest.approx(w.mean_intensity)
        assert g.caffeine_mg == pytest.approx(w.caffeine_mg)
        # Simple sum of magnesium/water whatever the kind; the Python side adds the same.
        assert g.magnesium_mg == pytest.approx(w.magnesium_mg)
        assert g.water_ml == pytest.approx(w.water_ml)
        assert g.caffeine_after_cutoff == w.caffeine_after_cutoff, g.day
        assert (g.sleep_hours, g.stress, g.grinding) == (w.sleep_hours, w.stress, w.grinding)


def test_dst_night_lands_on_the_evening_before(db: object) -> None:
    london = ZoneInfo("Europe/London")
    # Clocks go forward at 01:00 GMT on 29 March 2026; 03:30 BST is still "Saturday night".
    at = datetime(2026, 3, 29, 3, 30, tzinfo=london)
    after = datetime(2026, 3, 29, 4, 30, tzinfo=london)
    insert_all([Episode(at), Episode(after)])
    series = day_series(date(2026, 3, 28), date(2026, 3, 29), london, time(4, 0))
    assert [d.episodes for d in series] == [1, 1]


def test_hour_profile_counts_weekday_and_weekend(db: object) -> None:
    london = ZoneInfo("Europe/London")
    # Friday 23:10 and Saturday 01:00 (still Friday's day) are weekday; Saturday 10:00 is not.
    instants = [
        datetime(2026, 7, 3, 23, 10, tzinfo=london),
        datetime(2026, 7, 4, 1, 0, tzinfo=london),
        datetime(2026, 7, 4, 10, 0, tzinfo=london),
        datetime(2026, 7, 6, 10, 30, tzinfo=london),
    ]
    insert_all([Episode(i) for i in instants])
    profile = hour_profile(date(2026, 7, 1), date(2026, 7, 7), london, time(4, 0))
    assert profile.weekday[23] == 1 and profile.weekday[1] == 1 and profile.weekday[10] == 1
    assert profile.weekend[10] == 1
    assert profile.total == 4
    assert (profile.weekday_days, profile.weekend_days) == (5, 2)
    assert sorted(local_episode_hours(date(2026, 7, 1), date(2026, 7, 7), london, time(4))) == [
        1,
        10,
        10,
        23,
    ]


def test_logged_range(db: object) -> None:
    london = ZoneInfo("Europe/London")
    assert logged_range(london, time(4)) is None
    insert_all(
        [Episode(datetime(2026, 2, 3, 2, 0, tzinfo=london))],
        [Intake(datetime(2026, 2, 10, 9, 0, tzinfo=london), IntakeKind.WATER, water_ml=250.0)],
        [CheckIn(date(2026, 2, 15), sleep_hours=7.0)],
    )
    assert logged_range(london, time(4)) == (date(2026, 2, 2), date(2026, 2, 15))


def test_offset_segments_find_transitions_to_the_second() -> None:
    london = ZoneInfo("Europe/London")
    lo = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    hi = int(datetime(2027, 1, 1, tzinfo=UTC).timestamp())
    segs = offset_segments(london, lo, hi)
    assert [s.offset for s in segs] == [0, 3600, 0]
    assert segs[1].start == int(datetime(2026, 3, 29, 1, 0, tzinfo=UTC).timestamp())
    assert segs[2].start == int(datetime(2026, 10, 25, 1, 0, tzinfo=UTC).timestamp())
    assert segs[0].start == lo and segs[-1].end == hi


def test_persistence_notice_and_facts_from_the_store(db: object) -> None:
    from liptwitch_desktop.store.aggregates import log_facts_for, persistence_notice

    london = ZoneInfo("Europe/London")
    today = date(2026, 3, 10)
    assert persistence_notice(today, london, time(4)) is None
    insert_all(
        [
            Episode(datetime.combine(today - timedelta(days=n), time(23, 30), tzinfo=london))
            for n in range(0, 20, 3)
        ]
    )
    notice = persistence_notice(today, london, time(4))
    assert notice is not None and notice.span_days == 19
    facts = log_facts_for(today, london, time(4))
    assert facts.episode_days == 7
    assert facts.night_share == 1.0


def test_without_water_the_day_still_counts_as_logged(db: object) -> None:
    london = ZoneInfo("Europe/London")
    insert_all(
        [], [Intake(datetime(2026, 2, 10, 9, 0, tzinfo=london), IntakeKind.WATER, water_ml=250.0)]
    )
    [with_water] = day_series(date(2026, 2, 10), date(2026, 2, 10), london, time(4))
    [without] = day_series(
        date(2026, 2, 10), date(2026, 2, 10), london, time(4), include_water=False
    )
    assert with_water.water_ml == 250.0 and with_water.logged
    assert without.water_ml == 0.0 and without.logged
