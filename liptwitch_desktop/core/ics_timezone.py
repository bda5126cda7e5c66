"""The person's time zone as an RFC 5545 VTIMEZONE, read from `zoneinfo`.

Why: a calendar that does not know the zone's name (or knows an older rule for it) falls back
on what the file says, so the file must carry the zone's real offsets. `zoneinfo` does not
expose its rules, only offsets at instants; so the changes are found by sampling each day and
bisecting to the second, and a yearly RRULE is written only where it reproduces every change
found up to the last year checked (so it is a safe guess beyond). Changes no rule gives
(Morocco's Ramadan, an abolished DST) are listed as RDATEs.

Pure Python, standard library only (used by core/calendar_ics.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import groupby

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # RFC 5545 weekdays, Monday is 0
MIN_RULE_YEARS = 3  # a yearly rule is read from no fewer years than this
# What a TZID may hold here: IANA keys and our fixed-offset names, nothing to escape or quote.
TZID_PATTERN = re.compile(r"[A-Za-z0-9_+\-./]{1,100}")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9+\-]")  # tz abbreviations are letters, digits, signs


def _safe_name(name: str) -> str:
    return _NAME_UNSAFE.sub("", name)


def format_local(moment: datetime) -> str:
    """A DATE-TIME in local (floating) form, as DTSTART;TZID=... and observances take it."""
    return moment.strftime("%Y%m%dT%H%M%S")


def format_offset(delta: timedelta) -> str:
    """A UTC-OFFSET value: +HHMM, with seconds only when there are some."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"  # "-0000" is not allowed
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


@dataclass(frozen=True)
class Transition:
    at: datetime  # UTC instant of the change
    before: timedelta
    after: timedelta
    dst: bool  # daylight saving time after the change
    name: str

    @property
    def local(self) -> datetime:
        """The wall time of the change in the offset before it (RFC 5545's DTSTART)."""
        return (self.at + self.before).replace(tzinfo=None)


