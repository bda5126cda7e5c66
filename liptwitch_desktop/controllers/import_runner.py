"""An import in a thread of its own (controllers/data.py starts it and announces it).

Imported when someone imports a file, not with the window.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:
    from ..store.transfer.export_import import ImportReport


class ImportRunner(QThread):
    """One import in a thread of its own, on its own connection (one transaction there).

    `progressed(done, total)` comes from the import's checks and writes; `cancel()` makes the
    import stop at the next item and roll back. `report` or `error` holds the outcome.
    """

    progressed = Signal(int, int)

    def __init__(self, path: Path, now: datetime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.now = now
        self.report: ImportReport | None = None
        self.error: BaseException | None = None
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self) -> None:
        from ..store.database.db import db_proxy
        from ..store.transfer import export_import

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
