"""The reminders calendar, read back by an independent parser (`icalendar`, whose VTIMEZONE
reader is dateutil's): rules, alarms, text, folding, and the zone's offsets on both sides of
daylight-saving changes in both hemispheres, with a zone without DST and UTC."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import icalendar  # the test extra that reads the file back
import pytest
from dateutil import rrule  # icalendar's own dependency
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.calendar_ics import (
    PRODID,
    UID_DOMAIN,
    CalendarReminder,
    build_calendar,
    clean_text,
    escape_text,
    fold,
)
from liptwitch_desktop.core.ics_timezone import transitions, vtimezone

NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def file_zone(cal: icalendar.Calendar) -> tzinfo:
    """The zone as the file defines it (never the parser's own copy of the name)."""
    (component,) = cal.walk("VTIMEZONE")
    zone: tzinfo = component.to_tz(lookup_tzid=False)
    return zone


def events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


def occurrences(event: icalendar.Event, zone: tzinfo, until: datetime) -> list[datetime]:
    """UTC instants of the event, its wall times read in `zone` (the file's VTIMEZONE)."""
    start = event.decoded("DTSTART").replace(tzinfo=None)
    walls: Iterable[datetime] = [start]
    if "RRULE" in event:
        rule = event["RRULE"].to_ical().decode()
        walls = rrule.rrulestr(rule, dtstart=start).between(start, until, inc=True)
    return [w.replace(tzinfo=zone).astimezone(UTC) for w in walls]


def magnesium(**changes: object) -> CalendarReminder:
    fields: dict[str, object] = {
        "uid_key": "magnesium",
        "summary": "Magnesium",
        "start_day": date(2026, 3, 1),  # a Sunday
        "times": (time(21, 0),),
        "weekdays": frozenset({0, 2, 4}),
        "alarm_minutes_before": 10,
    }
    fields.update(changes)
    return CalendarReminder(**fields)  # type: ignore[arg-type]


def test_the_calendar_has_its_header_and_crlf_lines_of_at_most_75_octets() -> None:
    text = build_calendar([magnesium()], LONDON, NOW)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
    cal = parse(text)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"


def test_a_weekly_reminder_has_its_rule_alarm_summary_and_zone() -> None:
    cal = parse(build_calendar([magnesium()], LONDON, NOW))
    (event,) = events(cal)
    assert str(event["SUMMARY"]) == "Magnesium"
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    # DTSTART is the first occurrence of the rule: Monday 2 March, not Sunday 1 March.
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 2, 21, 0)
    assert event.decoded("DURATION") == timedelta(minutes=5)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "WE", "FR"]
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)
    assert str(alarm["DESCRIPTION"]) == "Magnesium"
    assert str(event["UID"]) == f"magnesium-t0@{UID_DOMAIN}"
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["Europe/London"]


def test_every_day_is_a_daily_rule_and_no_lead_is_an_alarm_at_the_start() -> None:
    reminder = magnesium(weekdays=frozenset(range(7)), alarm_minutes_before=0)
    (event,) = events(parse(build_calendar([reminder], LONDON, NOW)))
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert "BYDAY" not in event["RRULE"]
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 1, 21, 0)
    assert event.walk("VALARM")[0].decoded("TRIGGER") == timedelta(0)


# (zone, the day of a change, the offset before, the offset after)
CHANGES = [
    ("Europe/London", date(2026, 3, 29), 0, 60),
    ("Europe/London", date(2026, 10, 25), 60, 0),
    ("America/New_York", date(2026, 3, 8), -300, -240),
    ("America/New_York", date(2026, 11, 1), -240, -300),
    ("Australia/Sydney", date(2026, 4, 5), 660, 600),  # southern: DST ends in April
    ("Australia/Sydney", date(2026, 10, 4), 600, 660),
    ("Asia/Kolkata", date(2026, 3, 29), 330, 330),
    ("UTC", date(2026, 3, 29), 0, 0),
]


@pytest.mark.parametrize(("key", "change", "before", "after"), CHANGES)
def test_events_keep_their_wall_time_across_a_daylight_saving_change(
    key: str, change: date, before: int, after: int
) -> None:
    zone = ZoneInfo(key)
    times = (time(8, 0), time(21, 30))
    reminder = magnesium(
        start_day=change - timedelta(days=7), times=times, weekdays=frozenset(range(7))
    )
    cal = parse(build_calendar([reminder], zone, NOW))
    tz = file_zone(cal)
    until = datetime.combine(change + timedelta(days=7), time(23, 59))
    seen: list[datetime] = []
    for event in events(cal):
        seen += occurrences(event, tz, until)
    assert len(seen) == 2 * 15
    for instant in seen:
        local = instant.astimezone(zone)
        assert local.time() in times, (instant, local)
        expected = datetime.combine(local.date(), local.time(), zone).astimezone(UTC)
        assert instant == expected
        offset = local.utcoffset()
        wanted = before if local.date() < change else after
        assert offset == timedelta(minutes=wanted), local