def _state(zone: tzinfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    """(UTC offset, DST offset, abbreviation) at `instant`."""
    local = instant.astimezone(zone)
    return local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or ""


def _is_daylight(dst_before: timedelta, dst_after: timedelta) -> bool:
    """Whether the time after a change is DAYLIGHT to a calendar. Europe/Dublin and Morocco
    have "negative DST" in the zone data (winter is the DST); calendars (and parsers, which
    resolve the autumn fold by it) expect the summer offset to be the daylight one."""
    return dst_after > timedelta(0) or (dst_after == timedelta(0) and dst_before < timedelta(0))


def transitions(zone: tzinfo, first_year: int, last_year: int) -> list[Transition]:
    """Every change of offset, DST flag or name from the start of `first_year` to the end of
    `last_year`, to the second: sampled daily (no zone changes twice a day), then bisected."""
    found: list[Transition] = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _state(zone, moment)
    while moment < end:
        following = moment + timedelta(days=1)
        new = _state(zone, following)
        if new != state:
            low, high = moment, following
            while high - low > timedelta(seconds=1):
                middle = (low + (high - low) / 2).replace(microsecond=0)
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            new = _state(zone, high)
            daylight = _is_daylight(state[1], new[1])
            found.append(Transition(high, state[0], new[0], daylight, new[2]))
            state = new
        moment = following
    return found


def _nth_weekday(year: int, month: int, weekday: int, rule: tuple[int, int]) -> date:
    """The date a (nth, first month day) rule gives: nth 1..4 or -1 counts `weekday`s of the
    month; nth 0 means the first `weekday` on or after the given month day."""
    nth, from_day = rule
    if nth == -1:
        following = date(year + month // 12, month % 12 + 1, 1)
        last = following - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    start = date(year, month, from_day if nth == 0 else 7 * nth - 6)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def _yearly_rule(group: Sequence[Transition]) -> str | None:
    """A FREQ=YEARLY rule that gives exactly these transitions (one a year, consecutive
    years, same month, weekday and wall time), or None when none does."""
    locals_ = [t.local for t in group]
    years = [d.year for d in locals_]
    if len(group) < 2 or years != list(range(years[0], years[0] + len(years))):
        return None
    first = locals_[0]
    if any(
        (d.month, d.weekday(), d.time()) != (first.month, first.weekday(), first.time())
        for d in locals_
    ):
        return None
    candidates = [(-1, 1), *((n, 1) for n in range(1, 5)), *((0, d) for d in range(1, 26))]
    for rule in candidates:
        if all(_nth_weekday(d.year, d.month, d.weekday(), rule) == d.date() for d in locals_):
            code, (nth, from_day) = DAY_CODES[first.weekday()], rule
            if nth:
                return f"FREQ=YEARLY;BYMONTH={first.month};BYDAY={nth}{code}"
            days = ",".join(str(d) for d in range(from_day, from_day + 7))
            return f"FREQ=YEARLY;BYMONTH={first.month};BYMONTHDAY={days};BYDAY={code}"
    return None


def _rule_run(group: Sequence[Transition], last_year: int) -> int:
    """How many of the last changes a yearly rule reproduces, when they go on to `last_year`
    (a rule is only a safe guess for later years if it held until the last year checked)."""
    if group[-1].local.year < last_year:
        return 0
    runs = range(len(group), MIN_RULE_YEARS - 1, -1)
    return next((run for run in runs if _yearly_rule(group[-run:])), 0)


def _observance(kind: str, group: Sequence[Transition], rule: str | None) -> list[str]:
    head = group[0]
    lines = [f"BEGIN:{kind}", f"DTSTART:{format_local(head.local)}"]
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    else:
        lines += [f"RDATE:{format_local(t.local)}" for t in group[1:]]
    lines += [
        f"TZOFFSETFROM:{format_offset(head.before)}",
        f"TZOFFSETTO:{format_offset(head.after)}",
        f"TZNAME:{_safe_name(head.name)}" if _safe_name(head.name) else "",
        f"END:{kind}",
    ]
    return [line for line in lines if line]


def vtimezone(zone: tzinfo, tzid: str, first_year: int, last_year: int) -> list[str]:
    """The VTIMEZONE lines for `zone` as it is from `first_year` to `last_year`.

    Each kind of change (to DST or back, with its offsets and name) becomes one observance:
    with a yearly RRULE for its longest run of years a rule reproduces up to `last_year`
    (so the calendar stays right beyond the years checked), the rest as RDATEs. A zone that
    does not change in those years gets a single STANDARD observance."""
    scan_from = first_year - 1  # so an observance is in force before the first event
    changes = transitions(zone, scan_from, last_year)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    start = datetime(scan_from, 1, 1, tzinfo=UTC)
    offset, dst, name = _state(zone, start)
    if not changes or changes[0].at >= datetime(first_year, 1, 1, tzinfo=UTC):
        # What holds from the start until the first change (or for ever).
        initial = Transition(start, offset, offset, dst > timedelta(0), name)
        lines += _observance("DAYLIGHT" if initial.dst else "STANDARD", [initial], None)

    def key(t: Transition) -> tuple[bool, timedelta, timedelta, str]:
        return t.dst, t.before, t.after, t.name

    for (is_dst, *_), grouped in groupby(sorted(changes, key=key), key=key):
        group = sorted(grouped, key=lambda t: t.at)
        kind = "DAYLIGHT" if is_dst else "STANDARD"
        run = _rule_run(group, last_year)
        if run < len(group):  # the changes no yearly rule gives, listed
            lines += _observance(kind, group[: len(group) - run], None)
        if run:
            lines += _observance(kind, group[-run:], _yearly_rule(group[-run:]))
    lines.append("END:VTIMEZONE")
    return lines


def zone_id(zone: tzinfo) -> str:
    """The TZID: the IANA key of a ZoneInfo, else a name for a fixed offset ("UTC+0530")."""
    key = getattr(zone, "key", None)
    if isinstance(key, str) and key:
        return key
    if zone == UTC:
        return "UTC"
    offset = datetime(2000, 1, 1, tzinfo=zone).utcoffset() or timedelta(0)
    return "UTC" + format_offset(offset)
