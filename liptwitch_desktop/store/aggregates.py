"""Per-day aggregates for Trends, the analysis and the triage facts: one query per series.

A "day" is the person's local day with its configurable start (see `core.days`). SQLite knows
no time zones, so the zone's UTC offsets over the requested range are worked out in Python
(a handful of DST segments, found by probing) and handed to SQL as one CASE expression; the
grouping itself then runs inside SQLite over the indexed instant columns. That keeps ten years
(~40,000 episodes, ~100,000 intakes) to a few tens of milliseconds, and DST-correct: a twitch
at 01:30 on the night the clocks change lands on the same day `core.days.local_day` gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ..core.daily import DayBuilder, DayRecord, HourProfile, complete_series
from ..core.days import day_bounds
from ..core.facts_from_days import (
    FACTS_WINDOW_DAYS,
    PersistenceNotice,
    log_facts,
    months_window_start,
    persistence_watch,
)
from ..core.log_facts import LogFacts
from .database.db import db_proxy

SECONDS_PER_DAY = 86_400
EPOCH_DAY = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int  # UTC epoch seconds, inclusive
    end: int  # exclusive
    offset: int  # local wall clock minus UTC, seconds


def _offset(zone: tzinfo, epoch: int) -> int:
    delta = datetime.fromtimestamp(epoch, UTC).astimezone(zone).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def offset_segments(zone: tzinfo, start: int, end: int) -> list[_Segment]:
    """Split [start, end) into stretches of constant UTC offset.

    Probes once a week (no zone changes its offset and back within a week; the shortest
    stretches, such as Morocco's Ramadan suspensions, last about a month) and bisects each
    change to the second. Ten years cost about 520 probes.
    """
    step = 7 * SECONDS_PER_DAY
    segments: list[_Segment] = []
    seg_start = start
    current = _offset(zone, start)
    probe = start
    while probe < end:
        nxt = min(probe + step, end - 1)
        off = _offset(zone, nxt)
        if off != current:
            lo, hi = probe, nxt  # offset(lo) == current, offset(hi) != current
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset(zone, mid) == current:
                    lo = mid
                else:
                    hi = mid
            segments.append(_Segment(seg_start, hi, current))
            seg_start, current = hi, _offset(zone, hi)
        if nxt >= end - 1:
            break
        probe = nxt
    segments.append(_Segment(seg_start, end, current))
    return segments


def _offset_sql(column: str, segments: list[_Segment]) -> str:
    """A balanced CASE tree: about log2(segments) comparisons per row instead of a chain."""
    if len(segments) == 1:
        return str(segments[0].offset)
    mid = len(segments) // 2
    left = _offset_sql(column, segments[:mid])
    right = _offset_sql(column, segments[mid:])
    return f"CASE WHEN {column} < {segments[mid].start} THEN {left} ELSE {right} END"


def _local_seconds_sql(column: str, segments: list[_Segment]) -> str:
    """SQL for the instant's local wall-clock time as epoch-like seconds."""
    return f"({column} + {_offset_sql(column, segments)})"


def _bounds(first: date, last: date, zone: tzinfo, day_start: time) -> tuple[int, int]:
    lo, _ = day_bounds(first, zone, day_start)
    _, hi = day_bounds(last, zone, day_start)
    return int(lo.timestamp()), int(hi.timestamp())


def _day_start_seconds(day_start: time) -> int:
    return day_start.hour * 3600 + day_start.minute * 60


def _day(dayno: int) -> date:
    return EPOCH_DAY + timedelta(days=dayno)


def day_series(
    first: date,
    last: date,
    zone: tzinfo,
    day_start: time,
    caffeine_cutoff: time = time(12, 0),
    include_water: bool = True,
) -> list[DayRecord]:
    """Every day from first to last inclusive (empty days filled), summed from the log.

    `caffeine_cutoff` is a local clock time: a drink after it, up to the next day start,
    marks the day as "caffeine after the cutoff". Water glasses are most of the intake rows
    and no plot or analysis reads them, so `include_water=False` skips summing them (the
    days stay marked as logged either way).
    """
    if last < first:
        return []
    lo, hi = _bounds(first, last, zone, day_start)
    segments = offset_segments(zone, lo, hi)
    ds = _day_start_seconds(day_start)
    cutoff_after_start = (_day_start_seconds(caffeine_cutoff) - ds) % SECONDS_PER_DAY
    db = db_proxy

    builders: dict[int, DayBuilder] = {}

    def builder(dayno: int) -> DayBuilder:
        b = builders.get(dayno)
        if b is None:
            b = builders[dayno] = DayBuilder(day=_day(dayno))
        return b

    # Seconds since the epoch on the local wall clock, shifted so that days start at 00:00.
    ep_shifted = f"({_local_seconds_sql('started_at', segments)} - {ds})"
    in_shifted = f"({_local_seconds_sql('taken_at', segments)} - {ds})"
    day_of = f"/ {SECONDS_PER_DAY}"

    rows = db.execute_sql(
        f"SELECT {ep_shifted} {day_of} AS d, COUNT(*), TOTAL(intensity), COUNT(intensity) "
        "FROM episode WHERE started_at >= ? AND started_at < ? GROUP BY d",
        (lo, hi),
    ).fetchall()
    for dayno, count, intensity_sum, intensity_n in rows:
        b = builder(dayno)
        b.episodes = count
        b.intensity_sum = float(intensity_sum)
        b.intensity_n = intensity_n
        b.logged = True

    kinds = "'caffeine', 'magnesium', 'water'" if include_water else "'caffeine', 'magnesium'"
    # "+taken_at" keeps SQLite on the kind index: the time range alone would visit every row.
    rows = db.execute_sql(
        "SELECT d, TOTAL(caffeine_mg), MAX(caffeine_mg > 0 AND s >= ?), TOTAL(magnesium_mg), "
        f"TOTAL(water_ml) FROM (SELECT {in_shifted} {day_of} AS d, "
        f"{in_shifted} % {SECONDS_PER_DAY} AS s, caffeine_mg, magnesium_mg, water_ml "
        f"FROM intake WHERE kind IN ({kinds}) AND +taken_at >= ? AND +taken_at < ?) "
        "GROUP BY d",
        (cutoff_after_start, lo, hi),
    ).fetchall()
    for dayno, caffeine, late, magnesium, water in rows:
        b = builder(dayno)
        b.caffeine_mg = caffeine
        b.caffeine_after_cutoff = bool(late)
        b.magnesium_mg = magnesium
        b.water_ml = water
        b.logged = True

    rows = db.execute_sql(
        f"SELECT DISTINCT {in_shifted} {day_of} AS d, label FROM intake "
        "WHERE kind = 'trigger_food' AND +taken_at >= ? AND +taken_at < ?",
        (lo, hi),
    ).fetchall()
    for dayno, label in rows:
        builder(dayno).add_trigger_food(label or "")

    # Any other entry (a glass of water, a banana) still makes the day a logged one. The
    # instant index covers this query, so no table rows are read.
    rows = db.execute_sql(
        f"SELECT DISTINCT {in_shifted} {day_of} FROM intake WHERE taken_at >= ? AND taken_at < ?",
        (lo, hi),
    ).fetchall()
    for (dayno,) in rows:
        builder(dayno).logged = True

    first_no = (first - EPOCH_DAY).days
    rows = db.execute_sql(
        "SELECT day, sleep_hours, stress, grinding FROM checkin WHERE day >= ? AND day <= ?",
        (first.isoformat(), last.isoformat()),
    ).fetchall()
    for day_text, sleep, stress, grinding in rows:
        dayno = first_no + (date.fromisoformat(str(day_text)) - first).days
        builder(dayno).set_checkin(sleep, stress, bool(grinding))

    return complete_series((b.build() for b in builders.values()), first, last)


def hour_profile(first: date, last: date, zone: tzinfo, day_start: time) -> HourProfile:
    """Episodes by local clock hour, weekday vs weekend (of the person's day), in one query."""
    weekday = [0] * 24
    weekend = [0] * 24
    if last >= first:
        lo, hi = _bounds(first, last, zone, day_start)
        local = _local_seconds_sql("started_at", offset_segments(zone, lo, hi))
        ds = _day_start_seconds(day_start)
        rows = db_proxy.execute_sql(
            # 1970-01-01 was a Thursday: (dayno + 3) % 7 is 0 for Monday.
            f"SELECT ({local} % {SECONDS_PER_DAY}) / 3600 AS h, "
            f"(({local} - {ds}) / {SECONDS_PER_DAY} + 3) % 7 >= 5 AS we, COUNT(*) "
            "FROM episode WHERE started_at >= ? AND started_at < ? GROUP BY h, we",
            (lo, hi),
        ).fetchall()
        for hour, is_weekend, count in rows:
            (weekend if is_weekend else weekday)[hour] += count
    n_days = (last - first).days + 1 if last >= first else 0
    weekend_days = sum(1 for n in range(n_days) if (first + timedelta(days=n)).weekday() >= 5)
    return HourProfile(tuple(weekday), tuple(weekend), n_days - weekend_days, weekend_days)


def logged_range(zone: tzinfo, day_start: time) -> tuple[date, date] | None:
    """The first and last local day with anything logged, or None for an empty log."""
    from ..core.days import local_day

    row = db_proxy.execute_sql(
        "SELECT MIN(lo), MAX(hi) FROM ("
        "SELECT MIN(started_at) AS lo, MAX(started_at) AS hi FROM episode UNION ALL "
        "SELECT MIN(taken_at), MAX(taken_at) FROM intake)"
    ).fetchone()
    days: list[date] = []
    if row and row[0] is not None:
        days.append(local_day(datetime.fromtimestamp(row[0], UTC), zone, day_start))
        days.append(local_day(datetime.fromtimestamp(row[1], UTC), zone, day_start))
    row = db_proxy.execute_sql("SELECT MIN(day), MAX(day) FROM checkin").fetchone()
    if row and row[0] is not None:
        days.append(date.fromisoformat(str(row[0])))
        days.append(date.fromisoformat(str(row[1])))
    if not days:
        return None
    return min(days), max(days)


def local_episode_hours(first: date, last: date, zone: tzinfo, day_start: time) -> list[int]:
    """The local clock hour of each episode in the range (for the triage's night share)."""
    if last < first:
        return []
    lo, hi = _bounds(first, last, zone, day_start)
    local = _local_seconds_sql("started_at", offset_segments(zone, lo, hi))
    rows = db_proxy.execute_sql(
        f"SELECT ({local} % {SECONDS_PER_DAY}) / 3600 FROM episode "
        "WHERE started_at >= ? AND started_at < ?",
        (lo, hi),
    ).fetchall()
    return [r[0] for r in rows]


def log_facts_for(today: date, zone: tzinfo, day_start: time) -> LogFacts:
    """The triage's log facts: the last 90 days (older twitching is another story), and the
    last 6 calendar months for "coming back for months"."""
    first = today - timedelta(days=FACTS_WINDOW_DAYS - 1)
    days = day_series(min(first, months_window_start(today)), today, zone, day_start)
    hours = local_episode_hours(first, today, zone, day_start)
    return log_facts(days, hours, today)


def persistence_notice(today: date, zone: tzinfo, day_start: time) -> PersistenceNotice | None:
    """The Today page's banner, if twitching has gone on for more than 2 weeks."""
    first = today - timedelta(days=FACTS_WINDOW_DAYS - 1)
    days = day_series(first, today, zone, day_start)
    return persistence_watch([d.day for d in days if d.episodes > 0], today)
