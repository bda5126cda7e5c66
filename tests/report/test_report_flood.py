"""Issue 13, item 9: a flood of episodes makes a report of a few pages, which says it
summarised (the most recent listed one by one, the rest counted per day)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.core.report.data import MAX_EPISODE_LINES
from liptwitch_desktop.store.bulk import insert_all
from tests.pdf_text import pdf_text

LONDON = ZoneInfo("Europe/London")


def test_a_flood_of_episodes_makes_a_short_report_that_says_so(
    db: object, qapp: object, tmp_path: Path
) -> None:
    from liptwitch_desktop.report.pdf import write_report_pdf
    from liptwitch_desktop.report.words import tr
    from liptwitch_desktop.store.report_query import build_report_for

    first = datetime(2026, 2, 12, 6, tzinfo=UTC)
    flood = 8000  # every 4 minutes for four weeks (the issue saw 143,000: 2,152 pages)
    insert_all(
        Episode(first + timedelta(minutes=4 * n), intensity=1 + n % 10, duration_s=5)
        for n in range(flood)
    )
    started = time.monotonic()
    data = build_report_for(
        date(2026, 2, 11), date(2026, 3, 10), LONDON, clock_time(4), date(2026, 3, 10), tr=tr
    )
    pages = write_report_pdf(data, tmp_path / "report.pdf")
    assert time.monotonic() - started < 20
    assert pages <= 12, f"{pages} pages for {flood} episodes"
    assert data.headline.episodes == flood  # the summary still counts every one
    assert len(data.episodes) == MAX_EPISODE_LINES
    assert sum(c.episodes for c in data.earlier_counts) == flood - MAX_EPISODE_LINES
    text = pdf_text(tmp_path / "report.pdf")
    assert "Episodes (8,000)" in text
    assert "The 500 most recent are listed one by one; the 7,500 before them" in " ".join(
        text.split()
    )
    assert "Earlier episodes per day" in text


def test_many_saved_triage_results_are_cut_to_the_most_recent(
    db: object, qapp: object, tmp_path: Path
) -> None:
    from liptwitch_desktop.core.report.data import MAX_TRIAGE_DETAILS
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.report.pdf import write_report_pdf
    from liptwitch_desktop.report.words import tr
    from liptwitch_desktop.store.report_query import build_report_for
    from liptwitch_desktop.store.triage_history import save_triage

    answers = TriageAnswers.parse({"stroke_face_droop": False})
    result = triage(answers)
    for n in range(60):
        save_triage(datetime(2026, 3, 1, 8, tzinfo=UTC) + timedelta(hours=n), answers, result)
    insert_all([Episode(datetime(2026, 3, 2, 9, tzinfo=UTC), intensity=3, duration_s=9)])
    data = build_report_for(
        date(2026, 2, 11), date(2026, 3, 10), LONDON, clock_time(4), date(2026, 3, 10), tr=tr
    )
    assert len(data.triage_history) == MAX_TRIAGE_DETAILS and data.triage_not_shown == 40
    assert data.triage_history[0].created_at > data.triage_history[-1].created_at
    write_report_pdf(data, tmp_path / "report.pdf")
    text = pdf_text(tmp_path / "report.pdf")
    assert "The 20 most recent are shown; 40 older ones are left out." in " ".join(text.split())
