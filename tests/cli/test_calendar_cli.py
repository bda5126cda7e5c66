"""`liptwitch calendar --out FILE.ics` (issue 16): the enabled reminders as an RFC 5545
calendar, read back with the `icalendar` library: each reminder's RRULE, its VALARM, the
person's TZID with a VTIMEZONE that keeps 21:30 at 21:30 across a daylight-saving change.
Bad input: a one-line reason, exit 2, no file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.settings import set_setting

LONDON = ZoneInfo("Europe/London")


def seed(folder: Path, adult: str = "yes") -> None:
    open_database(folder / "liptwitch.sqlite3")
    try:
        now = datetime.now(UTC)
        from liptwitch_desktop.store.supplements import AGE_SETTING

        set_setting(AGE_SETTING, adult)
        set_setting("magnesium_dose_mg", 250)
        set_setting("magnesium_dose_confirmed", True)
        for spec in rs.load_specs().values():
            on = spec.kind is not ReminderKind.CHECKIN  # the check-in switched off
            changed = replace(spec, enabled=on)
            if spec.kind is ReminderKind.HYDRATION:
                changed = replace(changed, interval_hours=2.0)
            if spec.kind is ReminderKind.RECOVERY_STEP:
                changed = replace(changed, plan_start=now.astimezone(LONDON).date())
            rs.save_spec(changed, now)
    finally:
        close_database()


def run(*args: str) -> tuple[int, str, str]:
    env = {**os.environ, "TZ": "Europe/London"}
    done = subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, icalendar.Calendar]:
    folder = tmp_path_factory.mktemp("calendar")
    seed(folder / "data")
    out = folder / "reminders.ics"
    code, said, err = run("--data-dir", str(folder / "data"), "calendar", "--out", str(out))
    assert code == 0, err
    return out, said, icalendar.Calendar.from_ical(out.read_bytes())


def events(calendar: icalendar.Calendar, prefix: str) -> list[icalendar.Event]:
    return [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(prefix)]


def test_it_says_what_it_wrote(exported) -> None:  # type: ignore[no-untyped-def]
    out, said, calendar = exported
    count = len(calendar.walk("VEVENT"))
    # Six reminders switched on (the check-in is off), the recovery plan's five milestones
    # apart; water is one event per slot of the day.
    assert said.strip() == f"Exported 10 reminders ({count} calendar events) to {out}"
    assert out.read_bytes().count(b"\r\n") > 10  # CRLF line ends (RFC 5545)


def test_only_enabled_reminders_are_exported(exported) -> None:  # type: ignore[no-untyped-def]
    _out, _said, calendar = exported
    assert events(calendar, "checkin") == []  # switched off
    for prefix in ("magnesium", "caffeine_cutoff", "caffeine_last_call", "triage_weekly"):
        assert events(calendar, prefix), prefix
    assert "250 mg" in str(events(calendar, "magnesium")[0]["SUMMARY"])


def test_each_event_has_a_rule_an_alarm_and_the_zone(exported) -> None:  # type: ignore[no-untyped-def]
    _out, _said, calendar = exported
    (magnesium,) = events(calendar, "magnesium")
    start = magnesium.decoded("DTSTART")
    assert (start.hour, start.minute) == (21, 30)
    assert magnesium["DTSTART"].params["TZID"] == "Europe/London"
    rule = magnesium["RRULE"]
    assert rule["FREQ"] in (["DAILY"], ["WEEKLY"])
    (alarm,) = magnesium.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    (weekly,) = events(calendar, "triage_weekly")
    assert weekly["RRULE"]["BYDAY"] == ["SU"] and weekly.decoded("DTSTART").hour == 10
    (last_call,) = events(calendar, "caffeine_last_call")
    (cutoff,) = events(calendar, "caffeine_cutoff")
    lead = cutoff.decoded("DTSTART") - last_call.decoded("DTSTART")
    assert lead == timedelta(minutes=30)  # the last call, 30 min before the cutoff


def test_water_every_two_hours_from_waking(exported) -> None:  # type: ignore[no-untyped-def]
    _out, _said, calendar = exported
    starts = sorted(
        (e.decoded("DTSTART").hour, e.decoded("DTSTART").minute)
        for e in events(calendar, "hydration")
    )
    if len(starts) == 1:  # one event repeating within the day
        (water,) = events(calendar, "hydration")
        assert water["RRULE"]["FREQ"] in (["HOURLY"], ["MINUTELY"], ["DAILY"])
    else:
        assert starts == [(h, 0) for h in range(8, 23, 2)]


def test_the_recovery_plan_is_one_event_per_milestone(exported) -> None:  # type: ignore[no-untyped-def]
    _out, _said, calendar = exported
    steps = events(calendar, "recovery_step")
    assert len(steps) == 5
    assert all("RRULE" not in e or e["RRULE"].get("COUNT") == [1] for e in steps)


def test_the_zone_keeps_the_wall_clock_across_a_dst_change(exported) -> None:  # type: ignore[no-untyped-def]
    _out, _said, calendar = exported
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    tz = zone.to_tz()
    assert datetime(2027, 1, 15, 21, 30, tzinfo=tz).utcoffset() == timedelta(0)
    assert datetime(2027, 7, 15, 21, 30, tzinfo=tz).utcoffset() == timedelta(hours=1)
    # The magnesium rule, expanded over the March change (28 March 2027): still 21:30 on
    # the wall clock, so an hour earlier in UTC after it.
    (magnesium,) = events(calendar, "magnesium")
    start = magnesium.decoded("DTSTART").replace(tzinfo=tz)
    rule = rrulestr(magnesium["RRULE"].to_ical().decode(), dtstart=start)
    around = rule.between(datetime(2027, 3, 26, tzinfo=tz), datetime(2027, 3, 31, tzinfo=tz))
    assert [d.date() for d in around] == [date(2027, 3, d) for d in range(26, 31)]
    assert all((d.hour, d.minute) == (21, 30) for d in around)
    utc = [d.astimezone(UTC).hour for d in around]
    assert utc == [21, 21, 20, 20, 20]
    assert [time(d.hour, d.minute) for d in around] == [time(21, 30)] * 5


def test_under_18_no_magnesium_is_exported(tmp_path: Path) -> None:
    seed(tmp_path / "data", adult="no")
    out = tmp_path / "r.ics"
    code, _said, err = run("--data-dir", str(tmp_path / "data"), "calendar", "--out", str(out))
    assert code == 0, err
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert events(calendar, "magnesium") == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("reminders.txt", "must name an .ics file"),
        ("no/such/folder/r.ics", "does not exist"),
    ],
)
def test_bad_out_says_why_and_writes_nothing(tmp_path: Path, name: str, reason: str) -> None:
    seed(tmp_path / "data")
    out = tmp_path / name
    code, said, err = run("--data-dir", str(tmp_path / "data"), "calendar", "--out", str(out))
    assert code == 2 and said == ""
    assert err.startswith("liptwitch calendar: ") and reason in err and err.count("\n") == 1
    assert not out.exists()


def test_no_data_folder_is_refused(tmp_path: Path) -> None:
    code, _said, err = run(
        "--data-dir", str(tmp_path / "none"), "calendar", "--out", str(tmp_path / "r.ics")
    )
    assert code == 2 and "no LipTwitch data" in err
    assert not (tmp_path / "r.ics").exists()


def test_exporting_again_keeps_the_event_ids(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, _said, calendar = exported
    data = out.parent / "data"
    again = tmp_path / "again.ics"
    assert run("--data-dir", str(data), "calendar", "--out", str(again))[0] == 0
    second = icalendar.Calendar.from_ical(again.read_bytes())
    assert sorted(str(e["UID"]) for e in second.walk("VEVENT")) == sorted(
        str(e["UID"]) for e in calendar.walk("VEVENT")
    )


def test_the_settings_button_saves_the_same_calendar(ctx, controllers, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.reminders_settings import RemindersSettings

    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    out = tmp_path / "phone.ics"
    page.tools.ask_path = lambda: out
    page.tools.export_button.click()
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert events(calendar, "caffeine_cutoff") and events(calendar, "checkin")  # the defaults
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert page.tools.status.text().startswith("Saved ")
    assert str(out) in page.tools.status.text()
    # A folder that is not there: said in words, nothing written.
    page.tools.ask_path = lambda: tmp_path / "gone" / "x.ics"
    page.tools.export_button.click()
    assert page.tools.status.text().startswith("Could not save the calendar")
    assert not (tmp_path / "gone").exists()
    page.tools.ask_path = lambda: None  # cancelled: nothing happens
    page.tools.export_button.click()
    assert page.tools.status.text().startswith("Could not save")


def test_a_running_experiment_keeps_its_reminders_out_and_says_so(tmp_path: Path) -> None:
    # Review 16/17, finding 15: the cutoff and last call went out as plain daily events, so
    # the phone nudged in every as-usual week, and after the experiment.
    import random
    from datetime import time

    from liptwitch_desktop.core.experiment import new_experiment
    from liptwitch_desktop.store import experiments

    folder = tmp_path / "data"
    seed(folder)
    open_database(folder / "liptwitch.sqlite3")
    try:
        today = datetime.now(LONDON).date()
        exp = new_experiment(
            "caffeine_cutoff", 6, today, random.Random(1), day_start=time(4), zone_name="UTC"
        )
        experiments.start(exp, today, datetime.now(UTC))
    finally:
        close_database()
    out = tmp_path / "cal.ics"
    code, said, err = run("--data-dir", str(folder), "calendar", "--out", str(out))
    assert code == 0, err
    summaries = {
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    assert not summaries & {"Caffeine cutoff", "Last call for caffeine"}, summaries
    assert any(s.startswith("Magnesium") for s in summaries)  # not switched by it: stays
    assert "Left out while your experiment runs" in said
    assert "Caffeine cutoff" in said and "Last call for caffeine" in said
