"""The Log page: every entry in a sortable, filterable table; edit, delete with undo, export."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.changes import Change
from ..core.log_rows import ROW_KIND_LABELS, LogRow, RowKind
from ..runtime.context import AppContext
from ..store.log_query import log_rows
from .flow_layout import FlowLayout
from .log_model import SORT_ROLE, LogTableModel

if TYPE_CHECKING:
    from ..controllers.data import DataController
    from ..controllers.log import LogController

RANGES = (
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
    ("90", "Last 3 months"),
    ("365", "Last year"),
    ("all", "Everything"),
    ("custom", "Custom range"),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class LogPage(QWidget):
    edit_requested = Signal(object)  # LogRow

    def __init__(
        self,
        ctx: AppContext,
        log: LogController,
        data: DataController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._log = log
        self._data = data
        self.model = LogTableModel(ctx.zone, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.range_combo = QComboBox()
        for value, label in RANGES:
            self.range_combo.addItem(self.tr(label), value)
        self.range_combo.setCurrentIndex(1)
        self.range_combo.setAccessibleName(self.tr("Date range"))
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, name in ((self.from_edit, "From"), (self.to_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(self.tr(name))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("All kinds"), "")
        for kind, label in ROW_KIND_LABELS.items():
            self.kind_combo.addItem(self.tr(label), kind.value)
        self.kind_combo.setAccessibleName(self.tr("Kind of entry"))

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        # Fixed widths from the font, not ResizeToContents, which measures every row: the log
        # may hold years of entries.
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for column, sample in (
            (0, "2026-11-27 22:03  "),
            (1, "Potassium food  "),
            (3, "200 mg elemental  "),
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 12)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.table.setAccessibleName(self.tr("Log entries"))
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.count_label = QLabel()
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_button.setToolTip(self.tr("Delete the selected entries (Del); Ctrl+Z undoes"))
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._export_clicked)

        # Label and field stay together; the pairs wrap on a narrow window.
        filters = FlowLayout()
        for label, widget in (
            (self.tr("&Show:"), self.range_combo),
            (self.tr("F&rom:"), self.from_edit),
            (self.tr("&To:"), self.to_edit),
            (self.tr("&Kind:"), self.kind_combo),
        ):
            buddy = QLabel(label)
            buddy.setBuddy(widget)
            pair = QWidget()
            pair_row = QHBoxLayout(pair)
            pair_row.setContentsMargins(0, 0, 0, 0)
            pair_row.addWidget(buddy)
            pair_row.addWidget(widget)
            filters.addWidget(pair)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        for button in (self.edit_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.from_edit.dateChanged.connect(self._custom_dates)
        self.to_edit.dateChanged.connect(self._custom_dates)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.signals.data_changed.connect(self._data_changed)
        self._range_changed()

    # --- filtering ----------------------------------------------------------------------------

    def _range_changed(self) -> None:
        value = self.range_combo.currentData()
        today = self.ctx.today()
        custom = value == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if not custom:
            first = date(1970, 1, 2) if value == "all" else today - timedelta(days=int(value) - 1)
            for edit, day in ((self.from_edit, first), (self.to_edit, today)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.refresh()

    def _custom_dates(self) -> None:
        if self.range_combo.currentData() == "custom":
            self.refresh()

    def set_range(self, first: date, last: date) -> None:
        self.range_combo.setCurrentIndex(self.range_combo.findData("custom"))
        self.from_edit.setDate(_qdate(first))
        self.to_edit.setDate(_qdate(last))
        self.refresh()

    def set_kind(self, kind: RowKind | None) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value if kind else ""))

    def _data_changed(self, change: Change) -> None:
        match change:
            case Change.REMINDER | Change.TRIAGE:
                pass  # neither is a row here
            case _:  # an entry of any kind, the day start, a new zone, everything
                self.refresh()

    def refresh(self) -> None:
        first = _pydate(self.from_edit.date())
        last = _pydate(self.to_edit.date())
        if first > last:
            first, last = last, first
        kind = self.kind_combo.currentData()
        rows = log_rows(
            first, last, self.ctx.zone, self.ctx.day_start, kinds={RowKind(kind)} if kind else None
        )
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n entry(s)", "", len(rows)))
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------

    def selected_rows(self) -> list[LogRow]:
        indexes = self.table.selectionModel().selectedRows()
        return [self.model.row_at(self.proxy.mapToSource(i).row()) for i in indexes]

    def visible_rows(self) -> list[LogRow]:
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def _update_buttons(self) -> None:
        selected = len(self.selected_rows())
        self.edit_button.setEnabled(selected == 1)
        self.delete_button.setEnabled(selected > 0)
        self.export_button.setEnabled(self.proxy.rowCount() > 0)

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.edit_requested.emit(rows[0])

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._log.delete([r.entry for r in rows])
            message = self.tr("Deleted %n entry(s)", "", len(rows))
            from .feedback import say

            say(self, message, undo=self._log.undo_stack)

    def _export_clicked(self) -> None:
        from .feedback import start_path

        suggested = start_path(f"liptwitch-log-{self.ctx.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export log as CSV"), suggested, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> int | None:
        try:
            count = self._data.export_log_csv(self.visible_rows(), path)
        except OSError as exc:
            from .storage_errors import describe

            QMessageBox.warning(
                self,
                self.tr("Export failed"),
                self.tr("The CSV could not be written to %1:\n%2")
                .replace("%1", str(path))
                .replace("%2", describe(exc)),
            )
            return None
        from .feedback import say

        say(
            self,
            self.tr("Exported %n entry(s) to %1", "", count).replace("%1", str(path)),
        )
        return count
