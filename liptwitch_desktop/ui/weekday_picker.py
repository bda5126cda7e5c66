"""Seven labelled day check boxes for a reminder's days (the Reminders settings)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class WeekdayPicker(QWidget):
    """Seven labelled check boxes; the text says the day, not a colour."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for day, name in enumerate(DAY_NAMES):
            box = QCheckBox(self.tr(name))
            box.setAccessibleName(f"{label}: {self.tr(name)}")
            box.setObjectName(f"day_{day}")
            box.toggled.connect(self.changed)
            row.addWidget(box)
            self.boxes.append(box)

    def days(self) -> frozenset[int]:
        return frozenset(d for d, box in enumerate(self.boxes) if box.isChecked())

    def set_days(self, days: frozenset[int]) -> None:
        for d, box in enumerate(self.boxes):
            box.blockSignals(True)
            box.setChecked(d in days)
            box.blockSignals(False)