ZONES = [
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
    "Europe/Dublin",  # "negative DST" in the zone data
    "Africa/Casablanca",  # changes for Ramadan: no yearly rule, listed dates
    "Asia/Jerusalem",  # Friday before the last Sunday
    "America/Santiago",  # first Sunday on or after the 2nd
    "Australia/Lord_Howe",  # a half-hour change
    "Pacific/Chatham",  # +12:45
    "America/Sao_Paulo",  # DST abolished in 2019
]


@pytest.mark.parametrize("key", ZONES)
def test_the_files_zone_gives_zoneinfos_offsets_at_every_change_and_every_day(key: str) -> None:
    zone = ZoneInfo(key)
    cal = parse(build_calendar([magnesium()], zone, NOW))
    tz = file_zone(cal)
    changes = transitions(zone, 2026, 2031)
    probes = [c.at + timedelta(seconds=s) for c in changes for s in (-1, 0, 1, 3600)]
    day = datetime(2026, 1, 1, 12, tzinfo=UTC)
    while day.year < 2032:
        probes.append(day)
        day += timedelta(days=1)
    for instant in probes:
        assert instant.astimezone(tz).utcoffset() == instant.astimezone(zone).utcoffset(), instant


def test_a_yearly_rule_keeps_the_zone_right_years_after_the_years_checked() -> None:
    cal = parse(build_calendar([magnesium()], LONDON, NOW))
    tz = file_zone(cal)
    assert "RRULE" in cal.walk("STANDARD")[0] and "RRULE" in cal.walk("DAYLIGHT")[0]
    for year in (2034, 2036):
        for month, day in ((1, 15), (3, 28), (3, 31), (7, 1), (10, 26), (12, 1)):
            instant = datetime(year, month, day, 12, tzinfo=UTC)
            assert instant.astimezone(tz).utcoffset() == instant.astimezone(LONDON).utcoffset()


def test_a_zone_without_dst_and_a_fixed_offset_have_one_standard_observance() -> None:
    for zone, tzid in ((ZoneInfo("Asia/Kolkata"), "Asia/Kolkata"), (UTC, "UTC")):
        cal = parse(build_calendar([magnesium()], zone, NOW))
        (observance,) = cal.walk("VTIMEZONE")[0].subcomponents
        assert observance.name == "STANDARD"
        assert str(cal.walk("VTIMEZONE")[0]["TZID"]) == tzid
    fixed = timezone(timedelta(hours=5, minutes=45))
    text = build_calendar([magnesium()], fixed, NOW)
    assert "DTSTART;TZID=UTC+0545:20260302T210000" in text
    cal = parse(text)
    assert cal.walk("STANDARD")[0].decoded("TZOFFSETTO") == timedelta(hours=5, minutes=45)
    assert datetime(2026, 7, 1, tzinfo=UTC).astimezone(file_zone(cal)).utcoffset() == timedelta(
        hours=5, minutes=45
    )


def test_hydration_is_a_daily_event_per_slot_across_waking_hours_past_midnight() -> None:
    water = CalendarReminder(
        uid_key="hydration",
        summary="Water",
        start_day=date(2026, 3, 2),  # a Monday
        every_minutes=180,
        waking_start=time(20, 0),
        waking_end=time(2, 0),
        weekdays=frozenset({0}),
    )
    found = events(parse(build_calendar([water], LONDON, NOW)))
    starts = [e.decoded("DTSTART").replace(tzinfo=None) for e in found]
    assert starts == [datetime(2026, 3, 2, 20), datetime(2026, 3, 2, 23), datetime(2026, 3, 3, 2)]
    # The 02:00 slot belongs to Monday's waking hours, so it falls on Tuesdays.
    assert [e["RRULE"]["BYDAY"] for e in found] == [["MO"], ["MO"], ["TU"]]
    assert len({str(e["UID"]) for e in found}) == 3


def test_hydration_every_15_minutes_over_a_whole_day_stays_bounded() -> None:
    water = CalendarReminder(
        "hydration",
        "Water",
        date(2026, 3, 2),
        every_minutes=15,
        waking_start=time(0),
        waking_end=time(0),
    )
    assert len(events(parse(build_calendar([water], LONDON, NOW)))) == 24 * 4 + 1


