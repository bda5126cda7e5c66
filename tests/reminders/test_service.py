"""The reminder service on a controlled clock: firing, Done, snooze, pause, quiet hours,
suspend and restart, zone changes. Jobs run by hand, so no test sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.entries import Intake, IntakeKind
from liptwitch_desktop.core.schedule.specs import FiringOutcome, QuietHours, ReminderKind
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.runtime.zone_watch import ZoneWatcher
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import add_intake, intakes_between
from tests.reminders.fakes import ManualJobs, RecordingBackend

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MG = ReminderKind.MAGNESIUM


def at(day: int, h: int, m: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(2026, 11, day, h, m, tzinfo=zone).astimezone(UTC)


class Mono:
    """A monotonic clock the test advances (it stands still while the laptop sleeps)."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


class Rig:
    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.ctx = ctx
        self.clock: FakeClock = ctx.clock
        self.jobs = ManualJobs()
        self.shown = RecordingBackend()
        self.notifier = Notifier([self.shown])
        self.mono = Mono()
        self.service = ReminderService(
            ctx,
            self.notifier,
            backend=self.jobs,
            monotonic=self.mono,
            watch_logind=False,
        )

    def advance(self, delta: timedelta, sleeping: bool = False) -> None:
        """Move time; a sleeping laptop's monotonic clock does not move."""
        self.clock.advance(delta)
        if not sleeping:
            self.mono.value += delta.total_seconds()
        self.jobs.run_due(self.clock.now())

    def kinds_shown(self) -> list[str]:
        return [n.kind for n in self.shown.shown]


def enable_magnesium(now: datetime, at_time: time = time(21, 30)) -> None:
    spec = replace(rs.get_spec(MG), enabled=True, times=(at_time,))
    rs.save_spec(spec, now - timedelta(days=30))


def only(kind: ReminderKind, now: datetime) -> None:
    """Switch every reminder off but `kind` (so tests see one kind at a time)."""
    for spec in rs.load_specs().values():
        rs.save_spec(replace(spec, enabled=spec.kind is kind), now - timedelta(days=30))


@pytest.fixture
def rig(ctx) -> Iterator[Rig]:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import set_setting

    ctx.clock.set(at(27, 20, 0))
    # The person entered their dose (200 mg) once: a reminder never uses one nobody
    # entered (review 12, W1; tests/reminders/test_unconfirmed_dose.py).
    set_setting("magnesium_dose_confirmed", True)
    only(MG, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now() - timedelta(minutes=1))
    r = Rig(ctx)
    yield r
    r.service.stop()


