"""Start-up before the window: the data folder and the data file.

A data folder that cannot be written gets a plain message, not a traceback; a damaged file
is moved aside with a backup offered; a start that finds only the copy kept before a restore
offers it back (quitting on SIGTERM and SIGINT: platform/quit_signals.py). Light on imports:
it runs before the paint.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_NAME
from ..store.database.connection import DatabaseDamaged, NotOurFile
from ..store.database.opening import open_store, read_what_the_window_shows
from ..store.migrations import NewerSchema

EXIT_NO_DATA_FOLDER = 2


def open_store_interactively(db_path: Path, backup_dir: Path, today_iso: str) -> bool:
    """Open the database; on damage, explain, move it aside and offer a backup or a new one.

    Returns False when the person chose to quit.
    """
    from datetime import date

    today = date.fromisoformat(today_iso)

    def before_upgrade(version: int) -> None:
        from ..store import backup

        backup.backup_before_upgrade(db_path, backup_dir, today, version + 1)

    if not db_path.exists() and not offer_interrupted_restore(db_path):
        return False
    try:
        open_store(db_path, before_upgrade=before_upgrade)
        # The header and schema are sound; the pages the first window reads must be too,
        # or the window would be built on a damaged file (the full check is after paint).
        read_what_the_window_shows(db_path, today)
        return True
    except NotOurFile as exc:
        # A folder named like SQLite's -wal, a pipe: the data file itself may be healthy,
        # so nothing is moved aside; the person is told what is in the way.
        tell_cannot_start(
            QApplication.translate(
                "app",
                "LipTwitch cannot open its data file, so it cannot start:\n%1\n\n"
                "Nothing was changed.",
            ).replace("%1", exc.strerror or str(exc))
        )
        return False
    except NewerSchema as exc:
        from ..store.database.connection import close_connection

        close_connection()
        tell_cannot_start(
            QApplication.translate("app", "%1\n\nNothing was changed; the file is as it was:\n%2")
            .replace("%1", str(exc))
            .replace("%2", str(db_path))
        )
        return False
    except DatabaseDamaged as exc:
        from .damaged_file import Choice, offer_backup

        if offer_backup(db_path, backup_dir, today, exc.detail) is Choice.QUIT:
            return False
        open_store(db_path, before_upgrade=before_upgrade)
        return True


def prepare_data_dir(data_dir: Path) -> str | None:
    """Make the data folder (private) and check it can be written; None, or what is wrong."""
    from ..store.database.connection import ensure_private_dir
    from ..store.database.storage_errors import describe

    try:
        ensure_private_dir(data_dir)
        import tempfile

        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-test-"):
            pass  # made and removed: the folder takes new files
        log_dir = data_dir / "log"
        if log_dir.exists() and not os.access(log_dir, os.W_OK):
            raise PermissionError(13, "Permission denied", str(log_dir))
    except OSError as exc:
        return (
            QApplication.translate(
                "app",
                "LipTwitch cannot write to its data folder, so it cannot start:\n%1\n(%2)\n\n"
                "Nothing was changed. Check that the disk is not full or read-only and that "
                "the folder belongs to you, or start with --data-dir pointing to another "
                "folder.",
            )
            .replace("%1", str(data_dir))
            .replace("%2", describe(exc))
        )
    return _data_file_problem(data_dir)


def _data_file_problem(data_dir: Path) -> str | None:
    """A data file the folder holds but this user cannot write (left by `sudo liptwitch`,
    restored read-only): said before anything starts, naming the file and what to do."""
    from ..store.database.connection import DB_FILENAME, unwritable_file

    found = unwritable_file(data_dir / DB_FILENAME)
    if found is None:
        return None
    import getpass  # (only now: ~0.4 MiB a healthy start does not keep)
    import shlex

    from ..store.database.storage_errors import describe

    path, exc = found
    return (
        QApplication.translate(
            "app",
            "LipTwitch cannot write to its data file, so it cannot start:\n%1\n(%2)\n\n"
            "Nothing was changed. If LipTwitch was once started as another user (with sudo), "
            "give its files back to yourself:\n    sudo chown -R %3 %4\nIf the disk is "
            "read-only, make it writable, or start with --data-dir pointing to a copy.",
        )
        .replace("%1", str(path))
        .replace("%2", describe(exc))
        .replace("%3", getpass.getuser())
        .replace("%4", shlex.quote(str(data_dir)))
    )


def tell_cannot_start(message: str) -> None:
    """On stderr always, and in a message box where there is a screen to show it on."""
    print(message, file=sys.stderr)
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, APP_NAME, message)


def offer_interrupted_restore(db_path: Path) -> bool:
    """No data file, but the copy kept before a restore is there: offer it back.

    (A restore by an older version killed half-way left exactly this; so does a data file
    deleted by hand.) Returns False when the person chose to quit.
    """
    from datetime import datetime

    from ..store import backup

    previous = backup.interrupted_restore(db_path)
    if previous is None:
        return True
    from PySide6.QtWidgets import QMessageBox

    from ..ui.dates import moment_text

    when = moment_text(datetime.fromtimestamp(previous.stat().st_mtime))
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "")
    box.setObjectName("interrupted_restore")
    box.setText(QApplication.translate("app", "Your LipTwitch data file is missing."))
    box.setInformativeText(
        QApplication.translate(
            "app",
            "A restore seems to have been interrupted. The copy of your data kept before it "
            "(last changed %1) is here:\n%2\n\nPut it back, or start with an empty log "
            "(the copy stays where it is).",
        )
        .replace("%1", when)
        .replace("%2", str(previous))
    )
    put_back = box.addButton(
        QApplication.translate("app", "Put it back"), QMessageBox.ButtonRole.AcceptRole
    )
    empty = box.addButton(
        QApplication.translate("app", "Start empty"), QMessageBox.ButtonRole.ResetRole
    )
    box.addButton(QApplication.translate("app", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(put_back)
    box.exec()
    if box.clickedButton() is put_back:
        backup.put_back(previous, db_path)
        return True
    return box.clickedButton() is empty
