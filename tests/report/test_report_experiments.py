"""The doctor report's Experiments section (issue 17), read back from the PDF with poppler."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QImage, QPageSize

from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.report.paper import ReportPages
from liptwitch_desktop.report.pdf import write_report_pdf
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store.report_query import build_report_for, default_period

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
ZONE = ZoneInfo("Europe/London")
NOW = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", out.stdout).split())


@pytest.fixture
def demo(db: Any, qapp: Any, tmp_path: Path) -> AppContext:
    from liptwitch_desktop.app.demo import fill_demo_if_empty

    ctx = AppContext(FakeClock(NOW), ZONE, AppSignals(), tmp_path / "data")
    fill_demo_if_empty(ctx)
    return ctx


def test_the_report_has_the_experiment_with_its_answer_and_picture(
    demo: AppContext, tmp_path: Path
) -> None:
    today = demo.today()
    first, last = default_period(today, weeks=12)
    data = build_report_for(first, last, ZONE, demo.day_start, today)
    assert len(data.experiments) == 1
    entry = data.experiments[0]
    assert len(entry.bars) == 6 and sum(b.change for b in entry.bars) == 3
    pdf = tmp_path / "report.pdf"
    write_report_pdf(data, pdf, QPageSize(QPageSize.PageSizeId.A4))
    said = text(pdf)
    assert "Experiments (planned self-tests)" in said
    assert "No caffeine after 12:00, 6 weeks" in said
    # "so far" of the experiment's answer (the weekly chart's part week may say it)
    answer = said.replace("this week so far", "")
    assert "Kept on " in said and " change days." in said and "so far" not in answer
    assert "No clear difference:" in said and "difference yet" not in said  # it is finished
    assert "Week 1" in said and "Week 6" in said and "Twitches a day" in said
    assert "95% interval" in said
    # The section's picture: green and grey bars painted on the page (not only words).
    pages = ReportPages(data, QPageSize(QPageSize.PageSizeId.A4)).render_images(60)
    greens = 0
    for image in pages[1:]:
        assert isinstance(image, QImage)
        for y in range(0, image.height(), 3):
            for x in range(0, image.width(), 3):
                c = image.pixelColor(x, y)
                greens += c.green() > 100 and c.red() < 80 and c.blue() < 80
    assert greens > 20


def test_no_section_without_an_experiment(db: Any, qapp: Any, tmp_path: Path) -> None:
    from liptwitch_desktop.core.demo_data import generate
    from liptwitch_desktop.store.bulk import insert_demo

    today = NOW.date()
    insert_demo(generate(today - timedelta(days=1), 30, ZONE))
    first, last = default_period(today)
    data = build_report_for(
        first, last, ZONE, AppContext(FakeClock(NOW), ZONE, AppSignals(), tmp_path).day_start, today
    )
    pdf = tmp_path / "report.pdf"
    write_report_pdf(data, pdf)
    assert data.experiments == () and "Experiments" not in text(pdf)


def test_the_reports_picture_has_the_averages_and_the_interval(demo: AppContext) -> None:
    # Review 16/17, finding 9: the picture was bars only; the interval was in the words.
    from liptwitch_desktop.report.experiments import BAND_HEX, experiments_html

    today = demo.today()
    first, last = default_period(today, weeks=12)
    data = build_report_for(first, last, ZONE, demo.day_start, today)
    entry = data.experiments[0]
    assert entry.band is not None and entry.rate_usual is not None
    low, high = entry.band
    assert low < entry.rate_change < high  # type: ignore[operator]
    html = experiments_html(data)
    assert html.count("<td width='14%'>average</td>") == 2
    assert "95% interval" in html and f'bgcolor="{BAND_HEX}"' in html
