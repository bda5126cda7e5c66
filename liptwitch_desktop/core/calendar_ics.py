"""The enabled reminders as an RFC 5545 calendar, so a phone reminds the person too.

Why a file and not a sync: no network, no account. The person imports the .ics once into the
phone's calendar; exporting again later and re-importing updates the same events, because each
event's UID is derived from the reminder (`uid_key`) and its slot, never from the clock.

The events carry the person's zone as TZID, with its VTIMEZONE (core/ics_timezone.py), so a
reminder at 21:00 stays at 21:00 across a daylight-saving change, and a phone that does not
know the zone still gets the right instants.

Pure Python: no Qt, no peewee, nothing from outside the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from liptwitch_desktop.core.ics_timezone import (
    DAY_CODES,
    TZID_PATTERN,
    format_local,
    vtimezone,
    zone_id,
)

PRODID = "-//LipTwitch Desktop//Reminders//EN"
UID_DOMAIN = "liptwitch.github.io"  # reversed from the app id io.github.liptwitch.LipTwitch
EVENT_DURATION = timedelta(minutes=5)  # a reminder, not a meeting: short and transparent
YEARS_AHEAD = 5  # how far the zone's transitions are checked when deriving its yearly rule
ALL_DAYS: frozenset[int] = frozenset(range(7))  # Monday is 0, as in date.weekday()
MIN_EVERY_MINUTES, MAX_EVERY_MINUTES = 15, 12 * 60  # core/schedule.py's hydration bounds
MAX_ALARM_MINUTES = 24 * 60
_UID_KEY = re.compile(r"[A-Za-z0-9._-]{1,64}")
_FOLD_OCTETS = 75
_SEQUENCE_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
# TEXT may hold no control character but HTAB (RFC 5545 3.3.11); line and paragraph
# separators become newlines, since a reader that splits lines would split on them anyway.
# Lone surrogates (no character at all) cannot be written as UTF-8: dropped too.
_NEWLINES = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class CalendarReminder:
    """One reminder as the calendar shows it.

    - `times` are the wall-clock times it fires (a last call: the cutoff minus its lead,
      computed by the caller), on `weekdays`, from `start_day` on.
    - With `every_minutes` (hydration) it fires every so many minutes from `waking_start`
      up to `waking_end` (past midnight when the end is not after the start), as in
      core/schedule.py; `times` is ignored.
    - With `one_off_days` (recovery-plan milestones, even none left) it fires once at each
      time on each of those days only; `weekdays` and `start_day` are ignored.
    """

    uid_key: str
    summary: str
    start_day: date
    description: str = ""
    times: tuple[time, ...] = ()
    weekdays: frozenset[int] = ALL_DAYS
    every_minutes: int | None = None
    waking_start: time = time(8, 0)
    waking_end: time = time(22, 0)
    one_off_days: tuple[date, ...] | None = None
    alarm_minutes_before: int = 0

    def __post_init__(self) -> None:
        if not clean_text(self.summary).strip():
            raise ValueError("a reminder needs a summary")
        if not _UID_KEY.fullmatch(self.uid_key):
            raise ValueError("uid_key must be 1-64 letters, digits, '.', '_' or '-'")
        if not self.weekdays <= ALL_DAYS:
            raise ValueError(f"weekdays must be within 0..6, got {sorted(self.weekdays)}")
        if not 0 <= self.alarm_minutes_before <= MAX_ALARM_MINUTES:
            raise ValueError(f"alarm_minutes_before must be 0 to {MAX_ALARM_MINUTES}")
        every = self.every_minutes
        if every is not None and not MIN_EVERY_MINUTES <= every <= MAX_EVERY_MINUTES:
            raise ValueError(f"every_minutes must be {MIN_EVERY_MINUTES} to {MAX_EVERY_MINUTES}")
        if any(t.tzinfo is not None for t in (*self.times, self.waking_start, self.waking_end)):
            raise ValueError("times are wall-clock times: no tzinfo")

    def slots(self) -> tuple[tuple[int, time], ...]:
        """(days after the logical day, wall time) of each daily firing, sorted, no repeats."""
        if self.every_minutes is None:
            return tuple(
                (0, t) for t in sorted({t.replace(second=0, microsecond=0) for t in self.times})
            )
        start = self.waking_start.hour * 60 + self.waking_start.minute
        end = self.waking_end.hour * 60 + self.waking_end.minute
        if end <= start:  # waking hours past midnight, as core/schedule.py reads them
            end += 24 * 60
        minutes = range(start, end + 1, self.every_minutes)
        return tuple((m // 1440, time((m % 1440) // 60, m % 60)) for m in minutes)


# --- text: escaping and folding ------------------------------------------------------------


def clean_text(text: str) -> str:
    """What a TEXT value can carry of `text`: newlines unified, other controls dropped."""
    return _CONTROLS.sub("", _NEWLINES.sub("\n", text))


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    cleaned = clean_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return cleaned.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets with CRLF + space, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = _FOLD_OCTETS
    while len(data) > limit:
        cut = limit
        while cut > 0 and data[cut] & 0xC0 == 0x80:  # a continuation byte: step back
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = _FOLD_OCTETS - 1  # the leading space counts
    parts.append(data)
    return "\r\n ".join(p.decode("utf-8") for p in parts) + "\r\n"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# --- the events -----------------------------------------------------------------------------


def _first_day(start: date, weekdays: frozenset[int]) -> date:
    """The first day on or after `start` that is one of `weekdays` (DTSTART must be an
    occurrence of its RRULE, RFC 5545 3.8.5.3)."""
    return next(
        start + timedelta(days=n) for n in range(7) if (start.weekday() + n) % 7 in weekdays
    )


def _repeat_rule(weekdays: frozenset[int], shift: int) -> str:
    if weekdays == ALL_DAYS:
        return "FREQ=DAILY"
    codes = ",".join(
        DAY_CODES[(d + shift) % 7] for d in sorted(weekdays, key=lambda d: (d + shift) % 7)
    )
    return f"FREQ=WEEKLY;BYDAY={codes}"


# What every event of one export shares: the TZID, the DTSTAMP and the SEQUENCE.
_Head = tuple[str, str, int]


def _event(
    reminder: CalendarReminder, uid: str, start: datetime, head: _Head, rule: str | None
) -> list[str]:
    tzid, stamp, sequence = head
    minutes = reminder.alarm_minutes_before
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SEQUENCE:{sequence}",
        f"DTSTART;TZID={tzid}:{format_local(start)}",
        f"DURATION:PT{int(EVENT_DURATION.total_seconds()) // 60}M",
    ]
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    lines += [
        f"SUMMARY:{escape_text(reminder.summary)}",
        f"DESCRIPTION:{escape_text(reminder.description)}" if reminder.description else "",
        "TRANSP:TRANSPARENT",  # a reminder does not make the person busy
        "CLASS:PRIVATE",  # it is about their health
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:-PT{minutes}M" if minutes else "TRIGGER:PT0M",
        f"DESCRIPTION:{escape_text(reminder.summary)}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return [line for line in lines if line]


def _events(reminder: CalendarReminder, head: _Head) -> list[str]:
    """The VEVENTs of one reminder: one per daily slot (repeating), or one per one-off day
    and time. The UID numbers the slot, so moving a time updates the same event."""
    lines: list[str] = []
    if reminder.one_off_days is not None:
        for d, day in enumerate(sorted(set(reminder.one_off_days))):
            for n, (_, moment) in enumerate(reminder.slots()):
                start = datetime.combine(day, moment)
                lines += _event(reminder, f"{reminder.uid_key}-d{d}-t{n}", start, head, None)
        return lines
    if not reminder.weekdays:
        return lines
    logical = _first_day(reminder.start_day, reminder.weekdays)
    for n, (shift, moment) in enumerate(reminder.slots()):
        start = datetime.combine(logical + timedelta(days=shift), moment)
        rule = _repeat_rule(reminder.weekdays, shift)
        lines += _event(reminder, f"{reminder.uid_key}-t{n}", start, head, rule)
    return lines


def build_calendar(
    reminders: Sequence[CalendarReminder],
    zone: tzinfo,
    now: datetime,
    *,
    name: str = "LipTwitch reminders",
    tzid: str | None = None,
) -> str:
    """The whole .ics text (CRLF line ends, folded): write it with newline="" as UTF-8.

    `now` (aware) is the DTSTAMP and the year the zone's rule is checked from; `tzid`
    overrides the zone's own name (for a zone without a key)."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    keys = [r.uid_key for r in reminders]
    if len(set(keys)) != len(keys):
        raise ValueError("each reminder needs its own uid_key")
    tzid = tzid or zone_id(zone)
    if not TZID_PATTERN.fullmatch(tzid):
        raise ValueError(f"not a usable TZID: {tzid!r}")
    stamp = _utc(now)
    # Later exports carry a higher SEQUENCE, so a calendar that re-imports one takes its
    # events as revisions of the ones it has (seconds since 2024: fits the 32-bit INTEGER).
    sequence = max(0, int((now - _SEQUENCE_EPOCH).total_seconds()))
    years = [now.astimezone(zone).year]
    for reminder in reminders:
        one_offs = reminder.one_off_days
        years += [reminder.start_day.year] if one_offs is None else [d.year for d in one_offs]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",  # RFC 7986
        f"X-WR-CALNAME:{escape_text(name)}",  # what Google and Apple calendars read
        f"X-WR-TIMEZONE:{escape_text(tzid)}",
    ]
    lines += vtimezone(zone, tzid, min(years), max(max(years), years[0] + YEARS_AHEAD))
    for reminder in reminders:
        lines += _events(reminder, (tzid, stamp, sequence))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
