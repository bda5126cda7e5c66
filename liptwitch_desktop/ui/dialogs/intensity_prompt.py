"""After "Twitching now" is pressed again: how strong was it? One tap, or Skip.

Not modal: the tray, a shortcut and the self-test stop an episode too, and nothing must wait
for an answer. Skip (or closing it) keeps the intensity the episode had.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class IntensityPrompt(QDialog):
    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How strong was it?"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        question = QLabel(self.tr("The twitch has stopped. How strong was it, 1 to 10?"))
        question.setWordWrap(True)
        grid = QGridLayout()
        self.buttons: dict[int, QPushButton] = {}
        for value in range(1, 11):
            button = QPushButton(str(value))
            button.setObjectName(f"intensity_{value}")
            button.setAccessibleName(self.tr("Intensity %1 of 10").replace("%1", str(value)))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, v=value: self._choose(v))
            grid.addWidget(button, (value - 1) // 5, (value - 1) % 5)
            self.buttons[value] = button
        scale = QHBoxLayout()
        scale.addWidget(QLabel(self.tr("1 = barely felt")))
        scale.addStretch(1)
        scale.addWidget(QLabel(self.tr("10 = the strongest")))
        self.skip = QPushButton(self.tr("Skip"))
        self.skip.setToolTip(self.tr("Keep the episode without an intensity change"))
        self.skip.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(grid)
        layout.addLayout(scale)
        layout.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignRight)

    def _choose(self, value: int) -> None:
        self.chosen.emit(value)
        self.accept()
