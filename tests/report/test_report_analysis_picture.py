"""The trigger analysis picture in the doctor report: the Trends page's picture, smaller,
drawn on the page after the weekly chart (checked in the PDF with poppler)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QColor, QImage, QPageSize

from liptwitch_desktop.core.analysis.picture import Mark
from liptwitch_desktop.report.analysis_chart import INK
from liptwitch_desktop.report.paper import ReportPages
from liptwitch_desktop.report.pdf import write_report_pdf
from liptwitch_desktop.store import bulk

from ..store.test_report_query import checkin_rows, episode_rows, intake_rows, report
from .test_report_pdf import text

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
A4 = QPageSize(QPageSize.PageSizeId.A4)


@pytest.fixture
def logged(db, qapp):
    bulk.insert_all(episode_rows(), intake_rows(), checkin_rows())
    return db


def test_the_report_carries_the_picture_with_one_row_per_factor(logged, tmp_path):
    data = report()
    pic = data.picture
    assert pic is not None and pic.compared, "the fixture log compares some factors"
    pdf = tmp_path / "report.pdf"
    write_report_pdf(data, pdf, A4)
    page2 = " ".join(text(pdf, 2).split())
    assert "What goes with the twitching, as a picture" in page2
    assert pic.headline.split(":")[0] in page2
    assert "no difference" in page2
    for row in pic.rows:
        assert row.words in page2
    for row in pic.compared:
        assert row.label.split(" (")[0] in page2


def test_the_picture_is_painted_in_its_place(logged, tmp_path):
    data = report()
    pages = ReportPages(data, A4)
    rect = pages.picture_rect
    assert not rect.isNull() and rect.height() > 20
    # The page it lands on has the rows' ink inside the picture's place.
    page = int(rect.center().y() // pages.content.height())
    image = pages.render_images(dpi=72)[1 + page]
    top = rect.top() - page * pages.content.height() + pages.content.top()
    left = rect.left() + pages.content.left()
    inks = {INK[r.mark].name() for r in data.picture.rows if r.ratio is not None}
    seen: set[str] = set()
    for y in range(int(top), int(top + rect.height())):
        for x in range(int(left), int(left + rect.width())):
            seen.add(QColor(image.pixel(x, y)).name())
    assert inks & seen
    # Through pdftoppm too: the picture is in the PDF, not only in the preview.
    pdf = tmp_path / "report.pdf"
    write_report_pdf(data, pdf, A4)
    out = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-f",
            str(2 + page),
            "-l",
            str(2 + page),
            "-png",
            str(pdf),
            str(out),
        ],
        check=True,
    )
    png = next(tmp_path.glob("page*.png"))
    rendered = QImage(str(png))
    found = 0
    for y in range(int(top), int(top + rect.height())):
        for x in range(int(left), int(left + rect.width())):
            c = QColor(rendered.pixel(x, y))
            if any(
                abs(c.red() - QColor(i).red())
                + abs(c.green() - QColor(i).green())
                + abs(c.blue() - QColor(i).blue())
                < 40
                for i in inks
            ):
                found += 1
    assert found > 20


def test_no_picture_before_any_factor_is_compared(db, qapp):
    rows = episode_rows()[:2]
    bulk.insert_all(rows, [], [])
    data = report()
    assert data.picture is None
    pages = ReportPages(data, A4)
    assert pages.picture_rect.isNull()


def test_likely_link_has_its_own_ink() -> None:
    assert len({INK[m].name() for m in Mark}) == len(Mark)


def test_page_one_points_to_the_picture(logged, tmp_path):
    pdf = tmp_path / "report.pdf"
    write_report_pdf(report(), pdf, A4)
    assert "Every factor compared is drawn after the week-by-week chart." in " ".join(
        text(pdf, 1).split()
    )


def test_a_log_with_dozens_of_foods_draws_at_most_a_half_page_picture(db, qapp, tmp_path):
    from datetime import timedelta

    from liptwitch_desktop.core.entries import Intake, IntakeKind
    from liptwitch_desktop.core.report.build import MAX_PICTURE_ROWS

    from ..store.test_report_query import FIRST, at

    foods = [
        Intake(at(FIRST + timedelta(days=d), 12), IntakeKind.TRIGGER_FOOD, f"food {n}")
        for n in range(40)
        for d in range(0, 28, 2 + n % 3)
    ]
    bulk.insert_all(episode_rows(), intake_rows() + foods, checkin_rows())
    data = report()
    assert data.picture is not None
    assert len(data.picture.rows) == MAX_PICTURE_ROWS and data.picture.left_out > 0
    pdf = tmp_path / "report.pdf"
    write_report_pdf(data, pdf, A4)
    later = " ".join(" ".join(text(pdf, p).split()) for p in (2, 3))
    assert f"Not drawn: {data.picture.left_out} more factors with weaker results." in later
    pages = ReportPages(data, A4)
    assert pages.picture_rect.height() < pages.content.height() / 2 + 30
