"""The main window's actions, menus and their shortcuts (a part of MainWindow: see there).

MainWindow's base class rather than a collaborator: every action is the window's own (added
to it, so its shortcut works whatever page has focus), and its menus are the window's menu
bar. What the actions do is the window's collaborator `entries` (ui/entry_flows.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from ..core.entries import IntakeKind

if TYPE_CHECKING:
    from ..controllers.log import LogController
    from ..runtime.context import AppContext
    from .entry_flows import EntryFlows
    from .main_window import PageSpec
    from .nav_bar import NavBar


class WindowActions(QMainWindow):
    """MainWindow's actions and menus; what they call is the window's (set up there)."""

    ctx: AppContext
    controller: LogController
    entries: EntryFlows
    actions_by_name: dict[str, QAction]
    _pending_shortcuts: list[tuple[QAction, str]]
    page_specs: list[PageSpec]
    nav: NavBar
    # The window's own, which its menus name too (defined in MainWindow).
    start_triage: Callable[[], object]
    request_quit: Callable[[], None]
    about: Callable[[], None]
    _export_csv: Callable[[], None]
    _restore_backup: Callable[[], None]

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
        self._action(
            "twitching_now", "&Twitching now / stop", self.entries.toggle_twitching, "Ctrl+T"
        )
        self._action("log_episode", "Log &episode…", self.entries.new_episode, "Ctrl+N")
        drink = self._action(
            "log_drink",
            "Log &drink…",
            lambda: self.entries.new_intake(IntakeKind.CAFFEINE),
            "Ctrl+D",
        )
        self.drink_menu = QMenu(self.tr("Log drink"), self)
        self.drink_menu.aboutToShow.connect(self._fill_drink_menu)
        drink.setMenu(self.drink_menu)
        self._action("log_magnesium", "Log &magnesium", self.entries.log_magnesium_now, "Ctrl+M")
        self._action(
            "log_magnesium_custom",
            "Log magnesium (other dose)…",
            lambda: self.entries.new_intake(IntakeKind.MAGNESIUM),
            "Ctrl+Shift+M",
        )
        self._action(
            "log_water",
            "Log &water…",
            lambda: self.entries.new_intake(IntakeKind.WATER),
            "Ctrl+Shift+W",
        )
        self._action(
            "log_potassium",
            "Log &potassium-rich food…",
            lambda: self.entries.new_intake(IntakeKind.POTASSIUM_FOOD),
            "Ctrl+Shift+P",
        )
        self._action(
            "log_trigger",
            "Log possible t&rigger food…",
            lambda: self.entries.new_intake(IntakeKind.TRIGGER_FOOD),
            "Ctrl+Shift+F",
        )
        self._action("checkin", "&Check-in…", self.entries.checkin, "Ctrl+K")
        # --- report helper: medicines and the doctor report ---
        self._action(
            "new_medicine", "Started a new &medicine…", self.entries.new_medicine, "Ctrl+Shift+N"
        )
        self._action(
            "doctor_report", "Report for my &doctor…", self.entries.doctor_report, "Ctrl+Shift+R"
        )
        # --- end report helper ---
        undo = self.controller.undo_stack.createUndoAction(self, self.tr("&Undo"))
        redo = self.controller.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self._pending_shortcuts += [
            (undo, "std:Undo"),
            (redo, "std:Redo"),
        ]
        # Say what was undone or redone (the stack's index has moved by then).
        undo.triggered.connect(self._say_undone)
        redo.triggered.connect(self._say_redone)
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
                f"page_{spec.key}", spec.label, self._go_to_row(index), spec.shortcut
            )
            view_menu.addAction(action)
        self.view_menu = view_menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions_by_name["about"])

    def _fill_drink_menu(self) -> None:
        # Rebuilt each time it opens, so custom drinks and settings are always current.
        self.drink_menu.clear()
        for drink in self.entries.drinks():
            action = self.drink_menu.addAction(f"{drink.label} — {drink.caffeine_mg:g} mg")
            action.triggered.connect(lambda _c=False, d=drink: self.entries.log_drink_preset(d))
        self.drink_menu.addSeparator()
        other = self.drink_menu.addAction(self.tr("Other drink…"))
        other.triggered.connect(
            lambda: self.entries.new_intake(IntakeKind.CAFFEINE, other_drink=True)
        )

    def _go_to_row(self, row: int) -> Callable[[], None]:
        return lambda: self.nav.set_current_row(row)

    def _undo_index_changed(self) -> None:
        # An old "Logged …" must not stay up after that entry was undone or another change.
        self.statusBar().clearMessage()

    # ui/feedback.py is imported at the first message, not with the window (first paint).
    def _say_undone(self) -> None:
        from .feedback import say_undone

        say_undone(self, self.controller.undo_stack)

    def _say_redone(self) -> None:
        from .feedback import say_redone

        say_redone(self, self.controller.undo_stack)
