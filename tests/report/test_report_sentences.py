"""Page 1 joins the latest check's reasons as sentences: never "….; You said…" (issue report)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.report.data import ReportData
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.report.summary import summary_html
from liptwitch_desktop.store import bulk
from liptwitch_desktop.store.report_query import build_report_for
from liptwitch_desktop.store.triage_history import save_triage

ZONE = ZoneInfo("Europe/London")
FIRST, LAST = date(2026, 6, 1), date(2026, 6, 28)
KB = load_knowledge()
# Punctuation that only a bad join makes: a sentence's end followed by another mark.
BAD = re.compile(r"[.!?…][;,.:]|\s[;,.]|;\s*;")


@pytest.fixture
def data(db: object) -> ReportData:
    when = datetime.combine(date(2026, 6, 9), time(14), tzinfo=ZONE).astimezone(UTC)
    bulk.insert_all([Episode(started_at=when, duration_s=30, intensity=3)], [], [])
    answers = {q.id: "no" for q in KB.warning_questions}
    answers.update(twitch_spreading="yes", multiple_places="yes", weakness_wasting="yes")
    parsed = TriageAnswers.parse(answers)
    save_triage(when, parsed, triage(parsed))
    return build_report_for(FIRST, LAST, ZONE, time(4), LAST)


def _latest_line(page: str) -> str:
    [line] = re.findall(r"<p>(?:<b>)?(Latest symptom check.*?)(?:</b>)?</p>", page)
    return line


def test_the_latest_checks_reasons_read_as_sentences(data: ReportData) -> None:
    assert data.latest_triage is not None and len(data.latest_triage.reasons) >= 2
    line = _latest_line(summary_html(data))
    assert not BAD.search(line), line
    assert ". You said" in line


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.builds(
            lambda word, end: f"You said {word}{end}",
            st.text(st.characters(categories=("L",)), min_size=1, max_size=12),
            st.sampled_from(["", ".", "!", "?", "…"]),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_reasons_join_into_sentences(data: ReportData, reasons: list[str]) -> None:
    assert data.latest_triage is not None
    latest = replace(data.latest_triage, reasons=tuple(reasons))
    line = _latest_line(summary_html(replace(data, latest_triage=latest)))
    assert not BAD.search(line), line
    for reason in reasons[:3]:  # every shown reason whole, ending as a sentence ends
        assert re.search(re.escape(reason.rstrip(".!?…")) + r"[.!?…]", line), (reason, line)
