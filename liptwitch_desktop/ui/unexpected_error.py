"""A last-resort handler for unexpected exceptions: log the traceback, then show what happened
with details that can be copied into a bug report.

It never quits: the store commits every action as it happens, so what was saved stays saved,
and the person decides whether to carry on or close the app.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from .. import APP_NAME, __version__
from ..platform.logging_setup import log, log_file, log_thread_exception

if TYPE_CHECKING:
    from ..core.clock_sense import ClockLooksWrong


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    where = log_file()
    lines = [
        f"{APP_NAME} {__version__}, Python {sys.version.split()[0]}, {sys.platform}",
        f"Log file: {where}" if where else "",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(line for line in lines if line is not None)


class ExceptionDialogHook:
    """sys.excepthook: log, then show what happened with details to copy. Never quits."""

    def __init__(
        self,
        parent: Callable[[], object] | None = None,
        claims: Callable[[BaseException], bool] | None = None,
    ) -> None:
        self.parent = parent or (lambda: None)
        # Who deals with some errors in their own way (a damaged data file: the app's
        # offer of a backup, app/damaged_file.py); True when `claims` took it.
        self.claims = claims or (lambda _exc: False)
        self.showing = False
        self.last_box: object | None = None
        self.last_clock_box: object | None = None

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        from ..core.clock_sense import ClockLooksWrong

        if isinstance(exc, ClockLooksWrong):  # no error of ours: the clock needs setting
            log.warning("not saved: %s", exc)
            if not self.showing:
                self.showing = True
                try:
                    self._show_clock(exc)
                finally:
                    self.showing = False
            return
        log.error("Unexpected error", exc_info=(exc_type, exc, tb))
        if self.claims(exc):  # logged above; told in the claimer's own words
            return
        details = format_details(exc_type, exc, tb)
        if self.showing:  # an error while the dialog is open: logged, not stacked
            return
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.showing = True
        try:
            self._show(exc, details)
        finally:
            self.showing = False

    def _show_clock(self, exc: ClockLooksWrong) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

        from .today_clock import clock_says

        parent = self.parent()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QApplication.translate("errors", "Check the clock"),
            QApplication.translate(
                "errors",
                "Your computer's clock says %1, so LipTwitch cannot date this: it was not "
                "saved.\n\nSet the computer's date and time, then do it again. Everything "
                "you saved before is safe.",
            ).replace("%1", clock_says(exc.now)),
            QMessageBox.StandardButton.Ok,
            parent if isinstance(parent, QWidget) else None,
        )
        box.setObjectName("clock_looks_wrong")
        self.last_clock_box = box
        box.exec()

    def _show(self, exc: BaseException, details: str) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

        from ..store.database.storage_errors import describe, is_storage_error

        parent = self.parent()
        if is_storage_error(exc):
            # The disk refused a write: say so, and that this one was not saved.
            title = QApplication.translate("errors", "%1 — could not save").replace("%1", APP_NAME)
            text = QApplication.translate(
                "errors",
                "LipTwitch could not save what you just did: %1.\n\nThat change was not "
                "saved; what was saved before is not affected. Free some space (or fix the "
                "data folder's permissions) and do it again.",
            ).replace("%1", describe(exc))
        else:
            title = QApplication.translate("errors", "%1 — unexpected error").replace(
                "%1", APP_NAME
            )
            text = QApplication.translate(
                "errors",
                "Something went wrong: %1\n\nEverything you saved before this is safe: each "
                "entry is stored the moment you save it. You can carry on, or close and "
                "reopen LipTwitch.",
            ).replace("%1", f"{type(exc).__name__}: {exc}"[:300])
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title,
            text,
            QMessageBox.StandardButton.Close,
            parent if isinstance(parent, QWidget) else None,
        )
        box.setObjectName("unexpected_error")
        box.setInformativeText(
            QApplication.translate(
                "errors", "If it happens again, please report it with the details below."
            )
        )
        box.setDetailedText(details)
        # "Copy details" puts them on the clipboard and closes the box, like "Close".
        copy = box.addButton(
            QApplication.translate("errors", "&Copy details"), QMessageBox.ButtonRole.ActionRole
        )
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        self.copy_button = copy
        self.last_box = box
        box.exec()


def install_exception_hook(
    parent: Callable[[], object] | None = None,
    claims: Callable[[BaseException], bool] | None = None,
) -> ExceptionDialogHook:
    hook = ExceptionDialogHook(parent, claims)
    sys.excepthook = hook
    threading.excepthook = log_thread_exception
    return hook
