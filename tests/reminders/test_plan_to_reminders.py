"""A plan ticked on a triage result becomes reminders (the window's wiring across triage and
reminders): the controllers write them, the running service plans them from the change."""

from __future__ import annotations

from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.settings import set_setting
from liptwitch_desktop.ui.main_window import MainWindow

ADOPTED = (
    ReminderKind.CAFFEINE_CUTOFF,
    ReminderKind.MAGNESIUM,
    ReminderKind.HYDRATION,
    ReminderKind.TRIAGE_WEEKLY,
    ReminderKind.RECOVERY_STEP,
)


def test_every_triage_action_enables_its_reminder(ctx, controllers, service, qtbot):  # type: ignore[no-untyped-def]
    from liptwitch_desktop.core.knowledge import load_knowledge

    for kind in (ReminderKind.MAGNESIUM, ReminderKind.HYDRATION, ReminderKind.TRIAGE_WEEKLY):
        spec = rs.load_specs()[kind]
        assert not spec.enabled or kind is ReminderKind.TRIAGE_WEEKLY
    # The magnesium notice comes first on this path (tests/ui/test_triage_edges.py).
    set_setting("magnesium_notice_shown", True)
    window = MainWindow(ctx, controllers)
    qtbot.addWidget(window)
    adopted = window.adopt_plan([a.id for a in load_knowledge().actions])
    specs = rs.load_specs()
    for kind in ADOPTED:
        assert specs[kind].enabled, kind
        assert kind in adopted
        assert kind.value in service.planned(), kind  # the service heard Change.REMINDER


def test_window_passes_the_wizards_plan_on(ctx, controllers, qtbot):  # type: ignore[no-untyped-def]
    set_setting("magnesium_notice_shown", True)
    window = MainWindow(ctx, controllers)
    qtbot.addWidget(window)
    page = window.page("triage")
    page.plan_adopted.emit(["remind_magnesium"])
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled
