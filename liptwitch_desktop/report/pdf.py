"""The doctor report on paper: page 1 the summary, then the weekly chart, episodes and triage.

QtGui only (QPdfWriter, QTextDocument, QPainter): no widget, so the command line can write a
PDF under the offscreen platform and the dialog previews the very same pages. Everything is
laid out in points (1/72 in); a painter on any device is scaled to that, so the PDF, the
preview images and a printer all show one layout.

Text is drawn as text, so the PDF is selectable and searchable and Qt embeds the font
subsets it used. The font list names fonts that cover Latin, Cyrillic, Arabic and CJK, and
Qt's fallback fills any other script from the system's fonts.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPdfWriter,
)

from ..core.report.data import ReportData
from .paper import ReportPages
from .words import tr


class ReportWriteError(OSError):
    pass


def write_report_pdf(data: ReportData, path: Path, page_size: QPageSize | None = None) -> int:
    """Write the report to `path` atomically; returns the page count.

    The PDF is written to a temporary file beside `path` and renamed over it only once
    complete, so a failure never leaves a half file (nor touches an existing one).
    """
    pages = ReportPages(data, page_size)
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
    except OSError as exc:
        raise ReportWriteError(exc.errno, f"cannot write in {directory}: {exc.strerror}") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setTitle(tr("Lip twitching: summary for the doctor"))
        writer.setCreator("LipTwitch Desktop")
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(pages.page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        pages.paint_on(writer)
        del writer  # flushes and closes the file
        if temp.stat().st_size == 0:
            raise ReportWriteError("the PDF came out empty")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages.page_count
