"""The tray menu rebuilt from state, its actions, the icon's episode variant, closing to the
tray only when there is one and a reminder is on, and the no-tray fallbacks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.reminders.notifier import Notice, Notifier
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import intakes_between, running_episode
from liptwitch_desktop.store.settings import get_setting
from liptwitch_desktop.ui.main_window import MainWindow
from liptwitch_desktop.ui.today_banners import ReminderBanners, TodayBanners
from liptwitch_desktop.ui.tray import TrayBalloonBackend, TrayController, tray_icon_name

# The offscreen platform has no tray host and cannot raise windows; those are its limits.
OFFSCREEN_TRAY = pytest.mark.qt_log_ignore(
    "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    "This plugin does not support raise",
)


@pytest.fixture
def window(ctx, qtbot):  # type: ignore[no-untyped-def]
    ctx.clock.set(datetime(2026, 11, 27, 20, 0, tzinfo=UTC))
    w = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def texts(controller: TrayController) -> list[str]:
    controller.menu.aboutToShow.emit()
    return [a.text() for a in controller.menu.actions() if not a.isSeparator()]


def test_icon_names_have_dark_and_light_variants() -> None:
    assert tray_icon_name(False, dark_panel=True) == "tray-light.svg"
    assert tray_icon_name(False, dark_panel=False) == "tray-dark.svg"
    assert tray_icon_name(True, dark_panel=True) == "tray-episode-light.svg"
    assert tray_icon_name(True, dark_panel=False) == "tray-episode-dark.svg"


def test_menu_is_rebuilt_from_state(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    assert texts(tray) == [
        "Twitching now",
        "Log drink",
        "Log magnesium",
        "Check-in…",
        "Pause reminders",
        "Open LipTwitch",
        "Quit",
    ]
    tray.action("tray_twitch").trigger()
    assert running_episode() is not None
    assert texts(tray)[0] == "Stop episode"
    tray.action("tray_twitch").trigger()
    assert running_episode() is None


def test_log_drink_preset_and_magnesium_from_the_menu(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    tray.menu.aboutToShow.emit()
    drinks = tray.action("tray_drinks").menu()
    drinks.aboutToShow.emit()
    espresso = next(a for a in drinks.actions() if a.text().startswith("Espresso"))
    espresso.trigger()
    from liptwitch_desktop.store.settings import set_settings

    # The notice and the first dose are asked once (tests/ui/test_triage_edges.py).
    set_settings({"magnesium_notice_shown": True, "magnesium_dose_confirmed": True})
    tray.action("tray_magnesium").trigger()
    now = ctx.clock.now()
    logged = intakes_between(now - timedelta(hours=1), now + timedelta(hours=1))
    assert [(i.kind, i.caffeine_mg, i.magnesium_mg) for i in logged] == [
        (IntakeKind.CAFFEINE, 63.0, None),
        (IntakeKind.MAGNESIUM, None, 200.0),
    ]


def test_pause_submenu_pauses_and_resumes(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    tray.menu.aboutToShow.emit()
    pause = tray.action("tray_pause").menu()
    next(a for a in pause.actions() if a.text() == "For 1 hour").trigger()
    assert service.paused_until() == ctx.clock.now() + timedelta(hours=1)
    tray.menu.aboutToShow.emit()
    pause = tray.action("tray_pause").menu()
    labels = [a.text() for a in pause.actions()]
    assert labels[0] == "Paused until 21:00"
    next(a for a in pause.actions() if a.text() == "Resume reminders now").trigger()
    assert service.paused_until() is None
    tray.menu.aboutToShow.emit()
    pause = tray.action("tray_pause").menu()
    next(a for a in pause.actions() if a.text() == "Until tomorrow").trigger()
    assert service.paused_until() == datetime(2026, 11, 28, 4, 0, tzinfo=UTC)


def test_quit_from_the_menu_quits_even_with_close_to_tray(
    ctx, window, service, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    monkeypatch.setattr(tray, "should_hide_on_close", lambda: True)
    window.hide_on_close = tray.should_hide_on_close
    assert window.close() is False  # a plain close goes to the tray
    window.show()
    closes: list[bool] = []
    # What QApplication.quit() does first: close every window, any veto cancels the quit.
    window.quit_requested.connect(lambda: closes.append(window.close()))
    tray.menu.aboutToShow.emit()
    tray.action("tray_quit").trigger()
    assert closes == [True]  # close-to-tray never vetoes a Quit


def test_without_a_tray_closing_quits(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    assert tray.icon is None
    assert service.any_enabled()
    assert window.hide_on_close() is False


@OFFSCREEN_TRAY
def test_with_a_tray_closing_hides_when_reminders_are_on(ctx, window, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=True)
    assert tray.icon is not None and tray.icon.isVisible()
    assert "LipTwitch" in tray.icon.toolTip()
    assert not get_setting("tray_close_notice_shown")
    window.close()
    assert not window.isVisible()
    assert get_setting("tray_close_notice_shown")  # said so once
    tray.show_window()
    assert window.isVisible()
    for spec in rs.load_specs().values():
        rs.set_enabled(spec.kind, False, ctx.clock.now())
    ctx.signals.changed(Change.REMINDER)
    assert window.hide_on_close() is False  # nothing would ever fire: closing quits
    tray.shutdown()


@OFFSCREEN_TRAY
def test_icon_and_tooltip_follow_a_running_episode(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=True)
    before = tray.icon.icon().cacheKey()
    window.entries.toggle_twitching()
    assert "twitching now" in tray.icon.toolTip()
    assert tray.icon.icon().cacheKey() != before
    tray.shutdown()


@OFFSCREEN_TRAY
def test_balloon_backend_click_opens_the_dialog_target(ctx, window, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=True)
    assert tray.icon is not None
    backend = TrayBalloonBackend(tray.icon)
    notifier = Notifier([backend])
    notice = Notice("checkin", "Evening check-in", "How did you sleep?", ("snooze",), "checkin")
    if not QSystemTrayIcon.supportsMessages():
        assert notifier.notify(notice) == "banner"
    backend.show(notice, notifier)
    with qtbot.waitSignal(notifier.action_invoked) as invoked:
        tray.icon.messageClicked.emit()
    assert invoked.args == ["checkin", "default"]
    tray.shutdown()


def test_banners_for_away_lines_and_unshowable_notices(ctx, window, qtbot) -> None:  # type: ignore[no-untyped-def]
    reminder_banners = ReminderBanners(TodayBanners(window))
    reminder_banners.away(["Magnesium not logged yet (due Fri 21:30)"])
    banners = window.page("today").banners

    def shown(text: str) -> bool:
        return any(text in t for t in banners.texts())

    qtbot.waitUntil(lambda: shown("While you were away:\n• Magnesium not logged yet"))
    reminder_banners.notice(Notice("hydration", "Water", "Time for a glass of water."))
    qtbot.waitUntil(lambda: shown("Water: Time for a glass of water."))
    reminder_banners.away([])
    qtbot.waitUntil(lambda: not shown("While you were away"))


@OFFSCREEN_TRAY
def test_open_target_shows_the_page(ctx, window, service) -> None:  # type: ignore[no-untyped-def]
    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    window.hide()
    tray.open_target("today")
    assert window.isVisible()
    assert window.stack.currentWidget() is window.page("today")
    tray.open_target("no_such_page")
    assert window.stack.currentWidget() is window.page("today")


def test_service_kind_targets_are_known(ctx) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.reminders.service import OPEN_TARGETS

    assert set(OPEN_TARGETS) == set(ReminderKind)


@OFFSCREEN_TRAY
def test_clicked_checkin_notice_opens_the_checkin_dialog(ctx, window, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.modal import with_modal

    tray = TrayController(ctx, window, service, window.controllers.settings, tray_available=False)
    window.hide()
    opened = with_modal(lambda dialog: dialog.reject(), lambda: tray.open_target("checkin"))
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["CheckInDialog"]
    assert window.isVisible()


def test_adherence_sentence() -> None:
    from liptwitch_desktop.reminders.texts import magnesium_adherence_text

    assert magnesium_adherence_text(12, 14) == "Magnesium taken on 12 of the last 14 nights"
