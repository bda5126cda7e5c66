"""Issue 15: Reminders settings show, for each reminder, when it fires next and why not
today ("skipped today: already logged")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.days import DEFAULT_DAY_START, local_day
from liptwitch_desktop.core.schedule.specs import (
    QuietHours,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
)
from liptwitch_desktop.reminders.upcoming import next_line, upcoming

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # a Friday, noon in London
MG = ReminderSpec(ReminderKind.MAGNESIUM, times=(time(21, 30),))


def nothing(_at: datetime) -> frozenset[str]:
    return frozenset()


def logged_on_the_day_of(now: datetime):  # type: ignore[no-untyped-def]
    """Magnesium logged on `now`'s day only."""

    def logged(at: datetime) -> frozenset[str]:
        same = local_day(at, LONDON) == local_day(now, LONDON)
        return frozenset({"magnesium"}) if same else frozenset()

    return logged


magnesium_logged = logged_on_the_day_of(NOW)
NO_POLICY = ReminderPolicy()


def line(spec: ReminderSpec, policy: ReminderPolicy = NO_POLICY, logged=nothing) -> str:  # type: ignore[no-untyped-def]
    return next_line(spec, policy, LONDON, NOW, DEFAULT_DAY_START, logged)


def test_due_later_today() -> None:
    assert line(MG) == "Next: today 21:30"


def test_already_logged_skips_today() -> None:
    assert line(MG, logged=magnesium_logged) == (
        "Next: tomorrow 21:30 — skipped today: already logged"
    )


def test_paused_and_quiet_hours_say_so() -> None:
    paused = ReminderPolicy(paused_until=datetime(2026, 11, 28, 4, 0, tzinfo=UTC))
    assert line(MG, paused) == "Next: tomorrow 21:30 — skipped today: paused until 04:00"
    quiet = ReminderPolicy(quiet_hours=QuietHours(time(21, 0), time(7, 0)))
    assert line(MG, quiet).endswith("— skipped today: quiet hours")
    assert "nothing planned" in line(MG, quiet)  # every day's 21:30 is in quiet hours


def test_off_passed_and_not_one_of_its_days() -> None:
    assert line(replace(MG, enabled=False)) == "Off"
    early = replace(MG, times=(time(9, 0),))
    assert line(early) == "Next: tomorrow 09:00 — today's was at 09:00"
    weekly = ReminderSpec(ReminderKind.TRIAGE_WEEKLY, times=(time(10, 0),), weekdays={6})
    assert line(weekly) == "Next: Sun 29 Nov 10:00"


@settings(max_examples=80, deadline=None)
@given(
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31)),
    st.times(),
    st.booleans(),
)
def test_the_next_one_is_in_the_future_and_never_today_once_logged(
    naive: datetime, at: time, logged: bool
) -> None:
    now = naive.replace(tzinfo=UTC)
    spec = ReminderSpec(ReminderKind.MAGNESIUM, times=(at.replace(second=0, microsecond=0),))
    found = upcoming(
        spec, ReminderPolicy(), LONDON, now, DEFAULT_DAY_START,
        logged_on_the_day_of(now) if logged else nothing,
    )  # fmt: skip
    assert found.next_at is not None and now < found.next_at <= now + timedelta(days=2, hours=1)
    if logged:
        assert local_day(found.next_at, LONDON) != local_day(now, LONDON)


def test_the_settings_page_shows_each_line_and_follows_a_log(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.core.changes import Change
    from liptwitch_desktop.core.entries import Intake, IntakeKind
    from liptwitch_desktop.store import reminder_store as rs
    from liptwitch_desktop.store.entries import add_intake
    from liptwitch_desktop.store.settings import set_setting
    from liptwitch_desktop.ui.reminders_settings import RemindersSettings

    ctx.clock.set(NOW)
    set_setting("magnesium_notice_shown", True)
    rs.save_spec(replace(rs.get_spec(ReminderKind.MAGNESIUM), enabled=True), NOW)
    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    labels = page.next_labels
    assert labels[ReminderKind.MAGNESIUM].text() == "Next: today 21:30"
    assert labels[ReminderKind.HYDRATION].text() == "Off"
    assert labels[ReminderKind.TRIAGE_WEEKLY].text() == "Next: Sun 29 Nov 10:00"
    add_intake(Intake(taken_at=NOW, kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    ctx.signals.changed(Change.INTAKE)
    assert labels[ReminderKind.MAGNESIUM].text() == (
        "Next: tomorrow 21:30 — skipped today: already logged"
    )
    assert "already logged" in labels[ReminderKind.MAGNESIUM].accessibleName()
