"""Every action says what happened: a line in the window's status bar (or, in a window
without one, a small note beside the widget), and where file dialogs start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QToolTip, QWidget

SHOWN_MS = 10_000


def say(widget: QWidget, text: str, ms: int = SHOWN_MS) -> None:
    """Tell the person what an action did, in the status bar of the window `widget` is in."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)
        return
    # A dialog or a widget on its own: a small note (a toast) at the widget.
    widget.setProperty("last_feedback", text)
    if widget.isVisible() and QGuiApplication.platformName() != "offscreen":  # none to see
        where = widget.mapToGlobal(QPoint(0, widget.height()))
        QToolTip.showText(where, text, widget, msecShowTime=ms)


def start_folder() -> str:
    """The folder a file dialog opens in: Documents if there is one, else the home folder.

    Qt names the Documents folder even where it does not exist; a save dialog given a path
    in a missing folder opens elsewhere with "Documents" typed as the file name.
    """
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return documents
    return str(Path.home())


def start_path(file_name: str) -> str:
    """`file_name` in the folder a file dialog opens in."""
    return str(Path(start_folder()) / file_name)