def test_a_firing_shows_a_notice_through_the_notifier(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    rig.service.start()
    assert rig.jobs.planned()["magnesium"] == at(27, 21, 30)
    job = rig.jobs.jobs["magnesium"]
    assert job[2] == timedelta(hours=2) and job[3] == LONDON  # grace and explicit zone
    with qtbot.waitSignal(rig.service.fired) as fired:
        rig.advance(timedelta(minutes=90))
    notice = fired.args[0]
    assert rig.kinds_shown() == ["magnesium"]
    assert notice.actions == ("done", "snooze")
    assert "200 mg" in notice.body
    firing = rs.get_firing(notice.firing_id)
    assert firing is not None and firing.outcome is FiringOutcome.FIRED
    assert firing.due_at == at(27, 21, 30) and firing.fired_at == at(27, 21, 30)
    assert rig.jobs.planned()["magnesium"] == at(28, 21, 30)


def test_done_logs_the_intake_and_emits_one_change(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    notice = rig.shown.shown[-1]
    rig.clock.advance(timedelta(minutes=3))
    with qtbot.waitSignal(rig.ctx.signals.data_changed) as changed:
        rig.shown.press("magnesium", "done")
    assert changed.args == ["intake"]
    logged = intakes_between(at(27, 0), at(28, 4), IntakeKind.MAGNESIUM)
    assert [(i.magnesium_mg, i.taken_at) for i in logged] == [(200.0, at(27, 21, 33))]
    assert rs.get_firing(notice.firing_id).outcome is FiringOutcome.DONE  # type: ignore[union-attr]
    assert "magnesium" in rig.shown.withdrawn
    # the server closing the notice after the action does not turn "done" into "dismissed"
    rig.shown.close("magnesium", dismissed=True)
    assert rs.get_firing(notice.firing_id).outcome is FiringOutcome.DONE  # type: ignore[union-attr]


def test_snooze_refires_after_ten_minutes(rig: Rig) -> None:
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    first = rig.shown.shown[-1]
    rig.shown.press("magnesium", "snooze")
    assert rs.get_firing(first.firing_id).outcome is FiringOutcome.SNOOZED  # type: ignore[union-attr]
    assert rig.jobs.planned()["snooze:magnesium"] == at(27, 21, 40)
    rig.advance(timedelta(minutes=9, seconds=59))
    assert len(rig.shown.shown) == 1
    rig.advance(timedelta(seconds=1))
    assert len(rig.shown.shown) == 2
    again = rig.shown.shown[-1]
    assert again.firing_id != first.firing_id
    refired = rs.get_firing(again.firing_id)
    assert refired is not None and refired.due_at == at(27, 21, 30)
    assert refired.fired_at == at(27, 21, 40)


def test_snooze_then_logged_elsewhere_does_not_refire(rig: Rig) -> None:
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    rig.shown.press("magnesium", "snooze")
    rig.clock.advance(timedelta(minutes=2))
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    rig.ctx.signals.changed(Change.INTAKE)
    assert "snooze:magnesium" not in rig.jobs.planned()
    rig.advance(timedelta(minutes=20))
    assert len(rig.shown.shown) == 1


def test_logging_magnesium_cancels_tonights_reminder(rig: Rig) -> None:
    rig.service.start()
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=150))
    rig.ctx.signals.changed(Change.INTAKE)
    assert rig.jobs.planned()["magnesium"] == at(28, 21, 30)
    rig.advance(timedelta(hours=3))
    assert rig.shown.shown == []


