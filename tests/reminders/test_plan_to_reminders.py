"""A plan ticked on a triage result becomes reminders (app wiring across triage and reminders)."""

from __future__ import annotations

from liptwitch_desktop.app.after_paint import adopt_triage_actions
from liptwitch_desktop.controllers.log import LogController
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.ui.main_window import MainWindow
from tests.reminders.fakes import ManualJobs


def test_every_triage_action_enables_its_reminder(ctx, qtbot):
    from liptwitch_desktop.core.knowledge import load_knowledge

    service = ReminderService(ctx, Notifier(), backend=ManualJobs(), watch_logind=False)
    service.start()
    ctx.extras["reminder_service"] = service
    for kind in (ReminderKind.MAGNESIUM, ReminderKind.HYDRATION, ReminderKind.TRIAGE_WEEKLY):
        spec = rs.load_specs()[kind]
        assert not spec.enabled or kind is ReminderKind.TRIAGE_WEEKLY
    from liptwitch_desktop.store.settings import set_setting

    # The magnesium notice comes first on this path (tests/ui/test_triage_edges.py).
    set_setting("magnesium_notice_shown", True)
    actions = [a.id for a in load_knowledge().actions]
    adopted = adopt_triage_actions(ctx, actions)
    specs = rs.load_specs()
    for kind in (
        ReminderKind.CAFFEINE_CUTOFF,
        ReminderKind.MAGNESIUM,
        ReminderKind.HYDRATION,
        ReminderKind.TRIAGE_WEEKLY,
        ReminderKind.RECOVERY_STEP,
    ):
        assert specs[kind].enabled, kind
        assert kind in adopted
    service.stop()


def test_window_passes_the_wizards_plan_on(ctx, qtbot):
    window = MainWindow(ctx, LogController(ctx))
    qtbot.addWidget(window)
    page = window.page("triage")
    with qtbot.waitSignal(window.plan_adopted) as signal:
        page.plan_adopted.emit(["remind_magnesium"])
    assert signal.args == [["remind_magnesium"]]
