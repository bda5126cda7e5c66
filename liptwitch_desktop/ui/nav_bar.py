"""The sidebar: one checkable button per page, like a mode bar.

Buttons, not an item view: they are bigger targets, show which page is open without
colour (the open one stays pressed), and arrow keys move between them as between radio
buttons. (An item view would also cost the first paint ~5 ms of enum set-up in PySide.)
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget


class NavBar(QWidget):
    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        self._current = -1
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(1)

    def add_page(self, label: str, tooltip: str) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"nav_{len(self.buttons)}")
        button.setCheckable(True)
        button.setAutoExclusive(True)  # one pressed at a time; arrow keys move between them
        button.setFlat(True)
        button.setMinimumHeight(36)
        button.setToolTip(tooltip)
        button.setAccessibleName(label)
        row = len(self.buttons)
        button.toggled.connect(lambda on, r=row: self._pressed(r) if on else None)
        self._layout.insertWidget(row, button)
        self.buttons.append(button)
        return button

    def current_row(self) -> int:
        return self._current

    def set_current_row(self, row: int) -> None:
        if 0 <= row < len(self.buttons):
            self.buttons[row].setChecked(True)  # emits through _pressed if it changes

    def _pressed(self, row: int) -> None:
        if row != self._current:
            self._current = row
            self.current_changed.emit(row)
