"""The Log page's table: a QAbstractTableModel over plain LogRow values."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.log_rows import ROW_KIND_LABELS, LogRow
from .dates import day_text, moment_text

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class LogTableModel(QAbstractTableModel):
    COLUMNS = ("When", "Kind", "What", "Amount", "Notes")

    def __init__(self, zone: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LogRow] = []
        self._zone = zone

    def set_rows(self, rows: list[LogRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> LogRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            if column == 0:
                return row.when.timestamp()
            if column == 3:
                return row.amount_value
            return self._display(row, column).lower()
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text where a column cuts it
            if column == 4:
                return row.notes or None
            if column in (2, 3):
                return self._display(row, column) or None
        return None

    def _display(self, row: LogRow, column: int) -> str:
        if column == 0:
            if row.day is not None:  # whole-day entries: check-ins, medicines
                return day_text(row.day)
            # Shown in the app's one date format; sorting uses SORT_ROLE's timestamp.
            return moment_text(row.when, self._zone)
        if column == 1:
            return self.tr(ROW_KIND_LABELS[row.kind])
        if column == 2:
            return row.what
        if column == 3:
            return row.amount
        return row.notes.replace("\n", " ")
