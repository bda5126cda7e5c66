"""Started --hidden, the tray works without the window; it is built when first needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QWidget

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.store.entries import intakes_between
from liptwitch_desktop.ui.main_window import MainWindow
from liptwitch_desktop.ui.today_banners import ReminderBanners, TodayBanners
from liptwitch_desktop.ui.tray import TrayController
from liptwitch_desktop.ui.window_on_demand import WindowOnDemand, is_built

from .test_tray import OFFSCREEN_TRAY, texts


def main_window_on_demand(ctx, qtbot, controllers=None) -> WindowOnDemand:  # type: ignore[no-untyped-def]
    """The app's main window behind a WindowOnDemand, as run_gui makes it under --hidden."""

    def build() -> QWidget:
        window = MainWindow(ctx, controllers or build_controllers(ctx))
        qtbot.addWidget(window)
        return window

    return WindowOnDemand(build)


def test_builds_once_applies_what_was_set_and_tells_who_waited(qtbot) -> None:  # type: ignore[no-untyped-def]
    built: list[QWidget] = []

    def build() -> QWidget:
        widget = QWidget()
        qtbot.addWidget(widget)
        built.append(widget)
        return widget

    holder = WindowOnDemand(build)
    holder.hide_on_close = "set before"  # type: ignore[attr-defined]
    seen: list[QWidget] = []
    holder.when_built(seen.append)
    assert not holder.isVisible() and not holder.is_built and not is_built(holder)
    assert holder.built_window() is None and built == []

    holder.setWindowTitle("built on first call")  # type: ignore[attr-defined]
    [widget] = built
    assert holder.get() is widget and seen == [widget] and is_built(holder)
    assert widget.windowTitle() == "built on first call"
    assert widget.hide_on_close == "set before"  # type: ignore[attr-defined]
    holder.hide_on_close = "set after"  # type: ignore[attr-defined]
    assert widget.hide_on_close == "set after"  # type: ignore[attr-defined]
    holder.when_built(seen.append)
    assert seen == [widget, widget]  # already built: at once
    assert is_built(widget)  # a plain window counts as built


@OFFSCREEN_TRAY
def test_the_tray_works_without_building_the_window(ctx, controllers, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx.clock.set(datetime(2026, 11, 27, 20, 0, tzinfo=UTC))

    holder = main_window_on_demand(ctx, qtbot, controllers)
    tray = TrayController(ctx, holder, service, controllers.settings, tray_available=False)
    assert "Log magnesium" in texts(tray)
    ReminderBanners(TodayBanners(holder)).away([])  # nothing to take down: must not build it
    tray.shutdown()
    assert not holder.is_built, "the menu, its drinks and shutdown need no window"

    from liptwitch_desktop.store.settings import set_settings

    # The notice and the first dose are asked once (tests/ui/test_triage_edges.py).
    set_settings({"magnesium_notice_shown": True, "magnesium_dose_confirmed": True})
    tray.action("tray_magnesium").trigger()  # logging needs the window's controller
    assert holder.is_built
    now = ctx.clock.now()
    [intake] = intakes_between(now - timedelta(hours=1), now + timedelta(hours=1))
    assert intake.kind is IntakeKind.MAGNESIUM
    # What the tray set while the window did not exist was applied when it was built.
    assert holder.get().hide_on_close() is False  # type: ignore[attr-defined]


@OFFSCREEN_TRAY
def test_quit_and_away_news_from_the_tray_do_not_build_the_window(
    ctx, controllers, service, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    holder = main_window_on_demand(ctx, qtbot, controllers)
    tray = TrayController(ctx, holder, service, controllers.settings, tray_available=False)
    ReminderBanners(TodayBanners(holder)).away(["Magnesium at 21:00 (missed)"])
    quits: list[bool] = []
    monkeypatch.setattr("liptwitch_desktop.ui.tray.QApplication.quit", lambda: quits.append(True))
    tray.quit_app()
    assert quits == [True] and not holder.is_built
    # The news waits for the window: there the first time it is opened.
    banners = holder.get().page("today").banners  # type: ignore[attr-defined]
    assert any(t.startswith("While you were away:") for t in banners.texts())
