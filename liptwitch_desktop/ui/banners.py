"""Calm in-window banners (persistence watch, "While you were away", a missing tray)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

ICONS = {"info": "ℹ", "warning": "⚠", "reminder": "⏰"}


class Banner(QFrame):
    def __init__(self, key: str, text: str, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"banner_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        icon = QLabel(ICONS.get(level, "ℹ"))
        icon.setAccessibleName(level)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.deleteLater)
        row = QHBoxLayout(self)
        row.addWidget(icon)
        row.addWidget(self.label, 1)
        row.addWidget(close)


class BannerArea(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_banner(self, key: str, text: str, level: str = "info") -> Banner:
        self.remove_banner(key)
        banner = Banner(key, text, level, self)
        self._layout.addWidget(banner)
        return banner

    def remove_banner(self, key: str) -> None:
        for banner in self.banners():
            if banner.key == key:
                banner.hide()
                banner.deleteLater()

    def banners(self) -> list[Banner]:
        return [b for b in self.findChildren(Banner) if b.isVisibleTo(self) or not b.isHidden()]

    def texts(self) -> list[str]:
        return [b.label.text() for b in self.findChildren(Banner) if not b.isHidden()]
