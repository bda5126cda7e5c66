"""Save the Trends page as a picture or its days as CSV, and say what was saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..feedback import say, start_path

if TYPE_CHECKING:
    from .page import TrendsPage


def ask_png(page: TrendsPage) -> None:
    name, _ = QFileDialog.getSaveFileName(
        page,
        page.tr("Save picture"),
        start_path("liptwitch-trends.png"),
        page.tr("PNG image (*.png)"),
    )
    if name:
        export(
            page,
            lambda: page.export_png(Path(name)),
            lambda _r: page.tr("Picture saved to %1").replace("%1", name),
        )


def ask_csv(page: TrendsPage) -> None:
    name, _ = QFileDialog.getSaveFileName(
        page, page.tr("Save data"), start_path("liptwitch-trends.csv"), page.tr("CSV file (*.csv)")
    )
    if name:

        def said(rows: object) -> str:
            n = int(rows)  # type: ignore[call-overload]
            # The page's context, as `page.tr` would give (the .ts holds it under TrendsPage).
            said = QCoreApplication.translate("TrendsPage", "%n day(s) saved to %1", "", n)
            return said.replace("%1", name)

        export(page, lambda: page.export_csv(Path(name)), said)


def export(page: TrendsPage, write: Callable[[], object], done: Callable[[object], str]) -> None:
    try:
        result = write()
    except OSError as exc:
        from ..storage_errors import describe

        QMessageBox.warning(page, page.tr("Not saved"), describe(exc))
        return
    say(page, done(result))
