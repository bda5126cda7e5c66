"""core.report on its own: runs, trends, which findings and questions make the page."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from liptwitch_desktop.core.analysis.findings import AnalysisReport, FactorFinding, Verdict
from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.entries import Episode, Location
from liptwitch_desktop.core.report.build import build_report
from liptwitch_desktop.core.report.data import (
    Adoption,
    EmptyPeriod,
    QuestionText,
    ReportInputs,
    Trend,
)
from liptwitch_desktop.core.report.sections import longest_run

FIRST, LAST = date(2026, 3, 1), date(2026, 3, 14)


def finding(verdict: Verdict, label: str) -> FactorFinding:
    return FactorFinding(label.lower(), label, 1.0, 0.4, 2.5, 1.8, 3.9, 20, 40, verdict, label)


def inputs(**kwargs) -> ReportInputs:
    days = [
        DayRecord(day=FIRST + timedelta(days=n), episodes=n % 2, logged=True, caffeine_mg=100)
        for n in range(14)
    ]
    episodes = [
        Episode(
            started_at=datetime.combine(d.day, time(12), tzinfo=UTC), intensity=4, duration_s=30
        )
        for d in days
        if d.episodes
    ]
    base = dict(
        first=FIRST,
        last=LAST,
        zone=UTC,
        day_start=time(4),
        days=days,
        episodes=episodes,
        intakes=[],
        generated_on=LAST,
    )
    base.update(kwargs)
    return ReportInputs(**base)


def test_longest_run():
    d = date(2026, 1, 1)
    assert longest_run([]) == (0, None)
    days = [d, d + timedelta(1), d + timedelta(3), d + timedelta(4), d + timedelta(5)]
    assert longest_run(days) == (3, d + timedelta(3))


def test_no_earlier_data_is_not_called_a_trend():
    data = build_report(inputs())
    assert data.headline.trend is Trend.NO_EARLIER_DATA
    assert data.headline.previous_days_per_week is None
    assert data.headline.days_per_week == pytest.approx(3.5)


def test_same_when_the_change_is_small():
    before = [
        DayRecord(day=FIRST - timedelta(days=n + 1), episodes=int(n % 2 == 0), logged=True)
        for n in range(14)
    ]
    data = build_report(inputs(days=[*before, *inputs().days]))
    assert data.headline.previous_days_per_week == pytest.approx(3.5)
    assert data.headline.trend is Trend.SAME


def test_only_supported_findings_are_reported():
    analysis = AnalysisReport(
        findings=(
            finding(Verdict.LINK, "Caffeine"),
            finding(Verdict.POSSIBLE_LINK, "Sleep"),
            finding(Verdict.NO_CLEAR_LINK, "Stress"),
        ),
        factors_tested=3,
        summary="",
        days_used=60,
    )
    data = build_report(inputs(analysis=analysis))
    assert [f.label for f in data.findings] == ["Caffeine"]
    assert (data.findings[0].low, data.findings[0].high) == (1.8, 3.9)
    assert data.factors_tested == 3


def test_spread_and_questions_missing_from_the_knowledge_base_are_skipped():
    ep = Episode(started_at=datetime(2026, 3, 2, 12, tzinfo=UTC), location=Location.EYELID)
    questions = {
        "ask_exam": QuestionText("ask_exam", "Exam?"),
        "ask_blood_test": QuestionText("ask_blood_test", "Blood?"),
    }
    data = build_report(inputs(episodes=[ep], questions=questions))
    assert data.headline.spread_beyond_lower_lip
    assert [q.id for q in data.questions] == ["ask_blood_test", "ask_exam"]


def test_recovery_plan_step_reached_and_kept_measures():
    data = build_report(
        inputs(
            adoptions=[
                Adoption("recovery_plan", "Plan", FIRST),
                Adoption("caffeine_cutoff", "Cutoff", FIRST + timedelta(days=7)),
                Adoption("recovery_plan", "Plan", FIRST + timedelta(days=3)),
            ],
            recovery_steps=[(0, "Week 1"), (7, "Week 2"), (14, "Week 3")],
        )
    )
    assert [(t.label, t.since) for t in data.tried] == [
        ("Plan", FIRST),
        ("Cutoff", FIRST + timedelta(days=7)),
    ]
    assert data.tried[0].kept == "reached “Week 2”"
    assert data.tried[1].kept == "no caffeine after the cutoff on 7 of 7 days with caffeine"


def test_nothing_logged_is_an_empty_period():
    with pytest.raises(EmptyPeriod):
        build_report(inputs(days=[], episodes=[]))


def test_sentences_go_through_the_translator():
    def shout(text: str) -> str:
        return text.upper()  # "%1" stays "%1"

    questions = {"ask_blood_test": QuestionText("ask_blood_test", "Blood?")}
    data = build_report(
        inputs(
            adoptions=[Adoption("caffeine_cutoff", "Cutoff", FIRST)],
            questions=questions,
            tr=shout,
        )
    )
    assert data.tried[0].kept == "NO CAFFEINE AFTER THE CUTOFF ON 14 OF 14 DAYS WITH CAFFEINE"
    assert (
        data.questions[0].because
        == "LOW MAGNESIUM AND OTHER ELECTROLYTES CAN CAUSE MUSCLE TWITCHES."
    )


def test_spread_asks_what_to_do_and_about_an_emg_with_the_shipped_questions():
    from liptwitch_desktop.core.knowledge import load_knowledge

    kb_questions = {q.id: QuestionText(q.id, q.text) for q in load_knowledge().doctor_questions}
    ep = Episode(started_at=datetime(2026, 3, 2, 12, tzinfo=UTC), location=Location.EYELID)
    data = build_report(inputs(episodes=[ep], questions=kb_questions))
    ids = [q.id for q in data.questions]
    assert "ask_spread" in ids and "ask_imaging" in ids
    assert any("EMG" in q.text for q in data.questions)
