"""Reminders settings' tools: export the reminders to a calendar file for a phone, and send
a test notification to see how (and whether) reminders reach this desktop.

Neither writes the store: the calendar is a file the person chooses (cli/calendar_events.py
builds it from what is stored), the test goes through the reminders controller to the
running reminder service.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..runtime.context import AppContext

if TYPE_CHECKING:
    from ..controllers.reminders import RemindersController


class RemindersTools(QGroupBox):
    def __init__(
        self,
        ctx: AppContext,
        reminders: RemindersController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calendar and test"))
        self.setObjectName("reminder_tools")
        self._ctx = ctx
        self._reminders = reminders
        # Where the export goes: a file dialog, replaced in tests.
        self.ask_path: Callable[[], Path | None] = self._ask_path
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export to a calendar file…"))
        self.export_button.setObjectName("export_calendar")
        self.export_button.setToolTip(
            self.tr(
                "Saves the reminders that are on as an .ics file: import it into your phone's "
                "calendar to be reminded there too (no account, no network)."
            )
        )
        self.export_button.clicked.connect(self.export_calendar)
        row.addWidget(self.export_button)
        self.test_button = QPushButton(self.tr("Send a test notification"))
        self.test_button.setObjectName("test_notification")
        self.test_button.setToolTip(self.tr("Shows a notification now, as a reminder would."))
        self.test_button.clicked.connect(self.send_test)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setObjectName("tools_status")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)

    def _say(self, text: str, error: bool = False) -> None:
        # An error in the error colour (not the highlight), and words, never colour alone.
        self.status.setStyleSheet("color: #b3261e;" if error else "")
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.status.show()

    def _ask_path(self) -> Path | None:
        start = Path.home() / "liptwitch-reminders.ics"
        name, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the reminders"),
            str(start),
            self.tr("Calendar files (*.ics)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".ics" else path.with_name(path.name + ".ics")

    def export_calendar(self) -> None:
        from ..cli.calendar_events import export_calendar

        path = self.ask_path()
        if path is None:
            return
        try:
            count = export_calendar(
                path, self._ctx.clock.now(), self._ctx.zone, self._ctx.day_start
            )
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._say(
                self.tr("Could not save the calendar: %1. Nothing was written.").replace(
                    "%1", reason
                ),
                error=True,
            )
            return
        if count == 0:
            self._say(self.tr("No reminder is on: the calendar file %1 is empty.").replace(
                "%1", str(path)))  # fmt: skip
            return
        saved = self.tr("Saved %n reminder(s) to %1.", "", count)
        self._say(
            saved.replace("%1", str(path))
            + " "
            + self.tr("Import this file into your phone's calendar.")
        )

    def send_test(self) -> None:
        result = self._reminders.send_test_notification()
        if result is None:
            self._say(
                self.tr("The reminders are not running, so no notification can be sent."),
                error=True,
            )
            return
        self._say(result)
