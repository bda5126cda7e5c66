"""Local days for an experiment: 04:00 day start, DST, a change of zone (issue 17)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.experiment import (
    Arm,
    Experiment,
    ZoneChange,
    ZoneTimeline,
    count_by_day,
    day_bounds,
    day_of,
    schedule,
)
from liptwitch_desktop.core.experiment.localdays import day_begins

FOUR = time(4, 0)
LONDON = ZoneTimeline("Europe/London")
ZONES = sorted(available_timezones() - {"Factory", "localtime"})


def at(zone: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)  # type: ignore[misc]


def test_a_one_am_twitch_belongs_to_the_evening_before() -> None:
    assert day_of(at("Europe/London", 2026, 3, 10, 1, 0), FOUR, LONDON) == date(2026, 3, 9)
    assert day_of(at("Europe/London", 2026, 3, 10, 3, 59), FOUR, LONDON) == date(2026, 3, 9)
    assert day_of(at("Europe/London", 2026, 3, 10, 4, 0), FOUR, LONDON) == date(2026, 3, 10)
    assert day_of(at("Europe/London", 2026, 3, 10, 1, 0), time(0, 0), LONDON) == date(2026, 3, 10)


def test_dst_days_are_23_and_25_hours_and_a_week_is_seven_calendar_days() -> None:
    # Clocks go forward on Sunday 29 March at 01:00: with a 04:00 day start, the short day
    # is Saturday's (04:00 GMT to 04:00 BST); the long one is Saturday 24 October's.
    begin, end = day_bounds(date(2026, 3, 28), FOUR, LONDON)
    assert end - begin == timedelta(hours=23)
    assert day_bounds(date(2026, 3, 29), FOUR, LONDON)[1] - end == timedelta(hours=24)
    begin, end = day_bounds(date(2026, 10, 24), FOUR, LONDON)
    assert end - begin == timedelta(hours=25)
    # A week over the spring change: 7 days, 04:00 local to 04:00 local, 167 hours.
    first, _ = day_bounds(date(2026, 3, 23), FOUR, LONDON)
    _, last = day_bounds(date(2026, 3, 29), FOUR, LONDON)
    assert last - first == timedelta(hours=7 * 24 - 1)
    assert first.astimezone(ZoneInfo("Europe/London")).hour == 4
    assert last.astimezone(ZoneInfo("Europe/London")).hour == 4


def test_a_plan_over_dst_keeps_every_period_at_seven_local_days() -> None:
    exp = Experiment(
        change_id="caffeine_cutoff",
        start_day=date(2026, 3, 16),
        period_days=7,
        order=(Arm.CHANGE, Arm.USUAL, Arm.USUAL, Arm.CHANGE),
        day_start=FOUR,
        zone_name="Europe/London",
        created_on=date(2026, 3, 16),
        last_seen_day=date(2026, 3, 16),
    )
    periods = schedule(exp).periods
    zone = ZoneInfo("Europe/London")
    hours = []
    for p in periods:
        begin, _ = day_bounds(p.first_day, FOUR, LONDON)
        end, _ = day_bounds(p.end_day, FOUR, LONDON)
        assert begin.astimezone(zone).time() == FOUR and end.astimezone(zone).time() == FOUR
        hours.append((end - begin) / timedelta(hours=1))
    assert hours == [168, 167, 168, 168]  # the week with the change is an hour short, no more
    # 03:30 local on the Sunday of the change (BST by then) still belongs to Saturday.
    assert day_of(at("Europe/London", 2026, 3, 29, 3, 30), FOUR, LONDON) == date(2026, 3, 28)


def test_a_day_start_in_the_skipped_hour_begins_at_the_jump() -> None:
    ny = ZoneTimeline("America/New_York")  # 2026-03-08 02:00 EST -> 03:00 EDT
    begin = day_begins(date(2026, 3, 8), time(2, 30), ny)
    assert begin == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # the jump itself
    assert day_of(begin - timedelta(seconds=1), time(2, 30), ny) == date(2026, 3, 7)
    assert day_of(begin, time(2, 30), ny) == date(2026, 3, 8)


def test_a_day_start_in_the_repeated_hour_never_gives_a_day_back() -> None:
    # Europe/London 2026-10-25: 01:00-01:59 happens twice. With the day starting at 01:30,
    # wall-clock arithmetic would file 01:00-01:29 GMT (after the day began at 01:30 BST)
    # under the day before again; boundaries keep the whole repeated stretch in the new day.
    start = time(1, 30)
    first = at("Europe/London", 2026, 10, 25, 1, 30, fold=0)  # 00:30 UTC
    assert day_begins(date(2026, 10, 25), start, LONDON) == first
    for minutes in range(0, 120, 5):
        t = first + timedelta(minutes=minutes)
        assert day_of(t, start, LONDON) == date(2026, 10, 25)


def test_a_flight_west_makes_one_long_day_and_repeats_none() -> None:
    # London -> New York, leaving at 10:00 London time on 10 March (a 04:00 day start).
    change = at("Europe/London", 2026, 3, 10, 10, 0)
    trip = ZoneTimeline("Europe/London", (ZoneChange(change, "America/New_York"),))
    begin, end = day_bounds(date(2026, 3, 10), FOUR, trip)
    assert begin == at("Europe/London", 2026, 3, 10, 4, 0)
    assert end == at("America/New_York", 2026, 3, 11, 4, 0)
    assert end - begin == timedelta(hours=28)  # New York was 4 hours behind that week
    # 06:00 New York time right after landing is still 10 March (not a second 9 March).
    landed = change + timedelta(hours=1)
    assert day_of(landed, FOUR, trip) == date(2026, 3, 10)


def test_a_flight_east_makes_one_short_day() -> None:
    change = at("Europe/London", 2026, 5, 4, 2, 0)  # 02:00 London, still 3 May's day
    trip = ZoneTimeline("Europe/London", (ZoneChange(change, "Asia/Tokyo"),))
    begin, end = day_bounds(date(2026, 5, 4), FOUR, trip)
    assert begin == change  # Tokyo was already past 04:00: 4 May begins on arrival
    assert end == at("Asia/Tokyo", 2026, 5, 5, 4, 0)
    assert day_of(change - timedelta(seconds=1), FOUR, trip) == date(2026, 5, 3)


def test_counting_twitches_by_local_day() -> None:
    instants = [
        at("Europe/London", 2026, 3, 9, 23, 0),
        at("Europe/London", 2026, 3, 10, 1, 0),  # the evening before
        at("Europe/London", 2026, 3, 10, 9, 0),
    ]
    assert count_by_day(instants, FOUR, LONDON) == {date(2026, 3, 9): 2, date(2026, 3, 10): 1}


def test_bad_input_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="time zone"):
        ZoneTimeline("Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="aware"):
        day_of(datetime(2026, 1, 1, 12, 0), FOUR, LONDON)
    with pytest.raises(ValueError, match="order"):
        later = datetime(2026, 2, 1, tzinfo=UTC)
        ZoneTimeline(
            "UTC",
            (ZoneChange(later, "Asia/Tokyo"), ZoneChange(later - timedelta(1), "UTC")),
        )


day_starts = st.times().map(lambda t: t.replace(microsecond=0))
days = st.dates(date(1975, 1, 1), date(2090, 12, 31))


def _check_tiling(first: date, n_days: int, start: time, timeline: ZoneTimeline) -> None:
    bounds = [day_begins(first + timedelta(days=i), start, timeline) for i in range(n_days + 1)]
    assert all(a <= b for a, b in itertools.pairwise(bounds))  # never overlap
    for i in range(n_days):
        d = first + timedelta(days=i)
        if bounds[i] == bounds[i + 1]:
            continue  # a day the clock jumped over entirely (a flight across the date line)
        assert day_of(bounds[i], start, timeline) == d
        assert day_of(bounds[i + 1] - timedelta(seconds=1), start, timeline) == d


@settings(max_examples=300, deadline=None)
@given(zone=st.sampled_from(ZONES), start=day_starts, first=days, period=st.sampled_from([7, 14]))
def test_periods_tile_local_days_with_no_gap_or_overlap(
    zone: str, start: time, first: date, period: int
) -> None:
    timeline = ZoneTimeline(zone)
    _check_tiling(first, 2 * period, start, timeline)
    # One zone: every day has length (no empty day), and period bounds meet exactly.
    p0 = day_bounds(first, start, timeline)[0]
    p1 = day_bounds(first + timedelta(days=period), start, timeline)[0]
    p2 = day_bounds(first + timedelta(days=2 * period), start, timeline)[0]
    assert p0 < p1 < p2


@settings(max_examples=200, deadline=None)
@given(
    zones=st.lists(st.sampled_from(ZONES), min_size=2, max_size=3),
    start=day_starts,
    first=days,
    gaps=st.lists(st.integers(3600, 6 * 86400), min_size=2, max_size=2),
    probe=st.integers(0, 9 * 86400),
)
def test_days_tile_across_zone_changes(
    zones: list[str], start: time, first: date, gaps: list[int], probe: int
) -> None:
    origin = datetime.combine(first, time(12), tzinfo=UTC)
    changes = []
    when = origin
    for gap, zone in zip(gaps, zones[1:], strict=False):
        when += timedelta(seconds=gap)
        changes.append(ZoneChange(when, zone))
    timeline = ZoneTimeline(zones[0], tuple(changes))
    _check_tiling(first - timedelta(days=1), 16, start, timeline)
    instant = origin + timedelta(seconds=probe)
    d = day_of(instant, start, timeline)
    begin, end = day_bounds(d, start, timeline)
    assert begin <= instant < end
