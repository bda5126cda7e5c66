"""Paper is paper: the report keeps its light palette when the app is dark (issue 15).

In dark mode Qt's text documents draw in the palette's light text colour; on white paper
that is unreadable. Page 1 of the PDF and of the preview must have dark ink.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPalette

from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.report.paper import ReportPages
from liptwitch_desktop.report.pdf import write_report_pdf
from liptwitch_desktop.store import bulk
from liptwitch_desktop.store.triage_history import save_triage
from liptwitch_desktop.ui.appearance import dark_palette

from ..store.test_report_query import FIRST, at, checkin_rows, episode_rows, intake_rows, report

A4 = QPageSize(QPageSize.PageSizeId.A4)


@pytest.fixture
def dark(db, qapp) -> Iterator[None]:
    bulk.insert_all(episode_rows(), intake_rows(), checkin_rows())
    answers = TriageAnswers.parse({"twitch_spreading": "yes"})  # the warning box on page 1
    save_triage(at(FIRST - timedelta(days=40), 10), answers, triage(answers))
    old = QPalette(QGuiApplication.palette())
    QGuiApplication.setPalette(dark_palette())
    yield
    QGuiApplication.setPalette(old)


def _ink(image: QImage) -> tuple[int, int]:
    """(dark pixels, light-grey-on-white text pixels) on a page image, sampled."""
    dark = pale = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            lightness = colour.lightness()
            if lightness < 90:
                dark += 1
            elif 200 < lightness < 245 and colour.saturation() < 30:
                pale += 1
    return dark, pale


def test_pdf_page_one_has_dark_ink_in_dark_mode(dark, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils")
    pdf = tmp_path / "report.pdf"
    write_report_pdf(report(), pdf, A4)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    dark_px, _pale = _ink(image)
    assert dark_px > 500, "page 1 has almost no dark text in dark mode"


def test_preview_page_one_has_dark_ink_in_dark_mode(dark) -> None:
    pages = ReportPages(report(), A4)
    image = pages.render_images(dpi=50)[0]
    dark_px, _pale = _ink(image)
    assert dark_px > 500


def test_dark_mode_changes_no_pixel_of_page_one(db, qapp) -> None:
    bulk.insert_all(episode_rows(), intake_rows(), checkin_rows())
    light = ReportPages(report(), A4).render_images(dpi=40)[0]
    old = QPalette(QGuiApplication.palette())
    QGuiApplication.setPalette(dark_palette())
    try:
        dark_image = ReportPages(report(), A4).render_images(dpi=40)[0]
    finally:
        QGuiApplication.setPalette(old)
    assert dark_image == light
