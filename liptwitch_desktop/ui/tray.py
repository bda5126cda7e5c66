"""The system tray: an icon that shows a running episode and a menu rebuilt from state.

The tray may not exist (GNOME without an extension, some Wayland sessions). Then nothing is
hidden where nobody can reach it: the window stays the home, closing it quits, and
reminders that cannot be shown as notifications appear as banners in the window.

Built by the composition root (app/bootstrap.py) with what it uses: the window, the reminder
service and the settings controller. It builds no service of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from ..core.changes import Change
from ..core.drinks import all_drinks
from ..core.entries import IntakeKind
from ..core.resources import icon_path
from ..reminders.notifier import Notice, NoticeSink
from ..runtime.context import AppContext
from ..store.log_reads import running_episode
from ..store.settings import get_setting
from .dates import time_text
from .window_on_demand import is_built
from .window_roles import OpensPages

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ..controllers.settings import SettingsController
    from ..reminders.service import ReminderService
    from .entry_flows import EntryFlows


class TrayWindow(OpensPages, Protocol):
    """What the tray asks of the main window (or of its on-demand holder, which builds it
    at the first call): the entry flows, its pages, being shown, hidden and quit."""

    entries: EntryFlows
    hide_on_close: Callable[[], bool]

    def isVisible(self) -> bool: ...
    def isMinimized(self) -> bool: ...
    def show(self) -> None: ...
    def hide(self) -> None: ...
    def windowState(self) -> Qt.WindowState: ...
    def setWindowState(self, state: Qt.WindowState) -> None: ...
    def raise_(self) -> None: ...
    def activateWindow(self) -> None: ...
    def request_quit(self) -> None: ...


log = logging.getLogger(__name__)


def tray_icon_name(episode_running: bool, dark_panel: bool) -> str:
    """A light glyph on a dark panel and a dark glyph on a light one."""
    variant = "light" if dark_panel else "dark"
    return f"tray-episode-{variant}.svg" if episode_running else f"tray-{variant}.svg"


def dark_panel() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


class TrayBalloonBackend:
    """Notifier backend for desktops without a notification server: the tray's balloon.

    A balloon has no buttons; clicking it opens the dialog the reminder is about.
    """

    name = "tray"

    def __init__(self, icon: QSystemTrayIcon) -> None:
        self._icon = icon
        self._last: Notice | None = None
        self._sink: NoticeSink | None = None
        icon.messageClicked.connect(self._clicked)

    def available(self) -> bool:
        return self._icon.isVisible() and QSystemTrayIcon.supportsMessages()

    def show(self, notice: Notice, sink: NoticeSink) -> bool:
        self._last, self._sink = notice, sink
        self._icon.showMessage(
            notice.title, notice.body, QSystemTrayIcon.MessageIcon.Information, 15_000
        )
        return True

    def withdraw(self, kind: str) -> None:
        if self._last is not None and self._last.kind == kind:
            self._last = None

    def _clicked(self) -> None:
        if self._last is not None and self._sink is not None:
            self._sink.action(self._last.kind, "default")


class TrayController(QObject):
    """Owns the tray icon and its menu; talks to the window through its public actions.

    `window` is the main window or its on-demand holder (see TrayWindow). `service` is the
    ReminderService, or None when the reminders could not start.
    `settings` keeps that the close-to-tray notice was shown.
    """

    def __init__(
        self,
        ctx: AppContext,
        window: TrayWindow,
        service: ReminderService | None,
        settings: SettingsController,
        tray_available: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = window
        self.service = service
        self._settings = settings
        available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.icon: QSystemTrayIcon | None = None
        self.menu = QMenu()
        self.menu.setObjectName("tray_menu")
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.rebuild_menu()
        if available:
            self.icon = QSystemTrayIcon(self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
            self.update_icon()
            self.icon.show()
            QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: self.update_icon())
        window.hide_on_close = self.should_hide_on_close
        ctx.signals.data_changed.connect(self._on_data_changed)
        ctx.signals.open_requested.connect(self.open_target)

    # --- state -------------------------------------------------------------------------------

    @property
    def has_tray(self) -> bool:
        return self.icon is not None and self.icon.isVisible()

    def should_hide_on_close(self) -> bool:
        """Close to the tray only when the tray is there and a reminder can still fire."""
        if not self.has_tray or not get_setting("close_to_tray"):
            return False
        if self.service is None or not self.service.any_enabled():
            return False
        if not get_setting("tray_close_notice_shown") and self.icon is not None:
            self._settings.set("tray_close_notice_shown", True)
            self.icon.showMessage(
                self.tr("LipTwitch is still running"),
                self.tr(
                    "Your reminders keep working from the tray. Choose Quit in the tray "
                    "menu to stop them."
                ),
                QSystemTrayIcon.MessageIcon.Information,
                10_000,
            )
        return True

    def _on_data_changed(self, change: Change) -> None:
        match change:  # the icon shows a running episode and a pause (in local time)
            case Change.EPISODE | Change.REMINDER | Change.SETTINGS | Change.ZONE | Change.ALL:
                self.update_icon()
            case _:
                pass

    def update_icon(self) -> None:
        if self.icon is None:
            return
        running = running_episode() is not None
        name = tray_icon_name(running, dark_panel())
        self.icon.setIcon(QIcon(str(icon_path(name))))
        # The demo and a real log can run at once: their tray icons say which is which.
        tip = self.tr("LipTwitch (demo data)") if self.ctx.demo else self.tr("LipTwitch")
        if running:
            tip += " — " + self.tr("twitching now (episode running)")
        paused = self.service.paused_until() if self.service is not None else None
        if paused is not None:
            local = time_text(paused.astimezone(self.ctx.zone))
            tip += " — " + self.tr("reminders paused until %1").replace("%1", local)
        if self.service is not None and self.service.holding():
            tip += " — " + self.tr("reminders held while Do Not Disturb is on")
        self.icon.setToolTip(tip)

    # --- the menu ----------------------------------------------------------------------------

    def rebuild_menu(self) -> None:
        """Rebuilt each time it opens, so it always says what is true now."""
        menu = self.menu
        menu.clear()
        running = running_episode() is not None
        twitch = menu.addAction(self.tr("Stop episode") if running else self.tr("Twitching now"))
        twitch.setObjectName("tray_twitch")
        twitch.triggered.connect(self._toggle_twitching)

        drinks = menu.addMenu(self.tr("Log drink"))
        drinks.setObjectName("tray_drinks")
        for drink in all_drinks(get_setting("custom_drinks")):
            action = drinks.addAction(f"{drink.label} — {drink.caffeine_mg:g} mg")
            action.triggered.connect(
                lambda _c=False, d=drink: self.window.entries.log_drink_preset(d)
            )
        drinks.addSeparator()
        other = drinks.addAction(self.tr("Other drink…"))
        other.triggered.connect(
            lambda: self._in_window(
                lambda: self.window.entries.new_intake(IntakeKind.CAFFEINE, other_drink=True)
            )
        )

        magnesium = menu.addAction(self.tr("Log magnesium"))
        magnesium.setObjectName("tray_magnesium")
        magnesium.triggered.connect(lambda: self.window.entries.log_magnesium_now())
        checkin = menu.addAction(self.tr("Check-in…"))
        checkin.setObjectName("tray_checkin")
        checkin.triggered.connect(lambda: self._in_window(self.window.entries.checkin))

        service = self.service
        if service is not None:
            self._add_snooze_menus(service)
            pause = menu.addMenu(self.tr("Pause reminders"))
            pause.setObjectName("tray_pause")
            paused = service.paused_until()
            if paused is not None:
                local = time_text(paused.astimezone(self.ctx.zone))
                note = pause.addAction(self.tr("Paused until %1").replace("%1", local))
                note.setEnabled(False)
                resume = pause.addAction(self.tr("Resume reminders now"))
                resume.triggered.connect(service.resume)
            hour = pause.addAction(self.tr("For 1 hour"))
            hour.triggered.connect(lambda: service.pause_for(timedelta(hours=1)))
            tomorrow = pause.addAction(self.tr("Until tomorrow"))
            tomorrow.triggered.connect(service.pause_until_tomorrow)

        menu.addSeparator()
        show = menu.addAction(self.tr("Open LipTwitch"))
        show.setObjectName("tray_open")
        show.triggered.connect(self.show_window)
        quit_action = menu.addAction(self.tr("Quit"))
        quit_action.setObjectName("tray_quit")
        quit_action.triggered.connect(self.quit_app)

    def _add_snooze_menus(self, service: ReminderService) -> None:
        """For each reminder shown and not answered yet: "Snooze <what>" with the choices."""
        from ..reminders.snooze import CHOICES
        from ..reminders.texts import kind_label, snooze_choice_label

        for kind in service.unanswered():
            sub = self.menu.addMenu(self.tr("Snooze “%1”").replace("%1", kind_label(kind)))
            sub.setObjectName(f"tray_snooze_{kind.value}")
            for choice in CHOICES:
                item = sub.addAction(snooze_choice_label(choice))
                item.setObjectName(f"tray_snooze_{kind.value}_{choice}")
                item.triggered.connect(lambda _c=False, k=kind, c=choice: service.snooze_for(k, c))

    def action(self, object_name: str) -> QAction | None:
        """The current menu's action or submenu action by object name (for tests, a11y)."""
        for action in self.menu.actions():
            if action.objectName() == object_name:
                return action
            sub = action.menu()
            if sub is not None and sub.objectName() == object_name:
                return action
        return None

    # --- doing ---------------------------------------------------------------------------------

    def _toggle_twitching(self) -> None:
        self.window.entries.toggle_twitching()
        self.update_icon()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if self.window.isVisible() and not self.window.isMinimized():
                self.window.hide()
            else:
                self.show_window()

    def show_window(self) -> None:
        self.window.show()
        self.window.setWindowState(
            (self.window.windowState() & ~Qt.WindowState.WindowMinimized)
            | Qt.WindowState.WindowActive
        )
        self.window.raise_()
        self.window.activateWindow()

    def _in_window(self, open_dialog: Callable[[], object]) -> None:
        """Open a dialog over the window, after the menu has closed."""
        self.show_window()
        QTimer.singleShot(0, open_dialog)

    def open_target(self, target: str) -> None:
        """`open_requested` from a clicked notice: the dialog or page it is about."""
        openers: dict[str, Callable[[], None]] = {
            "magnesium": lambda: self._in_window(
                lambda: self.window.entries.new_intake(IntakeKind.MAGNESIUM)
            ),
            "magnesium_dose": lambda: self._in_window(self.window.entries.log_magnesium_now),
            "water": lambda: self._in_window(
                lambda: self.window.entries.new_intake(IntakeKind.WATER)
            ),
            "drink": lambda: self._in_window(
                lambda: self.window.entries.new_intake(IntakeKind.CAFFEINE)
            ),
            "checkin": lambda: self._in_window(self.window.entries.checkin),
        }
        opener = openers.get(target)
        if opener is not None:
            opener()
            return
        self.show_window()
        try:
            self.window.show_page(target)
        except KeyError:
            self.window.show_page("today")

    def quit_app(self) -> None:
        """Quit for real, through the window's own Quit (which close-to-tray never vetoes);
        a window never built has nothing to close, so it is not built for that."""
        if is_built(self.window):
            self.window.request_quit()
        else:
            QApplication.quit()

    def shutdown(self) -> None:
        if self.icon is not None:
            self.icon.hide()
        self.window.hide_on_close = lambda: False
