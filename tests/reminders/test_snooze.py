"""Snooze choices (issue 16): 10 min, 30 min, 1 h and tomorrow from a notification with room
for them, one "Snooze" of the length set in Settings otherwise, and from the tray and the
in-window banner. Jobs run by hand (tests/reminders/fakes.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.reminders.notifier import FreedesktopBackend, Notice, Notifier
from liptwitch_desktop.reminders.snooze import CHOICES, expanded_actions, room_for, snooze_end
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.settings import set_setting
from tests.reminders.test_notifier import RecordingLink, notify_messages
from tests.reminders.test_service import MG, Rig, at, only, rig  # noqa: F401  (a fixture)

LONDON = ZoneInfo("Europe/London")


def fire_magnesium(rig: Rig) -> Notice:  # noqa: F811
    rig.service.start()
    rig.advance(timedelta(minutes=90))  # 21:30: the magnesium reminder
    return rig.shown.shown[-1]


def test_each_snooze_choice_from_the_notification_comes_back_at_its_time(rig: Rig) -> None:  # noqa: F811
    first = fire_magnesium(rig)
    rig.shown.press("magnesium", "snooze:30")
    assert rs.get_firing(first.firing_id).outcome is FiringOutcome.SNOOZED  # type: ignore[union-attr]
    assert rig.jobs.planned()["snooze:magnesium"] == at(27, 22, 0)
    rig.advance(timedelta(minutes=29))
    assert len(rig.shown.shown) == 1
    rig.advance(timedelta(minutes=1))
    assert len(rig.shown.shown) == 2
    rig.shown.press("magnesium", "snooze:60")
    assert rig.jobs.planned()["snooze:magnesium"] == at(27, 23, 0)


def test_the_lone_snooze_button_snoozes_for_the_length_set_in_settings(rig: Rig) -> None:  # noqa: F811
    set_setting("reminders_snooze_default", "60")
    first = fire_magnesium(rig)
    assert first.snooze_default == "60"
    rig.shown.press("magnesium", "snooze")
    assert rig.jobs.planned()["snooze:magnesium"] == at(27, 22, 30)


def test_tomorrow_for_a_daily_reminder_leaves_it_to_tomorrows_firing(rig: Rig) -> None:  # noqa: F811
    first = fire_magnesium(rig)
    rig.shown.press("magnesium", "snooze:tomorrow")
    assert rs.get_firing(first.firing_id).outcome is FiringOutcome.SNOOZED  # type: ignore[union-attr]
    assert "snooze:magnesium" not in rig.jobs.planned()
    rig.advance(timedelta(hours=23, minutes=59))
    assert len(rig.shown.shown) == 1
    rig.advance(timedelta(minutes=1))  # tomorrow 21:30: the regular one, once
    assert len(rig.shown.shown) == 2


def test_tomorrow_for_the_weekly_check_comes_back_the_next_day(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(datetime(2026, 11, 29, 9, 59, tzinfo=UTC))  # a Sunday, 09:59 in London
    only(ReminderKind.TRIAGE_WEEKLY, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now() - timedelta(minutes=1))
    weekly = Rig(ctx)
    try:
        weekly.service.start()
        weekly.advance(timedelta(minutes=1))
        assert weekly.kinds_shown() == ["triage_weekly"]
        weekly.shown.press("triage_weekly", "snooze:tomorrow")
        assert weekly.jobs.planned()["snooze:triage_weekly"] == datetime(
            2026, 11, 30, 10, 0, tzinfo=UTC
        )
        weekly.advance(timedelta(days=1))
        assert weekly.kinds_shown() == ["triage_weekly", "triage_weekly"]
    finally:
        weekly.service.stop()


def test_an_unknown_snooze_choice_is_ignored(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    first = fire_magnesium(rig)
    with qtbot.waitSignal(rig.ctx.signals.open_requested):  # not a snooze: the default
        rig.shown.press("magnesium", "snooze:9999")
    assert rs.get_firing(first.firing_id).outcome is FiringOutcome.FIRED  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(CHOICES),
    st.sampled_from(["Europe/London", "America/New_York", "Australia/Lord_Howe", "UTC"]),
)
def test_a_snooze_always_ends_later_and_tomorrow_keeps_the_wall_clock(
    naive: datetime, choice: str, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    now = naive.replace(tzinfo=UTC)
    end = snooze_end(choice, now, zone)
    assert end > now
    if choice == "tomorrow":
        assert timedelta(hours=22) <= end - now <= timedelta(hours=26)
        local, later = now.astimezone(zone), end.astimezone(zone)
        assert later.date() == local.date() + timedelta(days=1)
    else:
        assert end - now == timedelta(minutes=int(choice))


def test_server_room_decides_choices_or_one_snooze() -> None:
    assert room_for("dunst") >= 5 and room_for("gnome-shell") == 3 and room_for(None) == 3
    four = tuple("snooze:" + c for c in CHOICES)
    assert expanded_actions(("done", "snooze"), room_for("dunst")) == ("done", *four)
    assert expanded_actions(("done", "snooze"), room_for("gnome-shell")) == ("done", "snooze")
    assert expanded_actions(("done",), 16) == ("done",)


class NamedLink(RecordingLink):
    def __init__(self, server: str) -> None:
        super().__init__()
        self.server = server

    def call_blocking(self, message, timeout: float = 2.0):  # type: ignore[no-untyped-def]
        if message.header.fields[3] == "GetServerInformation":
            return (self.server, "vendor", "1.0", "1.2")
        return super().call_blocking(message, timeout)


def test_dunst_gets_the_four_choices_gnome_one_snooze_of_the_default(qapp) -> None:  # type: ignore[no-untyped-def]
    notice = Notice("magnesium", "Magnesium", "200 mg", ("done", "snooze"), "magnesium", 7, "30")
    link = NamedLink("dunst")
    Notifier([FreedesktopBackend(link=link)]).notify(notice)
    assert notify_messages(link)[0].body[5] == [
        "default", "Open", "done", "Done",
        "snooze:10", "Snooze 10 min", "snooze:30", "Snooze 30 min",
        "snooze:60", "Snooze 1 h", "snooze:tomorrow", "Snooze until tomorrow",
    ]  # fmt: skip
    link = NamedLink("gnome-shell")
    Notifier([FreedesktopBackend(link=link)]).notify(notice)
    assert notify_messages(link)[0].body[5] == [
        "default", "Open", "done", "Done", "snooze", "Snooze 30 min",
    ]  # fmt: skip


def test_a_snooze_in_quiet_hours_does_not_come_back(rig: Rig) -> None:  # noqa: F811
    from liptwitch_desktop.core.schedule.specs import QuietHours

    fire_magnesium(rig)
    rs.set_quiet_hours(QuietHours(time(21, 45), time(7, 0)))
    rig.shown.press("magnesium", "snooze:30")
    rig.advance(timedelta(minutes=30))
    assert len(rig.shown.shown) == 1
