"""Every time the doctor report prints is the person's local time (ctx.zone), never UTC.

A symptom check saved at 09:30 summer time in London is 08:30 UTC in the database; the report
must say 09:30, and a check just after midnight local time belongs to the local day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.report.details import details_html
from liptwitch_desktop.report.summary import summary_html
from liptwitch_desktop.store import bulk
from liptwitch_desktop.store.report_query import build_report_for
from liptwitch_desktop.store.triage_history import save_triage

ZONE = ZoneInfo("Europe/London")  # BST (UTC+1) in June
DAY_START = time(4, 0)
FIRST, LAST = date(2026, 6, 1), date(2026, 6, 28)
ALL_NO = {q.id: "no" for q in load_knowledge().warning_questions}


def local(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=ZONE).astimezone(UTC)


def test_triage_and_episode_times_are_local(db: object) -> None:
    bulk.insert_all(
        [Episode(started_at=local(date(2026, 6, 9), 14, 45), duration_s=30, intensity=3)], [], []
    )
    answers = TriageAnswers.parse(ALL_NO)
    save_triage(local(date(2026, 6, 10), 9, 30), answers, triage(answers))
    data = build_report_for(FIRST, LAST, ZONE, DAY_START, LAST)
    [snap] = data.triage_history
    assert snap.created_at.utcoffset() == ZONE.utcoffset(datetime(2026, 6, 10))
    pages = details_html(data, 100, 50)
    assert "10 Jun 2026, 09:30" in pages and "08:30" not in pages
    assert "14:45" in pages and "13:45" not in pages  # the episode line, local as well


def test_a_check_just_after_local_midnight_is_dated_by_the_local_day(db: object) -> None:
    bulk.insert_all(
        [Episode(started_at=local(date(2026, 6, 9), 14, 45), duration_s=30, intensity=3)], [], []
    )
    answers = TriageAnswers.parse(ALL_NO)
    save_triage(local(date(2026, 6, 10), 0, 30), answers, triage(answers))  # 23:30 UTC on the 9th
    data = build_report_for(FIRST, LAST, ZONE, DAY_START, LAST)
    assert "(10 Jun 2026)" in summary_html(data)
    assert "10 Jun 2026, 00:30" in details_html(data, 100, 50)
