"""The user's calendar day: local, with a configurable day start.

Instants are stored in UTC. A person thinks in days that begin when they get up, so a twitch
at 01:00 belongs to the evening before when the day starts at 04:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_DAY_START = time(4, 0)


def local_zone() -> tzinfo:
    """The system's zone as a `ZoneInfo` where it can be named, else a fixed offset.

    `TZ` or /etc/localtime name the zone on Linux; we never guess through tzlocal.
    """
    import os

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (KeyError, ValueError, OSError):
            pass
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            return ZoneInfo(link.split("zoneinfo/", 1)[1])
    except (KeyError, ValueError, OSError):
        pass
    fixed = datetime.now().astimezone().tzinfo
    return fixed if fixed is not None else UTC


def to_utc(local: datetime, zone: tzinfo) -> datetime:
    """A naive wall-clock datetime in `zone` as a UTC instant (gap: shifted, fold: first)."""
    return local.replace(tzinfo=zone, fold=0).astimezone(UTC)


def local_day(instant: datetime, zone: tzinfo, day_start: time = DEFAULT_DAY_START) -> date:
    """The calendar day a person would file this instant under."""
    if instant.tzinfo is None:
        raise ValueError("instant must be timezone-aware")
    local = instant.astimezone(zone)
    shifted = local - timedelta(hours=day_start.hour, minutes=day_start.minute)
    return shifted.date()


def day_bounds(
    day: date, zone: tzinfo, day_start: time = DEFAULT_DAY_START
) -> tuple[datetime, datetime]:
    """The UTC instants [start, end) of a user's day, correct across DST changes."""
    start_local = datetime.combine(day, day_start, tzinfo=zone)
    end_local = datetime.combine(day + timedelta(days=1), day_start, tzinfo=zone)
    return start_local.astimezone(UTC), end_local.astimezone(UTC)


def days_between(first: date, last: date) -> list[date]:
    """Every day from first to last inclusive."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
