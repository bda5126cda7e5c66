"""The main window: navigation between pages, the menus and their shortcuts, the dialogs."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME
from ..controllers.log import LogController
from ..core.entries import CheckIn, Episode, Intake, IntakeKind
from ..runtime.context import AppContext
from ..store.log_reads import get_checkin
from ..store.settings import get_setting
from .first_paint import after_first_paint
from .nav_bar import NavBar

if TYPE_CHECKING:
    from ..core.drinks import Drink
    from ..core.log_facts import LogFacts
    from ..core.log_rows import LogRow
    from ..core.medicines import Medicine
    from .dialogs.intake_dialogs import IntakeDialog
    from .dialogs.medicine_dialog import MedicineDialog


@dataclass(frozen=True)
class PageSpec:
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


class MainWindow(QMainWindow):
    quit_requested = Signal()
    # Plan items the person adopted on a triage result (ids from actions.toml); the
    # reminder service turns them into reminders.
    plan_adopted = Signal(list)

    def __init__(self, ctx: AppContext, controller: LogController) -> None:
        super().__init__()
        self.ctx = ctx
        self.controller = controller
        ctx.extras["log_controller"] = controller
        ctx.extras.setdefault("log_facts_provider", self.log_facts)
        self.setWindowTitle(APP_NAME + (" — demo data" if ctx.demo else ""))
        self.resize(1000, 700)
        # Whether closing the window should hide it (set by the tray once reminders are on).
        self.hide_on_close: Callable[[], bool] = lambda: False
        # Set by Quit: QApplication.quit() closes every window first, and close-to-tray must
        # not turn that close into a hide.
        self.quitting = False

        self.actions_by_name: dict[str, QAction] = {}
        # (action, "Ctrl+N") or (action, "std:Undo") for a platform standard key.
        self._pending_shortcuts: list[tuple[QAction, str]] = []
        self._build_actions()
        self.pages: dict[str, QWidget] = {}
        self.page_specs = self._page_specs()

        self.nav = NavBar()
        self.nav.setAccessibleName(self.tr("Sections"))
        self.nav.setFixedWidth(150)
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
        controller.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.nav.set_current_row(0)
        # Building key sequences makes PySide create its large Qt.Key enum (~50 ms), so the
        # shortcuts are set right after the first paint, before anyone can press one.
        self.painted = False
        after_first_paint(self, self._first_paint_done)

    def _first_paint_done(self) -> None:
        self.painted = True
        self.install_shortcuts()
        if "today" in self.pages:
            self.pages["today"].first_paint_done()  # type: ignore[attr-defined]

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
        from ..store.aggregates import log_facts_for
        from ..store.medicines import started_within

        today = self.ctx.today()
        facts = log_facts_for(today, self.ctx.zone, self.ctx.day_start)
        names = tuple(m.name for m in started_within(today, RECENT_MEDICINE_WEEKS))
        return replace(facts, recent_medicine_names=names)

    # --- pages --------------------------------------------------------------------------------

    def _page_specs(self) -> list[PageSpec]:
        from .today_page import TodayPage

        def today_page() -> QWidget:
            page = TodayPage(self.ctx, self.actions_by_name)
            if getattr(self, "painted", False):
                page.first_paint_done()
            return page

        def triage_page() -> QWidget:
            from .triage import TriagePage

            page = TriagePage(self.ctx)
            page.plan_adopted.connect(self.plan_adopted)
            return page

        def log_page() -> QWidget:
            from .log_page import LogPage

            page = LogPage(self.ctx)
            page.edit_requested.connect(self.edit_row)
            return page

        def lazy(module: str, cls: str) -> Callable[[], QWidget]:
            # Heavy pages (pyqtgraph, the wizard) are imported when first opened, not at start.
            return lambda: getattr(importlib.import_module(module, __package__), cls)(self.ctx)

        return [
            PageSpec("today", "Today", "Ctrl+1", today_page),
            PageSpec("log", "Log", "Ctrl+2", log_page),
            PageSpec("trends", "Trends", "Ctrl+3", lazy(".trends", "TrendsPage")),
            PageSpec("triage", "Triage", "Ctrl+4", triage_page),
            PageSpec("settings", "Settings", "Ctrl+5", lazy(".settings_page", "SettingsPage")),
        ]

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
        row = next(i for i, s in enumerate(self.page_specs) if s.key == key)
        self.nav.set_current_row(row)
        return self.pages[key]

    # --- actions and menus ---------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
    ) -> QAction:
        # QAction(parent), then the text: the (text, parent) constructor makes PySide set up
        # QIcon's enums to resolve the overload, ~3 ms the first paint does not need.
        action = QAction(self)
        action.setText(self.tr(text))
        action.setObjectName(f"action_{name}")
        if shortcut is not None:
            self._pending_shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work whatever page has focus
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self._action(
            "start_triage",
            "Is this dangerous? Check my t&witch…",
            self.start_triage,
            "Ctrl+Shift+T",
        )
        self._action("twitching_now", "&Twitching now / stop", self.toggle_twitching, "Ctrl+T")
        self._action("log_episode", "Log &episode…", self.new_episode, "Ctrl+N")
        drink = self._action(
            "log_drink", "Log &drink…", lambda: self.new_intake(IntakeKind.CAFFEINE), "Ctrl+D"
        )
        self.drink_menu = QMenu(self.tr("Log drink"), self)
        self.drink_menu.aboutToShow.connect(self._fill_drink_menu)
        drink.setMenu(self.drink_menu)
        self._action("log_magnesium", "Log &magnesium", self.log_magnesium_now, "Ctrl+M")
        self._action(
            "log_magnesium_custom",
            "Log magnesium (other dose)…",
            lambda: self.new_intake(IntakeKind.MAGNESIUM),
            "Ctrl+Shift+M",
        )
        self._action(
            "log_water", "Log &water…", lambda: self.new_intake(IntakeKind.WATER), "Ctrl+Shift+W"
        )
        self._action(
            "log_potassium",
            "Log &potassium-rich food…",
            lambda: self.new_intake(IntakeKind.POTASSIUM_FOOD),
            "Ctrl+Shift+P",
        )
        self._action(
            "log_trigger",
            "Log possible t&rigger food…",
            lambda: self.new_intake(IntakeKind.TRIGGER_FOOD),
            "Ctrl+Shift+F",
        )
        self._action("checkin", "&Check-in…", self.checkin, "Ctrl+K")
        # --- report helper: medicines and the doctor report ---
        self._action("new_medicine", "Started a new &medicine…", self.new_medicine, "Ctrl+Shift+N")
        self._action("doctor_report", "Report for my &doctor…", self.doctor_report, "Ctrl+Shift+R")
        # --- end report helper ---
        undo = self.controller.undo_stack.createUndoAction(self, self.tr("&Undo"))
        redo = self.controller.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self._pending_shortcuts += [
            (undo, "std:Undo"),
            (redo, "std:Redo"),
        ]
        for name, action in (("undo", undo), ("redo", redo)):
            self.addAction(action)
            self.actions_by_name[name] = action
        self._action("export_csv", "&Export log as CSV…", self._export_csv, "Ctrl+E")
        self._action("restore_backup", "&Restore from backup…", self._restore_backup)
        self._action("quit", "&Quit", self.request_quit, "std:Quit")
        self._action("about", "&About LipTwitch", self.about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.actions_by_name["export_csv"])
        file_menu.addAction(self.actions_by_name["doctor_report"])
        file_menu.addAction(self.actions_by_name["restore_backup"])
        file_menu.addSeparator()
        file_menu.addAction(self.actions_by_name["quit"])
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.actions_by_name["undo"])
        edit_menu.addAction(self.actions_by_name["redo"])
        log_menu = bar.addMenu(self.tr("&Log"))
        for name in (
            "twitching_now",
            "log_episode",
            "log_drink",
            "log_magnesium",
            "log_magnesium_custom",
            "log_water",
            "log_potassium",
            "log_trigger",
            "checkin",
            "new_medicine",
        ):
            log_menu.addAction(self.actions_by_name[name])
        view_menu = bar.addMenu(self.tr("&View"))
        for index, spec in enumerate(self.page_specs):
            action = self._action(
                f"page_{spec.key}",
                spec.label,
                lambda i=index: self.nav.set_current_row(i),
                spec.shortcut,
            )
            view_menu.addAction(action)
        self.view_menu = view_menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions_by_name["about"])

    def drinks(self) -> list[Drink]:
        from ..core.drinks import all_drinks

        return all_drinks(get_setting("custom_drinks"))

    def _fill_drink_menu(self) -> None:
        # Rebuilt each time it opens, so custom drinks and settings are always current.
        self.drink_menu.clear()
        for drink in self.drinks():
            action = self.drink_menu.addAction(f"{drink.label} — {drink.caffeine_mg:g} mg")
            action.triggered.connect(lambda _c=False, d=drink: self.log_drink_preset(d))
        self.drink_menu.addSeparator()
        other = self.drink_menu.addAction(self.tr("Other drink…"))
        other.triggered.connect(lambda: self.new_intake(IntakeKind.CAFFEINE))

    # --- what the actions do -------------------------------------------------------------------

    def _undo_index_changed(self) -> None:
        # An old "Logged …" must not stay up after that entry was undone or another change.
        self.statusBar().clearMessage()

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text + self.tr("  (Ctrl+Z to undo)"), 8000)

    def toggle_twitching(self) -> Episode | None:
        episode = self.controller.toggle_twitching()
        if episode is not None:
            self._say(self.tr("Episode started") if episode.running else self.tr("Episode stopped"))
        return episode

    def start_triage(self) -> QWidget:
        page = self.show_page("triage")
        return page.start()  # type: ignore[attr-defined, no-any-return]

    def new_episode(self) -> None:
        from .dialogs.episode_dialog import EpisodeDialog

        dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, parent=self)
        # Saved from inside the dialog: a disk that refuses it leaves the dialog open.
        dialog.save_with(lambda: self.controller.add(dialog.episode(), self.tr("Log episode")))
        if dialog.exec():
            self._say(self.tr("Episode logged"))

    def log_drink_preset(self, drink: Drink) -> Intake:
        intake = Intake(
            self.ctx.clock.now(), IntakeKind.CAFFEINE, drink.label, caffeine_mg=drink.caffeine_mg
        )
        saved = self.controller.add(intake, self.tr("Log drink"))
        self._say(self.tr("Logged %1").replace("%1", drink.label))
        return saved  # type: ignore[return-value]

    def log_magnesium_now(self) -> Intake | None:
        """One press logs tonight's dose; a second dose the same day is asked about first,
        with the day's total against the upper limits (FACTS.md), never logged silently.

        The first time, the safety notice comes first and the dose is asked (never a silent
        default): the dose entered becomes the one Ctrl+M logs from then on."""
        from ..reminders.texts import dose_message
        from ..store.log_reads import today_summary
        from .magnesium_notice import confirm_magnesium_notice

        if not confirm_magnesium_notice(self):
            return None
        if not get_setting("magnesium_dose_confirmed"):
            return self._first_magnesium_dose()
        dose = float(get_setting("magnesium_dose_mg"))
        form = str(get_setting("magnesium_form"))
        taken = today_summary(self.ctx.today(), self.ctx.zone, self.ctx.day_start).magnesium_mg
        if taken > 0:
            total = taken + dose
            question = (
                self.tr(
                    "You already logged %1 mg of magnesium today. Log another %2 mg (%3 mg in all)?"
                )
                .replace("%1", f"{taken:g}")
                .replace("%2", f"{dose:g}")
                .replace("%3", f"{total:g}")
            )
            warning = dose_message(total)
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self,
                self.tr("Magnesium already logged today"),
                question + ("\n\n" + warning if warning else ""),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        intake = Intake(self.ctx.clock.now(), IntakeKind.MAGNESIUM, form, magnesium_mg=dose)
        saved = self.controller.add(intake, self.tr("Log magnesium"))
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{dose:g}"))
        return saved  # type: ignore[return-value]

    def intake_dialog(self, kind: IntakeKind, intake: Intake | None = None) -> IntakeDialog:
        from ..reminders.texts import dose_message
        from .dialogs.intake_dialogs import IntakeDialog

        return IntakeDialog(
            kind,
            self.ctx.clock.now,
            self.ctx.zone,
            drinks=self.drinks(),
            intake=intake,
            default_magnesium_mg=float(get_setting("magnesium_dose_mg")),
            default_magnesium_form=str(get_setting("magnesium_form")),
            dose_note=dose_message,
            parent=self,
        )

    def _first_magnesium_dose(self) -> Intake | None:
        """Ask the dose once (the label's elemental magnesium), log it and remember it."""
        from ..store.settings import set_settings

        dialog = self.intake_dialog(IntakeKind.MAGNESIUM)
        dialog.setWindowTitle(self.tr("Your magnesium dose"))
        dialog.amount.setValue(0)  # empty: the person types the dose from the label
        dialog.note.setText(
            self.tr(
                "Enter the elemental magnesium on your supplement's label. LipTwitch remembers "
                "it, and Ctrl+M logs it from then on (you can change it in Settings)."
            )
        )
        dialog.note.setVisible(True)
        if not dialog.exec():
            return None
        intake = dialog.intake()
        set_settings(
            {
                "magnesium_dose_mg": int(intake.magnesium_mg),
                "magnesium_form": str(intake.label),
                "magnesium_dose_confirmed": True,
            }
        )
        saved = self.controller.add(intake, self.tr("Log magnesium"))
        self.ctx.signals.data_changed.emit("settings")
        self._say(self.tr("Logged %1 mg magnesium").replace("%1", f"{intake.magnesium_mg:g}"))
        return saved  # type: ignore[return-value]

    def new_intake(self, kind: IntakeKind) -> None:
        if kind is IntakeKind.MAGNESIUM:
            from .magnesium_notice import confirm_magnesium_notice

            if not confirm_magnesium_notice(self):
                return
        dialog = self.intake_dialog(kind)
        dialog.save_with(lambda: self.controller.add(dialog.intake()))
        if dialog.exec():
            drink = dialog.remember_drink()
            if drink is not None:
                self.remember_drink(drink)
            self._say(self.tr("Saved"))

    def remember_drink(self, drink: dict[str, object]) -> None:
        from ..store.setting_rules import MAX_CUSTOM_DRINKS
        from ..store.settings import set_setting

        kept = [d for d in get_setting("custom_drinks") if d.get("label") != drink["label"]]
        set_setting("custom_drinks", [*kept, drink][-MAX_CUSTOM_DRINKS:])  # the newest kept
        self.ctx.signals.data_changed.emit("settings")

    def checkin(self) -> None:
        from .dialogs.checkin_dialog import CheckInDialog

        day = self.ctx.today()
        dialog = CheckInDialog(self.ctx.clock.now, day, get_checkin(day), parent=self)
        dialog.save_with(lambda: self.controller.add(dialog.checkin(), self.tr("Check-in")))
        if dialog.exec():
            self._say(self.tr("Check-in saved"))

    # --- report helper: medicines and the doctor report ---

    def medicine_dialog(self, medicine: Medicine | None = None) -> MedicineDialog:
        from .dialogs.medicine_dialog import MedicineDialog

        return MedicineDialog(self.ctx.clock.now, self.ctx.today, medicine, parent=self)

    def new_medicine(self) -> None:
        dialog = self.medicine_dialog()
        dialog.save_with(lambda: self.controller.add(dialog.medicine(), self.tr("Add medicine")))
        if dialog.exec():
            self._say(self.tr("Medicine added"))

    def doctor_report(self) -> None:
        # Imported on first use: the report pulls in PDF painting the start-up never needs.
        from .report_dialog import ReportDialog

        dialog = ReportDialog(self.ctx, parent=self)
        dialog.exec()

    # --- end report helper ---

    def edit_row(self, row: LogRow) -> None:
        # Dialogs are imported when first opened: they are not needed for the first paint.
        from ..core.medicines import Medicine
        from .dialogs.checkin_dialog import CheckInDialog
        from .dialogs.episode_dialog import EpisodeDialog

        entry = row.entry
        if isinstance(entry, Episode):
            episode_dialog = EpisodeDialog(self.ctx.clock.now, self.ctx.zone, entry, parent=self)
            episode_dialog.save_with(
                lambda: self.controller.update(entry, episode_dialog.episode())
            )
            episode_dialog.exec()
        elif isinstance(entry, Intake):
            intake_dialog = self.intake_dialog(entry.kind, entry)
            intake_dialog.save_with(lambda: self.controller.update(entry, intake_dialog.intake()))
            intake_dialog.exec()
        elif isinstance(entry, Medicine):
            medicine_dialog = self.medicine_dialog(entry)
            medicine_dialog.save_with(
                lambda: self.controller.update(
                    entry, medicine_dialog.medicine(), self.tr("Edit medicine")
                )
            )
            medicine_dialog.exec()
        elif isinstance(entry, CheckIn):
            checkin_dialog = CheckInDialog(self.ctx.clock.now, entry.day, entry, parent=self)
            conflict: list[bool] = []

            def save_checkin() -> None:
                new = checkin_dialog.checkin()
                if new.day != entry.day and get_checkin(new.day) is not None:
                    conflict.append(True)
                    return
                self.controller.update(entry, new)

            checkin_dialog.save_with(save_checkin)
            if checkin_dialog.exec() and conflict:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(
                    self,
                    self.tr("Check-in exists"),
                    self.tr("There is already a check-in for that day; edit that one."),
                )

    def _restore_backup(self) -> None:
        page = self.show_page("settings")
        page.backup_list.setFocus()  # type: ignore[attr-defined]
        self.statusBar().showMessage(
            self.tr("Choose a backup, then press “Restore selected backup…”."), 10000
        )

    def _export_csv(self) -> None:
        page = self.show_page("log")
        page._export_clicked()  # type: ignore[attr-defined]

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
