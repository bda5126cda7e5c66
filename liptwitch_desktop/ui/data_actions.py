"""The Settings page's data actions: export all (JSON, CSV zip), import, delete all.

Each action is one call of the data controller; after an import or a delete it emits one
Change.ALL and every view refreshes from the store. An import runs off the GUI thread
(store/transfer/importing checks every item of a file of up to 50 MiB) with a progress
dialog whose Cancel leaves nothing behind. A disk that refuses a write is named in words.
File pickers are methods (`ask_save_path`, `ask_open_path`) so the flows can be driven
without a native dialog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..runtime.context import AppContext
from ..store.database.storage_errors import is_storage_error
from .flow_layout import FlowLayout
from .storage_errors import describe

if TYPE_CHECKING:
    from ..controllers.data import DataController
    from ..controllers.import_runner import ImportRunner
    from ..controllers.settings import SettingsController
    from ..store.transfer.export_import import ImportReport, Rejection


class DeleteAllDialog(QDialog):
    """Asks the person to type a word before everything is deleted: no slip of a key does it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Delete all data"))
        self.word = self.tr("DELETE")
        explain = QLabel(
            self.tr(
                "This deletes every episode, drink, dose, check-in, triage result, medicine "
                "and reminder history from this computer. Your settings are kept.\n\n"
                "A backup is taken first, so it can be undone from Settings → Backups.\n\n"
                "To go ahead, type %1 below."
            ).replace("%1", self.word)
        )
        explain.setWordWrap(True)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(self.tr("Type %1 to confirm").replace("%1", self.word))
        label = QLabel(self.tr("&Confirm:"))
        label.setBuddy(self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.delete_button.setText(self.tr("Delete everything"))
        self.delete_button.setEnabled(False)
        # No default button: Enter in the field deletes only once the word is right, and
        # never cancels by surprise either.
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):  # a button box holds push buttons only
                button.setAutoDefault(False)
                button.setDefault(False)
        self.confirm.returnPressed.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.textChanged.connect(
            lambda text: self.delete_button.setEnabled(text.strip() == self.word)
        )
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.confirm.text().strip() == self.word:
            super().accept()


