"""A damaged data file: moved aside, never deleted, and the newest good backup offered.

At start (the header, the schema and the first window's own reads fail) and while the app
runs (the thorough check after the first paint, or any read that meets a damaged page) the
person gets the same question once: restore the newest good backup, start with an empty
log, or quit. Never the crash dialog, and never the same question twice for one damage
(store/database/damage.py).
"""

from __future__ import annotations

import logging
from datetime import date
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME
from ..core.changes import Change
from ..runtime.context import AppContext
from ..store.database import damage
from ..ui.dates import day_text

log = logging.getLogger("liptwitch.app")


class _State:
    quitting = False  # the person chose Quit: the steps still to start do not


_state = _State()


def quitting() -> bool:
    return _state.quitting


class Choice(Enum):
    RESTORED = "restored"
    EMPTY = "empty"
    QUIT = "quit"


def offer_backup(
    db_path: Path,
    backup_dir: Path,
    today: date,
    detail: str,
    heading: str = "",
    parent: QWidget | None = None,
) -> Choice:
    """Move the damaged file aside and ask; a chosen backup is restored before returning."""
    from ..store import backup
    from ..store.database.connection import close_connection, quarantine

    close_connection()
    # integrity_check's own lines start with a banner ("*** in database main ***")
    detail = " ".join(line for line in detail.splitlines() if not line.startswith("***"))
    moved = quarantine(db_path)
    log.warning("the data file could not be read (%s); moved aside to %s", detail, moved)
    good = backup.newest_good_backup(backup_dir, today)
    tr = QApplication.translate
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", parent=parent)
    box.setObjectName("damaged_data_file")
    box.setText(heading or tr("app", "Your LipTwitch data file could not be read."))
    info = (
        tr("app", "It may have been damaged (%1). It has been moved aside, not deleted:\n%2\n\n")
        .replace("%1", detail)
        .replace("%2", str(moved))
    )
    restore = None
    if good is not None:
        info += tr("app", "The newest good backup is from %1.").replace("%1", day_text(good.day))
        restore = box.addButton(tr("app", "Restore backup"), QMessageBox.ButtonRole.AcceptRole)
    empty = box.addButton(tr("app", "Start empty"), QMessageBox.ButtonRole.ResetRole)
    box.addButton(tr("app", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setInformativeText(info)
    if restore is not None:
        box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore and good is not None:
        backup.restore_backup(good.path, db_path)
        return Choice.RESTORED
    return Choice.EMPTY if clicked is empty else Choice.QUIT


def recover(ctx: AppContext, exc: BaseException) -> Choice:
    """While running: the same offer as at start, then every view reads the file again."""
    from ..store import backup
    from ..store.database.opening import open_store

    try:
        today = ctx.today()
    except Exception:  # the settings' page may be the damaged one
        today = ctx.clock.now().astimezone(ctx.zone).date()
    detail = str(getattr(exc, "detail", exc))
    try:
        heading = QApplication.translate("app", "LipTwitch found damage in your data file.")
        choice = offer_backup(ctx.db_path, ctx.backup_dir, today, detail, heading)
        if choice is Choice.QUIT:
            _state.quitting = True
            QApplication.quit()
            return choice

        def before_upgrade(version: int) -> None:
            backup.backup_before_upgrade(ctx.db_path, ctx.backup_dir, today, version + 1)

        open_store(ctx.db_path, before_upgrade=before_upgrade)
        ctx.signals.changed(Change.ALL)
        return choice
    finally:
        damage.finished()


def watch(ctx: AppContext) -> None:
    """From now on a damaged page met anywhere gets the offer once (after the slot that met
    it has ended); one met before this (building the first window) is offered now."""
    pending = damage.take_pending()
    damage.set_handler(lambda exc: QTimer.singleShot(0, lambda: recover(ctx, exc)))
    if pending is not None:
        recover(ctx, pending)


def found_now(ctx: AppContext, exc: BaseException) -> None:
    """The thorough check after the first paint found damage: offer it at once, so the
    steps after it (the reminders, the tray) start on the file the person chose."""
    if damage.take(exc):
        recover(ctx, exc)
