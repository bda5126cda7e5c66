"""Calm in-window banners (persistence watch, "While you were away", a missing tray)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon


def _icon(level: str) -> QIcon:
    """The theme's icon for the level, or the style's (always there)."""
    # Here, not at the top: the first look at QStyle builds its eleven enums (~4 ms) and at
    # QIcon three (~1 ms), and the first frame shows no banner.
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyle

    pixmap = QStyle.StandardPixmap
    standard = (
        pixmap.SP_MessageBoxWarning if level == "warning" else pixmap.SP_MessageBoxInformation
    )
    name = {"warning": "dialog-warning", "reminder": "appointment-soon"}.get(
        level, "dialog-information"
    )
    fallback = QApplication.style().standardIcon(standard)
    return QIcon.fromTheme(name, fallback)


class Banner(QFrame):
    dismissed = Signal()

    def __init__(self, key: str, text: str, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"banner_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # By name: a bare "QFrame" rule would also frame the labels inside (QLabel is a QFrame).
        self.setStyleSheet(
            f"#banner_{key} {{ background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; }"
        )
        icon = QLabel()
        icon.setPixmap(_icon(level).pixmap(24, 24))  # an icon, not a letter "i"
        icon.setAccessibleName(level)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        from PySide6.QtCore import Qt  # banners come after the first paint; Qt is costly before

        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(self.dismissed)
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
        self._dismissed: dict[str, str] = {}  # key -> text the person dismissed this session

    def show_banner(self, key: str, text: str, level: str = "info") -> Banner | None:
        """Show (or replace) the banner `key`, unless this very text was dismissed."""
        if self._dismissed.get(key) == text:
            return None
        current = [b for b in self.findChildren(Banner) if b.key == key and not b.isHidden()]
        if current and current[0].label.text() == text:
            return current[0]
        self.remove_banner(key)
        banner = Banner(key, text, level, self)
        banner.dismissed.connect(lambda: self._dismissed.__setitem__(key, text))
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
