"""Local calendar days that stay whole across DST, a moved day start and a change of zone.

A plan is written in calendar days ("week 3 is 16 to 22 March"), never in multiples of 24
hours, so a DST change makes one day 23 or 25 hours long and nothing else. A day begins at
the person's day start (e.g. 04:00, so a 1 a.m. twitch belongs to the evening before).

Days are defined by their boundaries: day d begins at the first instant the local clock shows
d at the day start or later. Reading a day off the wall clock instead (wall time minus the day
start) breaks when the day start falls in a repeated hour (the clock shows 01:30 twice) or
after travel (the clock goes back past the day start): the same day would come back. With
boundaries, days tile time with no gap and no overlap, whatever the zone does; a flight west
makes one day longer, a flight east shorter (a jump of more than a day leaves one empty).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MAX_STEPS = 8  # a day guessed from the wall clock is at most a step or two off


@functools.lru_cache(maxsize=64)
def load_zone(name: str) -> ZoneInfo:
    """The named zone, or ValueError with a sentence a person can act on."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def check_day_start(day_start: time) -> None:
    if day_start.tzinfo is not None or day_start.microsecond:
        raise ValueError("the day start is a plain local time to the second")


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """From `at` (an aware instant) on, the person lives in `zone_name`."""

    at: datetime
    zone_name: str

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("a zone change needs an aware instant")
        load_zone(self.zone_name)


@dataclass(frozen=True, slots=True)
class ZoneTimeline:
    """The zones a person lived in: `first_zone`, then each change in time order."""

    first_zone: str
    changes: tuple[ZoneChange, ...] = ()

    def __post_init__(self) -> None:
        load_zone(self.first_zone)
        for a, b in zip(self.changes, self.changes[1:], strict=False):
            if not a.at < b.at:
                raise ValueError("zone changes must be in time order")

    def zone_at(self, instant: datetime) -> ZoneInfo:
        name = self.first_zone
        for change in self.changes:
            if change.at <= instant:
                name = change.zone_name
        return load_zone(name)

    def segments(self) -> list[tuple[datetime | None, datetime | None, ZoneInfo]]:
        """[(from, until, zone)], `None` meaning unbounded."""
        bounds: list[datetime | None] = [None, *(c.at.astimezone(UTC) for c in self.changes)]
        names = [self.first_zone, *(c.zone_name for c in self.changes)]
        ends: list[datetime | None] = [*bounds[1:], None]
        return [(b, e, load_zone(n)) for b, e, n in zip(bounds, ends, names, strict=True)]


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


@functools.lru_cache(maxsize=8192)
def _first_at_or_after(wall: datetime, zone_name: str) -> datetime:
    """The first instant (UTC) whose wall clock in the zone shows `wall` or later.

    An ordinary time has one instant; a repeated time (the clock goes back) takes its first
    instant; a skipped time (the clock jumps forward over it) takes the jump itself, found by
    bisection to the second, since zoneinfo does not expose its transitions.
    """
    zone = load_zone(zone_name)
    early = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    late = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if early <= late:
        return early
    lo, hi = int(late.timestamp()), int(early.timestamp()) + 1  # wall(lo) < wall <= wall(hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _wall(datetime.fromtimestamp(mid, UTC), zone) >= wall:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)


@functools.lru_cache(maxsize=8192)
def day_begins(day: date, day_start: time, timeline: ZoneTimeline) -> datetime:
    """The UTC instant day `day` begins: the first instant its start shows on the clock.

    With zone changes, each zone's stretch of time offers its first such instant (clipped to
    the stretch); the earliest that lies inside its own stretch wins. This is non-decreasing
    in `day` (see the module docstring), so consecutive days never overlap.
    """
    check_day_start(day_start)
    wall = datetime.combine(day, day_start)
    best: datetime | None = None
    for since, until, zone in timeline.segments():
        candidate = _first_at_or_after(wall, zone.key)
        if since is not None and candidate < since:
            candidate = since
        if until is not None and candidate >= until:
            continue
        if best is None or candidate < best:
            best = candidate
    assert best is not None  # the last stretch is unbounded, so it always offers one
    return best


def day_bounds(day: date, day_start: time, timeline: ZoneTimeline) -> tuple[datetime, datetime]:
    """[begin, end) of the day in UTC; the end is the next day's beginning."""
    return (
        day_begins(day, day_start, timeline),
        day_begins(day + timedelta(days=1), day_start, timeline),
    )


def day_of(instant: datetime, day_start: time, timeline: ZoneTimeline) -> date:
    """The local day an instant belongs to (the day whose bounds contain it)."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    check_day_start(day_start)
    instant = instant.astimezone(UTC)
    shift = timedelta(hours=day_start.hour, minutes=day_start.minute, seconds=day_start.second)
    day = (_wall(instant, timeline.zone_at(instant)) - shift).date()
    for _ in range(_MAX_STEPS):
        begin, end = day_bounds(day, day_start, timeline)
        if instant < begin:
            day -= timedelta(days=1)
        elif instant >= end:
            day += timedelta(days=1)
        else:
            return day
    raise AssertionError(f"no local day found for {instant.isoformat()}")  # pragma: no cover


def count_by_day(
    instants: list[datetime] | tuple[datetime, ...], day_start: time, timeline: ZoneTimeline
) -> dict[date, int]:
    """How many of the instants (e.g. twitches) fall on each local day."""
    counts: dict[date, int] = {}
    for instant in instants:
        d = day_of(instant, day_start, timeline)
        counts[d] = counts.get(d, 0) + 1
    return counts