class DataActions(QWidget):
    """Buttons for the Settings page's "Your data" box."""

    # Emitted with the ImportRunner before waiting for it (tests and a11y tools watch it).
    import_started = Signal(object)
    # The progress dialog shows once an import has run this long (a small file never flashes).
    progress_delay_ms = 400

    def __init__(
        self,
        ctx: AppContext,
        data: DataController,
        settings: SettingsController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._data = data
        self._settings = settings  # the magnesium notice after an import is read there
        self.export_json_button = QPushButton(self.tr("Export all as &JSON…"))
        self.export_json_button.clicked.connect(self.export_json_clicked)
        self.export_csv_button = QPushButton(self.tr("Export all as &CSV (zip)…"))
        self.export_csv_button.clicked.connect(self.export_csv_clicked)
        self.import_button = QPushButton(self.tr("&Import from JSON…"))
        self.import_button.clicked.connect(self.import_clicked)
        self.delete_button = QPushButton(self.tr("&Delete all data…"))
        self.delete_button.clicked.connect(self.delete_clicked)
        for button, tip in (
            (self.export_json_button, "A complete copy of your data that LipTwitch can import."),
            (self.export_csv_button, "One spreadsheet file per kind of entry, in a zip file."),
            (self.import_button, "Add entries from a LipTwitch JSON export."),
            (self.delete_button, "Delete everything you logged (a backup is taken first)."),
        ):
            button.setToolTip(self.tr(tip))
        row = FlowLayout(self)  # wraps on a narrow window
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.export_json_button,
            self.export_csv_button,
            self.import_button,
            self.delete_button,
        ):
            row.addWidget(button)

    # --- file pickers (replaced in tests) -------------------------------------------------------

    def _documents(self) -> str:
        from .feedback import start_folder

        return start_folder()

    def ask_save_path(self, suggested: str, filter_text: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export all data"), str(Path(self._documents()) / suggested), filter_text
        )
        return Path(path) if path else None

    def ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import from a LipTwitch export"),
            self._documents(),
            self.tr("LipTwitch export (*.json)"),
        )
        return Path(path) if path else None

    # --- the actions ----------------------------------------------------------------------------

    def _suggested(self, suffix: str) -> str:
        return f"liptwitch-export-{self.ctx.today().isoformat()}.{suffix}"

    def export_json_clicked(self) -> None:
        path = self.ask_save_path(self._suggested("json"), self.tr("JSON (*.json)"))
        if path is not None:
            self.export_to(path, csv=False)

    def export_csv_clicked(self) -> None:
        path = self.ask_save_path(self._suggested("zip"), self.tr("Zip of CSV files (*.zip)"))
        if path is not None:
            self.export_to(path, csv=True)

    def export_to(self, path: Path, csv: bool) -> dict[str, int] | None:
        try:
            counts = self._data.export(path, csv)
        except ValueError as exc:  # a stored row the app cannot read (edited by hand)
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Export failed"),
                self.tr(
                    "A stored entry could not be read (%1), so nothing was exported. "
                    "`liptwitch check` lists the entries the app cannot use."
                ).replace("%1", str(exc)[:200]),
            )
            return None
        except Exception as exc:
            if not (isinstance(exc, OSError) or is_storage_error(exc)):
                raise
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Export failed"),
                self.tr("The file could not be written (%1):\n%2")
                .replace("%1", describe(exc))
                .replace("%2", str(path)),
            )
            return None
        entries = counts["episodes"] + counts["intakes"] + counts["checkins"]
        self._message(
            QMessageBox.Icon.Information,
            self.tr("Export done"),
            self.tr("%n entry(s) exported to:\n%2", "", entries).replace("%2", str(path)),
        )
        return counts

    def import_clicked(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.import_from(path)

    def run_import(self, path: Path) -> ImportRunner:
        """Run the import in its thread with a progress dialog; returns once it ended."""
        runner = self._data.import_runner(path, self)
        progress = QProgressDialog(
            self.tr("Checking and importing %1…").replace("%1", path.name),
            self.tr("Cancel"),
            0,
            0,
            self,
        )
        progress.setWindowTitle(self.tr("Importing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(self.progress_delay_ms)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(runner.cancel)
        self.progress_dialog = progress
        # A method of this widget, so the worker's signal is queued to the GUI thread (a
        # plain function would run in the worker and touch the dialog from there).
        runner.progressed.connect(self._advance)
        loop = QEventLoop()
        runner.finished.connect(loop.quit)
        runner.start()
        self.import_started.emit(runner)
        if not runner.isFinished():
            loop.exec()
        runner.wait()
        progress.close()
        progress.deleteLater()
        return runner

    def _advance(self, done: int, total: int) -> None:
        self.progress_dialog.setMaximum(total)
        self.progress_dialog.setValue(done)

    def import_from(self, path: Path) -> ImportReport | None:
        from ..store.transfer.export_import import ImportRejected

        runner = self.run_import(path)
        exc = runner.error
        if isinstance(exc, ImportRejected):
            details = "\n".join(str(r) for r in exc.rejections)
            text = str(exc)
            if "not valid JSON" in text:  # the parser's words go to Details
                details = (details + "\n" + text).strip()
                text = self.tr(
                    "Nothing was imported: %1 is damaged or is not a LipTwitch export "
                    "(it is not a complete export file; perhaps it was cut short or edited)."
                ).replace("%1", path.name)
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Not imported"),
                text,
                informative=self._first_lines(exc.rejections),
                details=details,
            )
            return None
        if exc is not None:
            if not (isinstance(exc, OSError) or is_storage_error(exc)):
                raise exc
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Not imported"),
                self.tr("Nothing was imported: %1.").replace("%1", describe(exc)),
            )
            return None
        report = runner.report
        assert report is not None
        if report.magnesium_held:  # held off by the store until the notice is answered
            self._magnesium_notice_after_import()
        self._data.imported()
        # In terms of the file: what it held, then what became of it.
        # The person's entries only: the reminder rows and tables an export also carries
        # are not what they logged.
        entries = ("episodes", "intakes", "checkins", "medicine", "triage_result")
        added = sum(report.added.get(s, 0) for s in entries)
        skipped = sum(report.skipped.get(s, 0) for s in entries)
        held = added + skipped
        lines = [
            self.tr("The file held %n entry(s):", "", held),
            self.tr("%n added", "", added)
            + ("" if not skipped else self.tr(", %n already in your log (skipped)", "", skipped))
            + ".",
        ]
        if report.settings_changed:
            lines.append(self.tr("%n setting(s) changed.", "", report.settings_changed))
        details = "\n".join(f"{name}: {count}" for name, count in report.added.items())
        self._message(
            QMessageBox.Icon.Information,
            self.tr("Import done"),
            " ".join(lines),
            details=details,
        )
        return report

    def _magnesium_notice_after_import(self) -> None:
        """An import that would switch the magnesium reminder on gets the safety notice
        before the reminders are rebuilt from it (FACTS.md: by whatever path); "I understand"
        turns it on, Cancel leaves that one reminder off, the rest of the import stays."""
        from .magnesium_notice import confirm_magnesium_notice

        self._settings.settle_magnesium_notice(confirm_magnesium_notice(self, self._settings))

    def _first_lines(self, rejections: list[Rejection], shown: int = 5) -> str:
        lines = [str(r) for r in rejections[:shown]]
        if len(rejections) > shown:
            lines.append(
                self.tr("…and %1 more (see Show Details).").replace(
                    "%1", str(len(rejections) - shown)
                )
            )
        return "\n".join(lines)

    def delete_clicked(self) -> None:
        dialog = DeleteAllDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.delete_all()

    def delete_all(self) -> bool:
        try:
            backup_path = self._data.delete_all()
        except Exception as exc:
            if not (isinstance(exc, OSError) or is_storage_error(exc)):
                raise
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Nothing was deleted"),
                self.tr("Nothing was deleted: %1. Your data is as it was.").replace(
                    "%1", describe(exc)
                ),
            )
            return False
        self._message(
            QMessageBox.Icon.Information,
            self.tr("All data deleted"),
            self.tr("Everything you logged was deleted. A backup was kept:\n%1").replace(
                "%1", str(backup_path)
            ),
        )
        return True

    def _message(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        informative: str = "",
        details: str = "",
    ) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("data_action_result")
        if informative:
            box.setInformativeText(informative)
        if details:
            box.setDetailedText(details)
        self.last_message = box
        box.exec()
