"""Do Not Disturb (issue 16): while it is on, reminders are held (a "held" row in the
firing table, nothing shown); when it ends the still relevant ones are shown once. Quiet
hours and pause keep working. The desktop's answer is a stand-in probe here; the real
servers are in tests/reminders/test_dnd_servers.py and tests/e2e/test_dnd_e2e.py."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import Intake, IntakeKind
from liptwitch_desktop.core.schedule.specs import FiringOutcome, QuietHours, ReminderKind
from liptwitch_desktop.reminders.dnd_gate import DoNotDisturbGate
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import add_intake
from tests.reminders.test_service import MG, Rig, at, rig  # noqa: F401  (a fixture)


class Desktop:
    """A probe whose answer the test sets: True (on), False (off), None (cannot tell)."""

    def __init__(self) -> None:
        self.answer: bool | None = False
        self.asked = 0

    def is_active(self) -> bool | None:
        self.asked += 1
        return self.answer

    def close(self) -> None:
        pass


@pytest.fixture
def desktop(rig: Rig, qapp) -> Desktop:  # type: ignore[no-untyped-def]  # noqa: F811
    probe = Desktop()
    rig.gate = DoNotDisturbGate(probe, open_watch=lambda: None, poll_ms=60_000)  # type: ignore[attr-defined]
    rig.service = ReminderService(
        rig.ctx,
        rig.notifier,
        backend=rig.jobs,
        monotonic=rig.mono,
        watch_logind=False,
        dnd=rig.gate,  # type: ignore[attr-defined]
    )
    return probe


def outcomes() -> list[str]:
    return [f.outcome.value for f in rs.firings_between(at(27, 0), at(30, 0), MG)]


def test_a_reminder_due_in_do_not_disturb_is_held_and_shown_once_after(
    rig: Rig,  # noqa: F811
    desktop: Desktop,
) -> None:
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))  # 21:30
    assert rig.shown.shown == []
    assert outcomes() == ["held"]
    assert rig.gate.on  # type: ignore[attr-defined]
    rig.advance(timedelta(minutes=20))
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]  # the timer's (or the watch's) look
    assert rig.kinds_shown() == ["magnesium"]
    firing = rs.get_firing(rig.shown.shown[0].firing_id)
    assert firing is not None and firing.due_at == at(27, 21, 30)
    assert firing.fired_at == at(27, 21, 50)
    rig.gate.check()  # type: ignore[attr-defined]
    rig.service.recheck()
    assert rig.kinds_shown() == ["magnesium"]  # once
    assert outcomes() == ["held", "fired"]


def test_cannot_tell_is_not_disturbed(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    desktop.answer = None
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    assert rig.kinds_shown() == ["magnesium"]


def test_held_but_taken_meanwhile_is_never_shown(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    add_intake(Intake(taken_at=rig.clock.now(), kind=IntakeKind.MAGNESIUM, magnesium_mg=200))
    rig.ctx.signals.changed(Change.INTAKE)
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert rig.shown.shown == []
    assert outcomes() == ["held", "missed"]  # given up, so never shown later either
    rig.service.recheck()
    assert rig.shown.shown == []


def test_held_past_the_next_occurrence_is_given_up(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    desktop.answer = True
    for _hour in range(26):  # Do Not Disturb through tomorrow's 21:30 too
        rig.advance(timedelta(hours=1))
    assert rig.shown.shown == []
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert rig.kinds_shown() == ["magnesium"]  # tomorrow's, once; today's given up
    shown = rs.get_firing(rig.shown.shown[0].firing_id)
    assert shown is not None and shown.due_at == at(28, 21, 30)


def test_held_then_quiet_hours_when_it_ends_stays_quiet(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    rs.set_quiet_hours(QuietHours(time(21, 45), time(7, 0)))
    rig.advance(timedelta(minutes=30))
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert rig.shown.shown == []


def test_pause_still_skips_without_holding(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    rig.service.pause_for(timedelta(hours=3))
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    assert outcomes() == []  # paused: skipped, as before; nothing held
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert rig.shown.shown == []


def test_held_survives_a_restart(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    rig.service.stop()  # quit during Do Not Disturb
    rig.clock.advance(timedelta(minutes=10))
    desktop.answer = False
    gate = DoNotDisturbGate(desktop, open_watch=lambda: None)
    again = ReminderService(
        rig.ctx, rig.notifier, backend=rig.jobs, monotonic=rig.mono, watch_logind=False, dnd=gate
    )
    again.start()
    try:
        assert rig.kinds_shown() == ["magnesium"]
        assert outcomes() == ["held", "fired"]
    finally:
        again.stop()


def test_a_repeat_due_in_do_not_disturb_is_held_too(rig: Rig, desktop: Desktop) -> None:  # noqa: F811
    rig.service.start()
    rig.advance(timedelta(minutes=90))
    desktop.answer = True
    rig.advance(timedelta(minutes=30))  # the repeat's time
    assert rig.kinds_shown() == ["magnesium"]
    assert outcomes() == ["fired", "held"]
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert rig.kinds_shown() == ["magnesium", "magnesium"]


def test_the_store_lists_held_firings_nothing_has_dealt_with(ctx) -> None:  # type: ignore[no-untyped-def]
    due = at(27, 21, 30)
    ctx.clock.set(due + timedelta(hours=1))
    held = rs.record_firing(MG, due, FiringOutcome.HELD)
    rs.record_firing(ReminderKind.CHECKIN, due, FiringOutcome.HELD)
    assert [f.id for f in rs.held_firings(due - timedelta(days=1))] == [held.id, held.id + 1]
    rs.record_firing(MG, due, FiringOutcome.FIRED, fired_at=due)
    assert [f.kind for f in rs.held_firings(due - timedelta(days=1))] == [ReminderKind.CHECKIN]


def test_the_gate_looks_again_while_on_and_says_when_it_ended(qtbot) -> None:  # type: ignore[no-untyped-def]
    probe = Desktop()
    probe.answer = True
    opened: list[str] = []
    gate = DoNotDisturbGate(probe, open_watch=lambda: opened.append("watch"), poll_ms=20)
    assert gate.active() and gate.on and opened == ["watch"]
    probe.answer = False
    with qtbot.waitSignal(gate.ended, timeout=2000):
        pass  # the timer asks again
    assert not gate.on
    asked = probe.asked
    qtbot.wait(100)
    assert probe.asked == asked  # off: no more polling
    gate.stop()


def test_held_and_silenced_when_it_ends_is_one_away_line_not_lost(
    rig: Rig,  # noqa: F811
    desktop: Desktop,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    rs.set_quiet_hours(QuietHours(time(21, 45), time(7, 0)))
    rig.advance(timedelta(minutes=30))
    desktop.answer = False
    with qtbot.waitSignal(rig.service.away_changed) as away:
        rig.gate.check()  # type: ignore[attr-defined]
    assert away.args[0] == ["Magnesium not logged yet (due Fri 21:30)"]
    assert rig.shown.shown == []


def test_the_tray_tooltip_says_reminders_are_held(rig: Rig, desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from PySide6.QtWidgets import QSystemTrayIcon

    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.ui.tray import TrayController

    class Window:  # what the tray asks of a window, for the tooltip only
        hide_on_close = None

    tray = TrayController(
        rig.ctx, Window(), rig.service, build_controllers(rig.ctx).settings, tray_available=False
    )
    tray.icon = QSystemTrayIcon()  # no tray host offscreen: an icon that is never shown
    rig.service.state_changed.connect(tray.update_icon)
    rig.service.start()
    desktop.answer = True
    rig.advance(timedelta(minutes=90))
    assert tray.icon.toolTip().endswith("reminders held while Do Not Disturb is on")
    desktop.answer = False
    rig.gate.check()  # type: ignore[attr-defined]
    assert "held" not in tray.icon.toolTip()
