"""The PDF itself, read back with poppler: text on page 1, page count and size, no overflow."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage, QPageSize

from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.core.report.data import RedFlagEntry
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.report.paper import MARGIN_PT, ReportPages, paper_for_locale
from liptwitch_desktop.report.pdf import write_report_pdf
from liptwitch_desktop.store import bulk
from liptwitch_desktop.store.medicines import add_medicine
from liptwitch_desktop.store.triage_history import save_triage
from tests.pdf_text import pdf_text

from ..store.test_report_query import FIRST, at, checkin_rows, episode_rows, intake_rows, report

A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)


def text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = pdf_text(pdf, "-layout", *pages)
    return unicodedata.normalize("NFKC", out)  # ligatures and Arabic forms back to letters


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.stdout.splitlines())
    }


@pytest.fixture
def built(db, qapp):
    bulk.insert_all(episode_rows(), intake_rows(), checkin_rows())
    answers = TriageAnswers.parse({"twitch_spreading": "yes"})
    save_triage(at(FIRST - timedelta(days=40), 10), answers, triage(answers))
    return db


def test_page_one_has_the_headline_figures_and_the_red_flag(built, tmp_path):
    pdf = tmp_path / "report.pdf"
    pages = write_report_pdf(report(), pdf, A4)
    page1 = " ".join(text(pdf, 1).split())
    assert "2.5 per week (10 of 28 days)" in page1
    assert "fewer than the 28 days before (3.5 per week)" in page1
    assert "4 days in a row from 21 Feb 2026" in page1
    assert "11 logged; first 11 Feb 2026, 09:00, last 10 Mar 2026, 07:00" in page1
    assert "lasts 50 s, intensity 5 of 10" in page1
    assert "yes: Eyelid (1), Upper lip (1)" in page1
    assert "WARNING SIGNS" in page1
    assert "2 Jan 2026: Twitching spreading to other areas" in page1
    assert "over 400 mg on 2 days" in page1
    assert "under 7 h on 10 of 28 nights" in page1
    assert "taken 12 of 14 nights planned" in page1
    meta = info(pdf)
    assert int(meta["Pages"]) == pages >= 2
    assert "(A4)" in meta["Page size"]
    later = text(pdf, 2)
    assert "Week by week" in later and "Episodes (11)" in later


def test_paper_follows_the_locale(built, tmp_path):
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert paper_for_locale(us).id() == QPageSize.PageSizeId.Letter
    assert paper_for_locale(QLocale(QLocale.Language.French, QLocale.Country.Canada)).id() == (
        QPageSize.PageSizeId.Letter
    )
    assert paper_for_locale(uk).id() == QPageSize.PageSizeId.A4
    pdf = tmp_path / "letter.pdf"
    write_report_pdf(report(), pdf, paper_for_locale(us))
    assert "(letter)" in info(pdf)["Page size"]


def _last_ink_row(image: QImage, top: int, bottom: int) -> int:
    white = QColor("white").rgb()
    for y in range(bottom - 1, top, -1):
        if any(image.pixel(x, y) != white for x in range(0, image.width(), 2)):
            return y
    return top


@pytest.mark.parametrize("crowded", [False, True])
def test_summary_ends_on_page_one(built, tmp_path, crowded):
    data = report()
    if crowded:  # far more than a page: many medicines and warning signs, long names
        for n in range(40):
            add_medicine(
                Medicine(
                    f"Medicine number {n} with a very long descriptive name",
                    date(2026, 1, 1) + timedelta(days=n),
                    dose="10 mg",
                    frequency="three times a day with food",
                    reason="a condition with a long explanation " * 2,
                    notes="a very long note " * 290,  # near the 5000-character limit
                )
            )
        flags = tuple(
            RedFlagEntry(FIRST, "Twitching spreading to other areas", "You said so " * 6)
            for _ in range(30)
        )
        data = replace(report(include_notes=True), red_flags=flags)
    pages = ReportPages(data, A4)
    assert pages.summary_fits
    pdf = tmp_path / "page1.pdf"
    write_report_pdf(data, pdf, A4)
    page1 = " ".join(text(pdf, 1).split())
    assert "Details on the following pages." in page1  # the summary's last line
    assert "WARNING SIGNS" in page1 and "Questions to ask" in page1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    assert (image.width(), image.height()) == (595, 842)
    content_bottom = round(842 - MARGIN_PT - 14)
    last = _last_ink_row(image, round(MARGIN_PT), content_bottom)
    # Ink stops clearly above the bottom of the text area: nothing was cut off.
    assert round(MARGIN_PT) + 100 < last < content_bottom - 3


def test_non_latin_text_renders_and_fonts_are_embedded(built, tmp_path):
    add_medicine(Medicine("王芳 药片", FIRST + timedelta(days=1), notes="مريم قالت"))
    data = report(include_notes=True, person_name="Жанна Петрова", birth_date="1990-01-02")
    pdf = tmp_path / "intl.pdf"
    write_report_pdf(data, pdf, A4)
    page1 = text(pdf, 1)
    assert "Жанна Петрова" in page1
    assert "王芳 药片" in page1
    assert "مريم" in page1 or "ﻣﺮﻳﻢ" in page1
    assert "Жанна said 王芳 noticed it" in text(pdf)  # an episode note, included on request
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # "emb" column


def test_notes_are_left_out_unless_asked(built, tmp_path):
    pdf = tmp_path / "private.pdf"
    write_report_pdf(report(), pdf, A4)
    assert "Жанна" not in text(pdf)


def test_failed_write_leaves_no_file_and_keeps_the_old_one(built, tmp_path, monkeypatch):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"old report")

    def broken(self, device, new_page=None):
        raise OSError("disk full")

    monkeypatch.setattr(ReportPages, "paint_on", broken)
    with pytest.raises(OSError, match="disk full"):
        write_report_pdf(report(), pdf, A4)
    assert pdf.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.pdf"]


def test_preview_images_match_the_pages(built):
    pages = ReportPages(report(), A4)
    images = pages.render_images(dpi=48)
    assert len(images) == pages.page_count
    assert (images[0].width(), images[0].height()) == (397, 561)


def test_an_emergency_in_the_report_names_the_number_and_nothing_else(built) -> None:  # type: ignore[no-untyped-def]
    """Issue 12 points 4 and 5: the report's latest check says what the emergency page said."""
    from liptwitch_desktop.core.knowledge import load_knowledge
    from liptwitch_desktop.core.triage.answers import Profile
    from liptwitch_desktop.report.summary import summary_html

    all_no = {q.id: "no" for q in load_knowledge().warning_questions}
    answers = TriageAnswers.parse(
        {**all_no, "stroke_speech": "yes", "duration": "over_two_weeks", "multiple_places": "yes"}
    )
    save_triage(at(FIRST + timedelta(days=5), 10), answers, triage(answers, profile=Profile("NZ")))
    data = report()
    assert data.latest_triage is not None
    assert data.latest_triage.emergency_number == "111"
    html = summary_html(data)
    assert "Call 111 now." in html
    titles = [f.title for f in data.red_flags if f.when == FIRST + timedelta(days=5)]
    assert titles == ["Sudden slurred or strange speech, or trouble finding words"]
    assert "Book a GP" not in html and "more than one place" not in html


def test_the_weekly_chart_has_one_labelled_axis_per_panel_and_a_part_week(built, tmp_path):
    """Issue 15: in the PDF, each panel's y-axis names its unit, and the period's last week
    (it ends on a Tuesday: 2 of its days) is said to be a part week."""
    pdf = tmp_path / "report.pdf"
    write_report_pdf(report(), pdf, A4)
    words = " ".join(text(pdf).split())
    for label in (
        "days with twitching per week",
        "mg caffeine a day",
        "hours of sleep a night",
        "this week so far: 2 of 7 days",
        "first week: 5 of 7 days",
    ):
        assert label in words, label
    assert "(right," not in words  # no second axis on the right
