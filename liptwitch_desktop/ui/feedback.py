"""Every action says what happened: a line in the window's status bar, with an Undo button
beside it when the action can be undone (ui/undo_toast.py), or, in a window without a status
bar, a small note beside the widget; and where file dialogs start.

The one way the app reports an action: the entry flows, the Log page, the verbs from
`liptwitch twitch`, backups, exports and Ctrl+Z itself all call `say`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QToolTip, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

SHOWN_MS = 10_000
# Long enough to reach for the mouse and press Undo after reading the line.
UNDO_SHOWN_MS = 15_000
TOAST_NAME = "undo_toast"


def say(widget: QWidget, text: str, ms: int | None = None, undo: QUndoStack | None = None) -> None:
    """Tell the person what an action did, in the status bar of the window `widget` is in.

    `undo`: the stack whose newest step is the action `text` reports; an Undo button beside
    the line undoes that step, and only that one (it goes when the stack moves on).
    """
    window = widget.window()
    if isinstance(window, QMainWindow):
        bar = window.statusBar()
        offer = undo is not None and undo.canUndo()
        bar.showMessage(text, ms or (UNDO_SHOWN_MS if offer else SHOWN_MS))
        if offer:
            assert undo is not None
            # Built at the first undoable action, not with the window (first paint).
            from .undo_toast import offer_undo

            offer_undo(bar, text, undo)
        else:
            toast = bar.findChild(QWidget, TOAST_NAME)
            if toast is not None:  # the same words again, not undoable this time
                toast.hide()
        return
    # A dialog or a widget on its own: a small note (a toast) at the widget.
    widget.setProperty("last_feedback", text)
    if widget.isVisible() and QGuiApplication.platformName() != "offscreen":  # none to see
        where = widget.mapToGlobal(QPoint(0, widget.height()))
        QToolTip.showText(where, text, widget, msecShowTime=ms or SHOWN_MS)


def say_undone(widget: QWidget, stack: QUndoStack) -> None:
    """After an undo (Ctrl+Z, Edit > Undo or a toast's button): what it undid."""
    step = stack.text(stack.index())
    say(widget, QCoreApplication.translate("feedback", "Undone: %1").replace("%1", step))


def say_redone(widget: QWidget, stack: QUndoStack) -> None:
    step = stack.text(stack.index() - 1)
    say(widget, QCoreApplication.translate("feedback", "Redone: %1").replace("%1", step))


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