def test_default_action_opens_the_right_dialog(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    with qtbot.waitSignal(rig.ctx.signals.open_requested) as opened:
        rig.shown.press("magnesium", "default")
    assert opened.args == ["magnesium"]


def test_dismissed_is_recorded(rig: Rig) -> None:
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    notice = rig.shown.shown[-1]
    rig.shown.close("magnesium", dismissed=True)
    assert rs.get_firing(notice.firing_id).outcome is FiringOutcome.DISMISSED  # type: ignore[union-attr]


# --- suspend, restart, clock and zone changes -----------------------------------------------


def test_short_suspend_fires_once_on_wake(rig: Rig) -> None:
    rig.service.start()
    rig.clock.advance(timedelta(minutes=100))  # asleep 20:00 -> 21:40, jobs did not run
    rig.service.watchdog_tick()
    assert rig.kinds_shown() == ["magnesium"]
    # the stale timer firing late afterwards is not a duplicate
    rig.jobs.plan("magnesium", at(27, 21, 30), LONDON, timedelta(hours=2), lambda: None)
    rig.service._on_due(MG, at(27, 21, 30))
    assert rig.kinds_shown() == ["magnesium"]
    assert rig.jobs.planned()["magnesium"] == at(28, 21, 30)


def test_stale_timer_after_suspend_is_coalesced(rig: Rig) -> None:
    rig.service.start()
    rig.advance(timedelta(hours=25), sleeping=True)  # the timer finally runs 23.5 h late
    assert rig.kinds_shown() == []  # far beyond grace: summarised, not fired
    assert rig.service.away_lines() == ["Magnesium not logged yet (due Fri 21:30)"]
    assert rig.jobs.planned()["magnesium"] == at(28, 21, 30)


def test_wake_just_after_the_next_one_fires_that_one_once(rig: Rig) -> None:
    rig.service.start()
    rig.advance(timedelta(hours=26), sleeping=True)  # 22:00 the next day
    assert rig.kinds_shown() == ["magnesium"]
    assert rs.last_due(MG) == at(28, 21, 30)
    assert rig.service.away_lines() == []


def test_long_suspend_gives_one_away_line(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    rig.service.start()
    rig.clock.advance(timedelta(days=2, hours=12))  # three nights missed, woke at 08:00
    with qtbot.waitSignal(rig.service.away_changed) as away:
        rig.service.watchdog_tick()
    assert away.args[0] == ["Magnesium not logged yet (due Sun 21:30)"]
    assert rig.shown.shown == []
    missed = rs.firings_between(at(27, 0), at(30, 12), MG)
    assert [f.outcome for f in missed] == [FiringOutcome.MISSED]
    rig.service.clear_away()
    assert rig.service.away_lines() == []
    rig.service.watchdog_tick()  # no second line for the same miss
    assert rig.service.away_lines() == []


def test_restart_after_the_app_was_closed(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(27, 20, 0))
    only(MG, ctx.clock.now())
    first = Rig(ctx)
    first.service.start()
    first.service.stop()
    ctx.clock.set(at(27, 22, 0))  # reopened 30 minutes after it was due
    second = Rig(ctx)
    second.service.start()
    assert second.kinds_shown() == ["magnesium"]
    second.service.stop()
    ctx.clock.set(at(29, 9, 0))  # reopened two days later: a summary, not a burst
    third = Rig(ctx)
    third.service.start()
    assert third.kinds_shown() == []
    assert third.service.away_lines() == ["Magnesium not logged yet (due Sat 21:30)"]
    third.service.stop()


def test_first_run_ever_fires_nothing_old(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(27, 21, 45))
    only(MG, ctx.clock.now())
    r = Rig(ctx)
    r.service.start()
    assert r.shown.shown == [] and r.service.away_lines() == []
    assert r.jobs.planned()["magnesium"] == at(28, 21, 30)
    r.service.stop()


def test_missed_but_already_logged_is_neither_fired_nor_summarised(rig: Rig) -> None:
    rig.service.start()
    add_intake(Intake(taken_at=at(27, 20, 30), kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    rig.clock.advance(timedelta(minutes=100))
    rig.service.watchdog_tick()
    assert rig.shown.shown == [] and rig.service.away_lines() == []


def test_zone_change_replans_on_the_new_wall_clock(ctx) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(27, 22, 0))
    only(MG, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now())
    zones = [LONDON]
    r = Rig(ctx)
    watch = ZoneWatcher(ctx, lambda: zones[0])  # the composition root's zone watcher
    r.service.start()
    assert r.jobs.planned()["magnesium"] == at(28, 21, 30)
    zones[0] = NEW_YORK  # the person lands in New York (17:00 there)
    r.advance(timedelta(minutes=1))
    r.service.watchdog_tick()  # the service's own watchdog does not look at the zone ...
    assert ctx.zone == LONDON and r.jobs.planned()["magnesium"] == at(28, 21, 30)
    assert watch.check()  # ... the watcher does, and says so with Change.ZONE
    assert ctx.zone == NEW_YORK
    assert r.jobs.planned()["magnesium"] == at(27, 21, 30, NEW_YORK)
    assert r.shown.shown == []
    r.service.stop()


def test_a_zone_change_while_away_resolves_what_it_skipped(ctx) -> None:  # type: ignore[no-untyped-def]
    """Moved to New York: 21:30 there is 02:30 in London. Woken at 21:35 New York time (the
    clock jumped while asleep), the New York reminder is inside its grace and fires once."""
    ctx.clock.set(at(27, 22, 0))
    only(MG, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now())
    zones = [LONDON]
    r = Rig(ctx)
    watch = ZoneWatcher(ctx, lambda: zones[0])
    r.service.start()
    zones[0] = NEW_YORK
    r.clock.set(at(27, 21, 35, NEW_YORK))  # asleep through the flight: no job ran
    watch.check()
    assert r.kinds_shown() == ["magnesium"]
    r.service.stop()


# --- pause and quiet hours ------------------------------------------------------------------


def test_pause_one_hour_and_resume(rig: Rig) -> None:
    rig.clock.set(at(27, 21, 0))
    rig.service.start()
    until = rig.service.pause_for(timedelta(hours=1))
    assert until == at(27, 22, 0)
    assert rig.service.paused_until() == until
    assert rig.jobs.planned()["magnesium"] == at(28, 21, 30)
    rig.service.resume()
    assert rig.service.paused_until() is None
    assert rig.jobs.planned()["magnesium"] == at(27, 21, 30)


def test_pause_until_tomorrow(rig: Rig) -> None:
    rig.service.start()
    until = rig.service.pause_until_tomorrow()
    assert until == at(28, 4, 0)
    rig.advance(timedelta(hours=3))
    assert rig.shown.shown == []


def test_quiet_hours_change_rebuilds_jobs(rig: Rig) -> None:
    rig.service.start()
    rs.set_quiet_hours(QuietHours(time(21, 0), time(7, 0)))
    rig.ctx.signals.changed(Change.SETTINGS)
    assert "magnesium" not in rig.jobs.planned()
    assert rig.service.any_enabled()  # quiet hours hold the job back; the reminder stays on
    rs.set_quiet_hours(None)
    rig.ctx.signals.changed(Change.SETTINGS)
    assert rig.jobs.planned()["magnesium"] == at(27, 21, 30)


def test_disabling_cancels_the_job(rig: Rig) -> None:
    rig.service.start()
    rs.set_enabled(MG, False, rig.clock.now())
    rig.ctx.signals.changed(Change.REMINDER)
    assert "magnesium" not in rig.jobs.planned()
    assert not rig.service.any_enabled()


def test_adopt_plan_items_turns_reminders_on(rig: Rig) -> None:
    from liptwitch_desktop.controllers.reminders import RemindersController

    rig.service.start()
    # The controller writes; the service plans from the Change.REMINDER it emits.
    kinds = RemindersController(rig.ctx).adopt_plan_items(["caffeine_cutoff", "recovery_plan"])
    assert ReminderKind.RECOVERY_STEP in kinds
    planned = rig.jobs.planned()
    assert planned["caffeine_cutoff"] == at(28, 12, 0)
    assert planned["caffeine_last_call"] == at(28, 11, 30)
    # adopted at 20:00: day 0's 09:00 has passed (the wizard showed week 1), next is week 2
    assert planned["recovery_step"] == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert rs.get_spec(ReminderKind.RECOVERY_STEP).plan_start == date(2026, 11, 27)


def test_no_notifier_backend_falls_back_to_the_banner(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(at(27, 21, 29))
    only(MG, ctx.clock.now())
    rs.set_checked_at(ctx.clock.now())
    jobs = ManualJobs()
    notifier = Notifier([RecordingBackend(available=False)])
    service = ReminderService(ctx, notifier, backend=jobs, watch_logind=False)
    service.start()
    ctx.clock.advance(timedelta(minutes=1))
    with qtbot.waitSignal(notifier.banner_requested) as banner:
        jobs.run_due(ctx.clock.now())
    assert banner.args[0].kind == "magnesium"
    service.stop()


def test_stop_shuts_the_scheduler(rig: Rig) -> None:
    rig.service.start()
    assert rig.jobs.started
    rig.service.stop()
    assert not rig.jobs.started and not rig.service.running


def test_a_drink_after_the_cutoff_gets_one_gentle_note(rig: Rig, qtbot) -> None:  # type: ignore[no-untyped-def]
    rig.service.start()
    notes: list[str] = []
    rig.service.late_drink_noted.connect(notes.append)
    morning = Intake(at(27, 8, 0), IntakeKind.CAFFEINE, "Coffee", caffeine_mg=95)
    add_intake(morning)
    late = add_intake(Intake(rig.clock.now(), IntakeKind.CAFFEINE, "Coffee", caffeine_mg=95))
    rig.ctx.signals.changed(Change.INTAKE)
    assert len(notes) == 1
    # 20:00 -> 23:00 bedtime, 5 h half-life: 95 * 0.5**0.6 = 62.7 from this one, plus the
    # morning coffee's 95 * 0.5**3 = 11.9: about 75 mg
    assert "after your 12:00 cutoff" in notes[0]
    assert "About 75 mg" in notes[0] and "63 mg of it from this drink" in notes[0]
    assert "half-life of 5 h" in notes[0]
    rig.ctx.signals.changed(Change.INTAKE)
    assert len(notes) == 1  # once per drink
    assert late.id is not None


def test_a_drink_before_the_cutoff_gets_no_note(rig: Rig) -> None:
    rig.clock.set(at(27, 9, 0))
    rig.service.start()
    notes: list[str] = []
    rig.service.late_drink_noted.connect(notes.append)
    add_intake(Intake(rig.clock.now(), IntakeKind.CAFFEINE, "Tea", caffeine_mg=47))
    rig.ctx.signals.changed(Change.INTAKE)
    assert notes == []
