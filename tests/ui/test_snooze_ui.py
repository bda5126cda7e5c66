"""Snooze choices in the tray, the in-window banner and Settings (issue 16)."""

from __future__ import annotations

from liptwitch_desktop.core.schedule.specs import FiringOutcome
from liptwitch_desktop.reminders.notifier import Notice
from liptwitch_desktop.store import reminder_store as rs
from tests.reminders.test_service import Rig, at, rig  # noqa: F401  (a fixture)
from tests.reminders.test_snooze import fire_magnesium
from tests.ui.test_tray import window  # noqa: F401  (a fixture)


def test_the_tray_offers_the_choices_for_a_shown_reminder(ctx, window, rig: Rig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from liptwitch_desktop.ui.tray import TrayController

    tray = TrayController(
        ctx, window, rig.service, window.controllers.settings, tray_available=False
    )
    tray.menu.aboutToShow.emit()
    assert tray.action("tray_snooze_magnesium") is None  # nothing shown yet
    first = fire_magnesium(rig)
    tray.menu.aboutToShow.emit()
    sub = tray.action("tray_snooze_magnesium").menu()  # type: ignore[union-attr]
    assert [a.text() for a in sub.actions()] == [
        "10 minutes", "30 minutes", "1 hour", "Until tomorrow",
    ]  # fmt: skip
    next(a for a in sub.actions() if a.text() == "1 hour").trigger()
    assert rs.get_firing(first.firing_id).outcome is FiringOutcome.SNOOZED  # type: ignore[union-attr]
    assert rig.jobs.planned()["snooze:magnesium"] == at(27, 22, 30)
    assert "magnesium" in rig.shown.withdrawn  # the notification goes
    tray.menu.aboutToShow.emit()
    assert tray.action("tray_snooze_magnesium") is None  # answered


def test_the_banner_has_a_snooze_menu_that_answers_like_a_notice(ctx, window, qtbot) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from PySide6.QtWidgets import QToolButton

    from liptwitch_desktop.ui.today_banners import ReminderBanners, TodayBanners

    banners = ReminderBanners(TodayBanners(window))
    answers: list[tuple[str, str]] = []
    banners.answer = lambda kind, key: answers.append((kind, key))
    banners.notice(Notice("magnesium", "Magnesium", "Time.", ("done", "snooze"), "magnesium", 3))
    area = window.page("today").banners
    qtbot.waitUntil(lambda: area.findChild(QToolButton, "banner_snooze") is not None)
    button = area.findChild(QToolButton, "banner_snooze")
    assert button.accessibleName() == "Snooze this reminder"
    items = {a.objectName(): a for a in button.menu().actions()}
    items["banner_snooze_30"].trigger()
    assert answers == [("magnesium", "snooze:30")]
    qtbot.waitUntil(lambda: not any("Magnesium" in t for t in area.texts()))


def test_settings_choose_the_default_snooze(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting
    from liptwitch_desktop.ui.reminders_settings import RemindersSettings

    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    combo = page.behaviour.snooze
    assert combo.currentData() == "10"
    combo.setCurrentIndex(combo.findData("tomorrow"))
    combo.activated.emit(combo.currentIndex())
    assert get_setting("reminders_snooze_default") == "tomorrow"


def test_settings_set_the_repeat_delay_or_switch_it_off(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting
    from liptwitch_desktop.ui.reminders_settings import RemindersSettings

    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    spin = page.behaviour.repeat
    assert spin.value() == 30 and spin.accessibleName()
    spin.setValue(0)
    spin.editingFinished.emit()
    assert get_setting("reminders_repeat_minutes") == 0
    assert spin.text() == "Off"