def test_recovery_milestones_are_single_events_and_none_left_is_no_event() -> None:
    days = (date(2026, 3, 1), date(2026, 3, 8), date(2026, 5, 24))
    plan = magnesium(
        uid_key="recovery", summary="Week 2: magnesium", one_off_days=days, times=(time(9),)
    )
    found = events(parse(build_calendar([plan], LONDON, NOW)))
    assert [e.decoded("DTSTART").replace(tzinfo=None).date() for e in found] == list(days)
    assert all("RRULE" not in e for e in found)
    assert all(e.decoded("DTSTART").time() == time(9) for e in found)
    finished = magnesium(uid_key="recovery", one_off_days=())
    assert events(parse(build_calendar([finished], LONDON, NOW))) == []


def test_uids_are_stable_across_exports_and_a_later_export_has_a_higher_sequence() -> None:
    first = events(parse(build_calendar([magnesium()], LONDON, NOW)))
    moved = magnesium(times=(time(22, 15),))
    later = events(parse(build_calendar([moved], LONDON, NOW + timedelta(days=3))))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in later]
    assert int(later[0]["SEQUENCE"]) > int(first[0]["SEQUENCE"])
    assert later[0].decoded("DTSTART").time() == time(22, 15)
    assert build_calendar([magnesium()], LONDON, NOW) == build_calendar([magnesium()], LONDON, NOW)


def test_a_long_non_ascii_summary_is_folded_inside_no_character() -> None:
    summary = "Magnésium — 300 mg au dîner, avec de l'eau; 🍵 " * 8
    text = build_calendar([magnesium(summary=summary, description="Ζ" * 200)], LONDON, NOW)
    raw = text.encode()
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # a fold never splits a UTF-8 character
    (event,) = events(parse(text))
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == "Ζ" * 200


def test_fold_uses_every_octet_it_may() -> None:
    folded = fold("X" * 200)
    assert [len(part) for part in folded.split("\r\n")] == [75, 75, 52, 0]
    assert folded.replace("\r\n ", "") == "X" * 200 + "\r\n"


def test_commas_semicolons_backslashes_and_newlines_are_escaped() -> None:
    summary = "Coffee, tea; or\\water\nthen sleep"
    text = build_calendar([magnesium(summary=summary)], LONDON, NOW)
    assert "SUMMARY:Coffee\\, tea\\; or\\\\water\\nthen sleep\r\n" in text
    (event,) = events(parse(text))
    assert str(event["SUMMARY"]) == summary
    assert escape_text("a\r\nb\rc\x00d\ud800e") == "a\\nb\\ncde"


@pytest.mark.parametrize(
    "changes",
    [
        {"uid_key": "has space"},
        {"uid_key": ""},
        {"summary": " \x00 "},
        {"weekdays": frozenset({7})},
        {"every_minutes": 5},
        {"alarm_minutes_before": -1},
        {"times": (time(8, tzinfo=UTC),)},
    ],
)
def test_a_reminder_that_cannot_be_written_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        magnesium(**changes)


def test_two_reminders_with_one_key_and_a_naive_now_are_refused() -> None:
    with pytest.raises(ValueError, match="uid_key"):
        build_calendar([magnesium(), magnesium()], LONDON, NOW)
    with pytest.raises(ValueError, match="aware"):
        build_calendar([magnesium()], LONDON, NOW.replace(tzinfo=None))


def test_vtimezone_lines_are_plain_ascii() -> None:
    for key in ZONES:
        assert all(line.isascii() for line in vtimezone(ZoneInfo(key), key, 2026, 2031))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    summary=st.text(st.characters(exclude_categories=()), min_size=1, max_size=300),
    times=st.lists(st.times(), min_size=1, max_size=4),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    alarm=st.integers(0, 24 * 60),
)
def test_any_summary_and_times_round_trip(
    summary: str, times: list[time], weekdays: frozenset[int], alarm: int
) -> None:
    assume(clean_text(summary).strip())
    reminder = magnesium(
        summary=summary, times=tuple(times), weekdays=weekdays, alarm_minutes_before=alarm
    )
    text = build_calendar([reminder], LONDON, NOW)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    found = events(parse(text))
    wanted = sorted({t.replace(second=0, microsecond=0) for t in times})
    assert [e.decoded("DTSTART").time() for e in found] == wanted
    for event in found:
        assert str(event["SUMMARY"]) == clean_text(summary)
        (alarm_component,) = event.walk("VALARM")
        assert str(alarm_component["DESCRIPTION"]) == clean_text(summary)
        assert alarm_component.decoded("TRIGGER") == timedelta(minutes=-alarm)
        start = event.decoded("DTSTART").replace(tzinfo=None)
        assert start.weekday() in weekdays and start.date() >= date(2026, 3, 1)
