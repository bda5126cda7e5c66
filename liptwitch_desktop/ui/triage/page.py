"""The Triage page of the main window: start the wizard, browse past results and what changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...core.changes import Change
from ...core.knowledge import load_knowledge
from ...core.log_facts import LogFacts
from ...core.triage.history import (
    SavedTriage,
    after_emergency_text,
    changes_between,
    last_emergency_before,
)
from ...runtime.context import AppContext
from ...store.triage_history import list_triage_history
from .render import URGENCY_STYLE, result_html, short_day, short_when
from .wizard import TriageWizard

if TYPE_CHECKING:
    from ...controllers.settings import SettingsController
    from ...controllers.triage import TriageController

LogFactsProvider = Callable[[], LogFacts | None]


class TriagePage(QWidget):
    """Start a check, and read past ones.

    The log's facts come from `log_facts_provider` (the window's); without one the wizard
    asks without pre-filling. `plan_adopted(list[str])` re-emits the wizard's adopted plan
    items. The wizard saves through `triage`, and the magnesium notice is read through
    `settings`.
    """

    plan_adopted = Signal(list)

    def __init__(
        self,
        ctx: AppContext,
        triage: TriageController,
        settings: SettingsController,
        parent: QWidget | None = None,
        log_facts_provider: LogFactsProvider | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.triage = triage
        self.settings = settings
        self.log_facts_provider = log_facts_provider
        self.wizard: TriageWizard | None = None
        self.history: list[SavedTriage] = []

        heading = QLabel(self.tr("Check my twitch"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Answer a few questions to find out whether to see a doctor, what is likely "
                "behind the twitch, and what to do about it."
            )
        )
        intro.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start triage"))
        self.start_button.setObjectName("triage_start")
        self.start_button.clicked.connect(self.start)

        self.list = QListWidget()
        self.list.setObjectName("triage_history")
        self.list.setAccessibleName(self.tr("Past results"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._show_row)
        list_label = QLabel(self.tr("&Past results"))
        list_label.setBuddy(self.list)
        self.empty = QLabel(self.tr("No results yet. Start a check to see one here."))
        self.empty.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("triage_detail")
        self.detail.setAccessibleName(self.tr("Selected result"))
        self.changes = QTextBrowser()
        self.changes.setObjectName("triage_changes")
        self.changes.setAccessibleName(self.tr("What changed since the check before"))
        changes_label = QLabel(self.tr("What changed since the check before"))
        changes_label.setBuddy(self.changes)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 3)
        right_layout.addWidget(changes_label)
        right_layout.addWidget(self.changes, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 580])

        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        ctx.signals.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, change: Change) -> None:
        match change:
            case Change.TRIAGE | Change.ALL | Change.ZONE:  # the list shows local times
                self.refresh()
            case _:
                pass

    def _log_facts(self) -> LogFacts | None:
        provider = self.log_facts_provider
        return provider() if provider is not None else None

    def start(self) -> TriageWizard:
        """Open the wizard (window-modal, non-blocking)."""
        wizard = TriageWizard(self.ctx, self.triage, self.settings, self._log_facts(), parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.plan_adopted.connect(self.plan_adopted)
        wizard.finished.connect(self._wizard_closed)
        self.wizard = wizard
        wizard.open()
        return wizard

    def _wizard_closed(self) -> None:
        self.wizard = None

    def refresh(self) -> None:
        selected = self.history[self.list.currentRow()].id if self._has_selection() else None
        known = {saved.id for saved in self.history}
        self.history = list_triage_history()
        if any(saved.id not in known for saved in self.history):
            selected = None  # a new result: show it
        self.list.blockSignals(True)
        self.list.clear()
        for saved in self.history:
            when = short_when(saved.created_at.astimezone(self.ctx.zone))
            symbol = URGENCY_STYLE[saved.result.urgency][3]
            cause = saved.result.causes[0].name if saved.result.causes else ""
            text = f"{when}\n{symbol} {saved.result.word}"
            if cause:
                text += f" · {cause}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, saved.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.history)
        rows = [i for i, s in enumerate(self.history) if s.id == selected]
        self.list.setCurrentRow(rows[0] if rows else (0 if self.history else -1))
        if not self.history:
            self.detail.clear()
            self.changes.clear()

    def _has_selection(self) -> bool:
        return 0 <= self.list.currentRow() < len(self.history)

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.history):
            return
        saved = self.history[row]
        when = saved.created_at.astimezone(self.ctx.zone)
        emergency = last_emergency_before(self.history, saved)
        warning = ""
        if emergency is not None:  # on every later, lower check, the newest one too
            warning = after_emergency_text(
                load_knowledge(), saved.result, emergency.created_at, self._day
            )
        self.detail.setHtml(
            result_html(
                saved.result,
                when=when,
                adopted=saved.adopted,
                include_headline=True,
                after_emergency=warning,
            )
        )
        if row + 1 < len(self.history):
            changes = changes_between(self.history[row + 1], saved, day_words=self._day)
            lines = changes or [self.tr("Nothing changed since the check before.")]
        else:
            lines = [self.tr("This is your first saved check.")]
        self.changes.setPlainText("\n".join(f"• {line}" for line in lines))

    def _day(self, when: datetime) -> str:
        return short_day(when.astimezone(self.ctx.zone).date())

    def selected(self) -> SavedTriage | None:
        return self.history[self.list.currentRow()] if self._has_selection() else None
