"""The Undo button beside an action's line in the status bar (ui/feedback.py `say`).

A mouse user undoes what was just logged, edited or deleted without knowing Ctrl+Z. The
button undoes exactly the step it was offered for: it goes when the line goes (timeout,
another message) or the undo stack moves for any other reason (Ctrl+Z, a new entry), and a
press checks the step is still the newest before undoing it.

Imported at the first undoable action, never with the window (first paint).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from .feedback import TOAST_NAME, say_undone


class UndoToast(QWidget):
    """The line and its Undo button, side by side, while the line is shown.

    A permanent widget of the status bar that takes its whole width: the bar's own message
    (still set, for `currentMessage()`) has no room left to paint in, and the words are
    the toast's label, right before the button, not at the far end of a wide window.
    """

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName(TOAST_NAME)
        # No fixed colours: a plain label and push button follow the palette (light or dark).
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # A long line is cut at the window's edge; it never widens the window.
        self.label.setMinimumWidth(1)
        self.button = QPushButton(self.tr("Undo"))
        self.button.setObjectName("undo_toast_button")
        self.button.setAccessibleName(self.tr("Undo"))
        self.button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self._stack: QUndoStack | None = None
        self._command: QUndoCommand | None = None
        self._index = -1
        self._message = ""
        bar.messageChanged.connect(self._message_changed)
        bar.addPermanentWidget(self, 1)
        # The bar keeps the button's height from now on: lines coming and going with an
        # Undo button do not make the page above jump.
        bar.setMinimumHeight(max(bar.minimumHeight(), self.sizeHint().height()))
        self.hide()

    def offer(self, message: str, stack: QUndoStack) -> None:
        """Offer to undo the newest step of `stack`, which `message` (the line shown) reports."""
        if self._stack is not stack:
            if self._stack is not None:
                self._stack.indexChanged.disconnect(self._index_changed)
            stack.indexChanged.connect(self._index_changed)
            self._stack = stack
        self._index = stack.index()
        # The step itself, not only its place: a place can hold another step later.
        self._command = stack.command(self._index - 1)
        self._message = message
        self.label.setText(message.splitlines()[0] if message else "")
        step = stack.undoText()
        self.button.setAccessibleDescription(self.tr("Undo “%1”").replace("%1", step))
        self.button.setToolTip(self.tr("Undo “%1” (Ctrl+Z)").replace("%1", step))
        self.show()

    def offered_step_is_newest(self) -> bool:
        stack = self._stack
        return (
            stack is not None
            and not self.isHidden()
            and stack.index() == self._index
            and stack.command(self._index - 1) is self._command
        )

    def undo(self) -> None:
        """Undo the step offered, if it is still the newest; otherwise nothing."""
        stack = self._stack
        if stack is None or not self.offered_step_is_newest():
            self.withdraw()
            return
        self.withdraw()
        stack.undo()
        say_undone(self, stack)

    def withdraw(self) -> None:
        self._command = None
        self.hide()

    def _index_changed(self, index: int) -> None:
        if index != self._index:
            self.withdraw()

    def _message_changed(self, message: str) -> None:
        # The line timed out, or another took its place: the button goes with it.
        if message != self._message:
            self.withdraw()


def offer_undo(bar: QStatusBar, message: str, stack: QUndoStack) -> UndoToast:
    """The status bar's toast (made on first use), offering to undo `stack`'s newest step."""
    toast = bar.findChild(UndoToast, TOAST_NAME)
    if toast is None:
        toast = UndoToast(bar)
    toast.offer(message, stack)
    return toast
