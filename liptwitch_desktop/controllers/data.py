"""The person's data as a whole: back up, restore, export, import and delete everything.

What changes the store ends in one Change.ALL (every view reloads); a backup or an export
changes nothing in it and announces nothing. An import runs in a thread of its own
(import_runner.py, one transaction on its own connection), and is announced from the GUI
thread once it is over (`imported`). Errors reach the caller, which says them in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..core.changes import Change
from ..runtime.context import AppContext

if TYPE_CHECKING:
    from ..core.log_rows import LogRow
    from .import_runner import ImportRunner


class DataController(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx

    # --- backups ------------------------------------------------------------------------------

    def backup_now(self) -> Path:
        """Today's backup, taken now (replacing one taken earlier today)."""
        from ..store import backup

        target = self._ctx.backup_dir / f"liptwitch-{self._ctx.today().isoformat()}.sqlite3"
        backup.copy_database(self._ctx.db_path, target)
        return target

    def restore(self, backup_path: Path) -> None:
        """Replace the data file with a backup; the current file is kept beside it. On any
        error the old file is opened again, untouched, and the error raised."""
        from ..store import backup
        from ..store.database.db import close_database, open_database

        close_database()
        try:
            backup.restore_backup(backup_path, self._ctx.db_path)
        except Exception:
            open_database(self._ctx.db_path)
            raise
        open_database(self._ctx.db_path)
        self._ctx.signals.changed(Change.ALL)

    # --- export -------------------------------------------------------------------------------

    def export(self, path: Path, csv: bool) -> dict[str, int]:
        """Everything, as JSON (importable) or as a zip of CSV files; the counts per table."""
        from ..store.transfer import export_import

        write = export_import.export_csv_zip if csv else export_import.export_json
        return write(path, self._ctx.clock.now())

    def export_log_csv(self, rows: Sequence[LogRow], path: Path) -> int:
        """The log rows in view, as one CSV file; how many were written."""
        from ..store.transfer.csv_export import write_log_csv

        return write_log_csv(list(rows), path, self._ctx.zone)

    # --- import -------------------------------------------------------------------------------

    def import_runner(self, path: Path, parent: QObject | None = None) -> ImportRunner:
        """An import of `path`, not started (the caller starts it and waits)."""
        from ..store.database.db import db_proxy
        from .import_runner import ImportRunner

        db_proxy.connection()  # the GUI thread's connection exists before the worker's
        return ImportRunner(path, self._ctx.clock.now(), parent)

    def imported(self) -> None:
        """After an import that succeeded: one Change.ALL. (A magnesium reminder the file
        switched on is held off by the store until its safety notice is answered.)"""
        self._ctx.signals.changed(Change.ALL)

    # --- delete everything --------------------------------------------------------------------

    def delete_all(self) -> Path:
        """Every entry, after a backup (the settings stay); the backup's path."""
        from ..store.transfer import export_import

        backup_path, _removed = export_import.delete_all_data(
            self._ctx.db_path, self._ctx.backup_dir, self._ctx.today()
        )
        self._ctx.signals.changed(Change.ALL)
        return backup_path
