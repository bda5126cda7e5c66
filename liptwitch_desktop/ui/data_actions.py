"""The Settings page's data actions: export all (JSON, CSV zip), import, delete all.

Each action is one store call; after an import or a delete the page emits one
`data_changed("all")` and every view refreshes from the store. An import runs off the GUI
thread (store/transfer/importing checks every item of a file of up to 50 MiB) with a progress dialog
whose Cancel leaves nothing behind. A disk that refuses a write is named in words. File
pickers are methods (`ask_save_path`, `ask_open_path`) so the flows can be driven without a
native dialog.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QStandardPaths, Qt, QThread, Signal
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
from ..store.transfer import export_import
from .storage_errors import describe


class ImportRunner(QThread):
    """One import in a thread of its own, on its own connection (one transaction there).

    `progressed(done, total)` comes from the import's checks and writes; `cancel()` makes the
    import stop at the next item and roll back. `report` or `error` holds the outcome.
    """

    progressed = Signal(int, int)

    def __init__(self, path: Path, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.now = now
        self.report: export_import.ImportReport | None = None
        self.error: BaseException | None = None
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        from ..store.database.db import db_proxy

        control = export_import.Control(
            progress=lambda done, total: self.progressed.emit(done, total),
            cancelled=self._cancelled.is_set,
        )
        try:
            self.report = export_import.import_json_file(self.path, self.now, control)
        except Exception as exc:  # handed to the GUI thread, which says what happened
            self.error = exc
        finally:
            db_proxy.close()  # this thread's own connection


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

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
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
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.export_json_button,
            self.export_csv_button,
            self.import_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)

    # --- file pickers (replaced in tests) -------------------------------------------------------

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

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
        write = export_import.export_csv_zip if csv else export_import.export_json
        try:
            counts = write(path, self.ctx.clock.now())
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
            self.tr("%1 entries exported to:\n%2")
            .replace("%1", str(entries))
            .replace("%2", str(path)),
        )
        return counts

    def import_clicked(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.import_from(path)

    def run_import(self, path: Path) -> ImportRunner:
        """Run the import in its thread with a progress dialog; returns once it ended."""
        from ..store.database.db import db_proxy

        db_proxy.connection()  # the GUI thread's connection exists before the worker's
        runner = ImportRunner(path, self.ctx.clock.now(), self)
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

    def import_from(self, path: Path) -> export_import.ImportReport | None:
        runner = self.run_import(path)
        exc = runner.error
        if isinstance(exc, export_import.ImportRejected):
            details = "\n".join(str(r) for r in exc.rejections)
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Nothing was imported"),
                str(exc),
                informative=self._first_lines(exc.rejections),
                details=details,
            )
            return None
        if exc is not None:
            if not (isinstance(exc, OSError) or is_storage_error(exc)):
                raise exc
            self._message(
                QMessageBox.Icon.Warning,
                self.tr("Nothing was imported"),
                self.tr("Nothing was imported: %1.").replace("%1", describe(exc)),
            )
            return None
        report = runner.report
        assert report is not None
        if report.magnesium_held:  # held off by the store until the notice is answered
            self._magnesium_notice_after_import()
        self.ctx.signals.data_changed.emit("all")
        lines = [
            self.tr("%1 entries added.").replace("%1", str(report.total_added)),
        ]
        if report.skipped_duplicates:
            lines.append(
                self.tr("%1 were already there and were skipped.").replace(
                    "%1", str(report.skipped_duplicates)
                )
            )
        if report.settings_changed:
            lines.append(
                self.tr("%1 settings changed.").replace("%1", str(report.settings_changed))
            )
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
        from ..store.magnesium_notice import settle_magnesium_notice
        from .magnesium_notice import confirm_magnesium_notice

        settle_magnesium_notice(confirm_magnesium_notice(self), self.ctx.clock.now())

    def _first_lines(self, rejections: list[export_import.Rejection], shown: int = 5) -> str:
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
            backup_path, _removed = export_import.delete_all_data(
                self.ctx.db_path, self.ctx.backup_dir, self.ctx.today()
            )
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
        self.ctx.signals.data_changed.emit("all")
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
