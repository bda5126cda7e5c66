"""The sidebar: one checkable button per page, like a mode bar.

Buttons, not an item view: they are bigger targets, show which page is open without
colour (the open one stays pressed), and arrow keys move between them as between radio
buttons. (An item view would also cost the first paint ~5 ms of enum set-up in PySide.)
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

# The freedesktop names a desktop theme may have for each page.
THEME_ICONS = {
    "today": "go-home",
    "log": "view-list-details",
    "trends": "office-chart-line",
    "triage": "dialog-question",
    "settings": "preferences-system",
    "experiment": "applications-science",
}


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

    def set_icons(self, keys: list[str]) -> None:
        """An icon per page, after the first paint (loading SVGs costs the first frame):
        the desktop theme's, or the one bundled in resources/icons/nav-<key>.svg."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QIcon

        from ..core.resources import icon_path

        for button, key in zip(self.buttons, keys, strict=False):
            bundled = QIcon(str(icon_path(f"nav-{key}.svg")))
            button.setIcon(QIcon.fromTheme(THEME_ICONS.get(key, ""), bundled))
            button.setIconSize(QSize(20, 20))

    def current_row(self) -> int:
        return self._current

    def set_current_row(self, row: int) -> None:
        if 0 <= row < len(self.buttons):
            self.buttons[row].setChecked(True)  # emits through _pressed if it changes

    def _pressed(self, row: int) -> None:
        if row != self._current:
            self._current = row
            self.current_changed.emit(row)
