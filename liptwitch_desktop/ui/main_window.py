"""The main window: navigation between pages, the menus and their shortcuts, the dialogs.

The pages and closing here; the actions and menus in `window_actions` (a part of the window,
mixed in); what the entry actions do (the dialogs and quick logs) in `entry_flows`, a
collaborator the window owns (`window.entries`). The controllers come from the composition
root, and each page gets the ones it uses in its constructor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..controllers import Controllers
from ..runtime.context import AppContext
from .entry_flows import EntryFlows
from .first_paint import after_first_paint
from .nav_bar import NavBar
from .screen_fit import resize_within_screen
from .window_actions import WindowActions

if TYPE_CHECKING:
    from ..core.log_facts import LogFacts
    from ..core.schedule.specs import ReminderKind
    from .log_page import LogPage
    from .settings_page import SettingsPage
    from .today_page import TodayPage
    from .triage.page import TriagePage


class PageSpec(NamedTuple):  # not a dataclass: ~0.4 ms less before the first paint
    key: str
    label: str
    shortcut: str
    factory: Callable[[], QWidget]


RECENT_MEDICINE_WEEKS = 8  # issue 8: a medicine started this recently may be the cause

DISCLAIMER = (
    "LipTwitch gives general wellness information. It is not a medical device and does not "
    "diagnose. If you have sudden face drooping, arm or leg weakness, speech trouble, "
    "confusion, loss of vision, dizziness or a severe headache, call your local emergency "
    "number now."
)


class MainWindow(WindowActions):
    quit_requested = Signal()

    def __init__(self, ctx: AppContext, controllers: Controllers) -> None:
        super().__init__()
        self.ctx = ctx
        self.controllers = controllers
        self.controller = controllers.log
        self.entries = EntryFlows(ctx, controllers.log, controllers.settings, self)
        # Qt adds " — LipTwitch" (the display name) to any other title: "Demo data — LipTwitch",
        # never "LipTwitch — demo data — LipTwitch".
        self.setWindowTitle(self.tr("Demo data") if ctx.demo else APP_NAME)
        resize_within_screen(self, 1000, 700)
        # Whether closing the window should hide it (set by the tray once reminders are on).
        self.hide_on_close: Callable[[], bool] = lambda: False
        # Set by Quit: QApplication.quit() closes every window first, and close-to-tray must
        # not turn that close into a hide.
        self.quitting = False

        self.actions_by_name: dict[str, QAction] = {}
        # (action, "Ctrl+N") or (action, "std:Undo") for a platform standard key.
        self._pending_shortcuts: list[tuple[QAction, str]] = []
        self._build_actions()
        self._add_experiment_action()
        self.pages: dict[str, QWidget] = {}
        self.page_specs = self._page_specs()

        self.nav = NavBar()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(130)
        self.stack = QStackedWidget()
        for spec in self.page_specs:
            self.nav.add_page(self.tr(spec.label), f"{self.tr(spec.label)} ({spec.shortcut})")
        self.nav.current_changed.connect(self._show_row)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar()
        controllers.log.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.nav.set_current_row(0)
        # Building key sequences makes PySide create its large Qt.Key enum (~50 ms), so the
        # shortcuts are set right after the first paint, before anyone can press one.
        self.painted = False
        after_first_paint(self, self._first_paint_done)

    def _first_paint_done(self) -> None:
        self.painted = True
        self.install_shortcuts()
        self.nav.set_icons([spec.key for spec in self.page_specs])
        if "today" in self.pages:
            cast("TodayPage", self.pages["today"]).first_paint_done()

    def install_shortcuts(self) -> None:
        from PySide6.QtGui import QKeySequence

        for action, shortcut in self._pending_shortcuts:
            if shortcut.startswith("std:"):
                action.setShortcut(QKeySequence(getattr(QKeySequence.StandardKey, shortcut[4:])))
            else:
                action.setShortcut(QKeySequence(shortcut))
        self._pending_shortcuts.clear()

    def log_facts(self) -> LogFacts:
        """What the log tells the triage: 7-day averages, how long, medicines started lately."""
        from dataclasses import replace  # (the dataclasses module waits for the first use)

        from ..store.aggregates import log_facts_for
        from ..store.experiment_view import experiment_facts
        from ..store.medicines import started_within
        from .experiment.texts import tr

        today = self.ctx.today()
        facts = log_facts_for(today, self.ctx.zone, self.ctx.day_start)
        names = tuple(m.name for m in started_within(today, RECENT_MEDICINE_WEEKS))
        tested = experiment_facts(today, self.ctx.zone, tr)  # issue 17: what they tested
        return replace(facts, recent_medicine_names=names, experiments=tested)

    # --- pages --------------------------------------------------------------------------------

    def _page_specs(self) -> list[PageSpec]:
        from .today_page import TodayPage

        def today_page() -> QWidget:
            page = TodayPage(
                self.ctx,
                self.actions_by_name,
                note_experiment_seen=lambda: self.controllers.experiment.note_seen(),
            )
            if getattr(self, "painted", False):
                page.first_paint_done()
            return page

        # Heavy pages (pyqtgraph, the wizard) are imported when first opened, not at start.
        def triage_page() -> QWidget:
            from .triage import TriagePage

            c = self.controllers
            page = TriagePage(self.ctx, c.triage, c.settings, log_facts_provider=self.log_facts)
            page.plan_adopted.connect(self.adopt_plan)
            return page

        def log_page() -> QWidget:
            from .log_page import LogPage

            page = LogPage(self.ctx, self.controllers.log, self.controllers.data)
            page.edit_requested.connect(self.entries.edit_row)
            return page

        def trends_page() -> QWidget:
            from .trends import TrendsPage

            return TrendsPage(self.ctx)

        def experiment_page() -> QWidget:
            from .experiment.page import ExperimentPage

            c = self.controllers
            return ExperimentPage(self.ctx, c.experiment, c.settings)

        def settings_page() -> QWidget:
            from .settings_page import SettingsPage

            c = self.controllers
            return SettingsPage(self.ctx, c.settings, c.reminders, c.data)

        return [
            PageSpec("today", "Today", "Ctrl+1", today_page),
            PageSpec("log", "Log", "Ctrl+2", log_page),
            PageSpec("trends", "Trends", "Ctrl+3", trends_page),
            PageSpec("triage", "Triage", "Ctrl+4", triage_page),
            PageSpec("settings", "Settings", "Ctrl+5", settings_page),
            PageSpec("experiment", "Experiment", "Ctrl+6", experiment_page),
        ]

    def _add_experiment_action(self) -> None:
        """Issue 17: Today's card and the menus open the Experiment page through this."""
        action = QAction(self)  # not (text, parent): see WindowActions._action
        action.setText(self.tr("Find out for sure…"))
        action.triggered.connect(self.open_experiment)
        self.actions_by_name["open_experiment"] = action

    def open_experiment(self) -> QWidget:
        """The Experiment page; with no experiment running, its start dialog too."""
        page = self.show_page("experiment")
        view = getattr(page, "view", None)
        if view is None or not view.active:
            page.open_start()  # type: ignore[attr-defined]
        return page

    def test_change(
        self, change_id: str, params: dict[str, str | int | float] | None = None
    ) -> object:
        """TestsChanges ("Test this" on Trends or a triage result): the Experiment page with
        its start dialog for that change, or the reason it cannot start now."""
        page = self.show_page("experiment")
        return page.open_start(change_id, params)  # type: ignore[attr-defined]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        spec = self.page_specs[row]
        page = self.page(spec.key)
        self.stack.setCurrentWidget(page)

    def page(self, key: str) -> QWidget:
        """The page, created on first use."""
        if key not in self.pages:
            spec = next(s for s in self.page_specs if s.key == key)
            widget = spec.factory()
            widget.setObjectName(f"page_{key}")
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        """OpensPages: the page `key` in front; KeyError for a page there is not."""
        rows = [i for i, s in enumerate(self.page_specs) if s.key == key]
        if not rows:
            raise KeyError(key)
        self.nav.set_current_row(rows[0])
        return self.pages[key]

    # --- what others ask of the window ---------------------------------------------------------

    def show_banner(self, key: str, text: str, level: str = "info") -> None:
        """ShowsBanners: a calm message on Today."""
        self._today().banners.show_banner(key, text, level)

    def remove_banner(self, key: str) -> None:
        self._today().banners.remove_banner(key)

    def _today(self) -> TodayPage:
        return cast("TodayPage", self.page("today"))

    def start_triage(self) -> QWidget:
        page = cast("TriagePage", self.show_page("triage"))
        return page.start()

    def adopt_plan(self, action_ids: list[str]) -> list[ReminderKind]:
        """What the person ticked on a triage result becomes reminders; the magnesium
        safety notice first (Cancel adopts the rest). The kinds switched on."""
        from .magnesium_notice import confirm_magnesium_notice

        c = self.controllers
        kinds = c.triage.plan_reminders(action_ids)
        if "magnesium" in kinds and not confirm_magnesium_notice(self, c.settings):
            kinds = [k for k in kinds if k != "magnesium"]
        return c.reminders.adopt_plan_items(kinds)

    # --- what the menus open -----------------------------------------------------------------

    def _restore_backup(self) -> None:
        page = cast("SettingsPage", self.show_page("settings"))
        page.backup_list.setFocus()
        from .feedback import say

        say(self, self.tr("Choose a backup, then press “Restore selected backup…”."))

    def _export_csv(self) -> None:
        page = cast("LogPage", self.show_page("log"))
        page._export_clicked()

    def about(self) -> None:
        from .about_dialog import AboutDialog  # issue 6: version, disclaimer, sources, licence

        AboutDialog(self.ctx, DISCLAIMER, self).exec()

    # --- closing -------------------------------------------------------------------------------

    def bring_forward(self) -> None:
        """A second start of the app asked for this window (single instance)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def request_quit(self) -> None:
        """Quit for real, whatever close-to-tray says (menu, Ctrl+Q, the tray's Quit)."""
        self.quitting = True
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quitting and self.hide_on_close():
            event.ignore()
            self.hide()
            return
        event.accept()
        if not self.quitting:  # closing the window without a tray quits the app
            self.request_quit()
