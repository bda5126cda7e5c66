"""Events on the Trends date axis: medicines, symptom checks by urgency, the plan."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from liptwitch_desktop.core.medicines import Medicine
from liptwitch_desktop.core.trend_events import (
    EventKind,
    PlanStep,
    all_events,
    events_on,
    plan_events,
)

ZONE = ZoneInfo("Europe/London")
START = date(2026, 9, 1)


def test_medicine_start_and_stop_and_plan_milestones_up_to_today() -> None:
    meds = [Medicine("Propranolol", START, "10 mg", stopped=START + timedelta(days=20))]
    steps = [
        PlanStep(0, "Week 1: caffeine"),
        PlanStep(7, "Week 2: magnesium"),
        PlanStep(84, "Month 3"),
    ]
    events = all_events(meds, [], START, steps, ZONE, time(4), START + timedelta(days=30))
    kinds = [e.kind for e in events]
    assert kinds.count(EventKind.MEDICINE_STARTED) == 1
    assert kinds.count(EventKind.MEDICINE_STOPPED) == 1
    assert "Started Propranolol 10 mg" in [e.text for e in events_on(events, START)]
    plan = [e for e in events if e.kind in (EventKind.PLAN_START, EventKind.PLAN_MILESTONE)]
    # Month 3 is still ahead: not drawn.
    assert [e.text for e in plan] == [
        "Recovery plan started: Week 1: caffeine",
        "Recovery plan: Week 2: magnesium",
    ]
    assert [e.day for e in events] == sorted(e.day for e in events)


def test_no_plan_no_plan_events() -> None:
    assert plan_events(None, [PlanStep(0, "x")]) == []


def test_a_symptom_check_is_on_the_persons_day_with_its_urgency(db) -> None:
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.store.triage_history import save_triage

    answers = TriageAnswers.parse({"twitch_spreading": "yes"})
    result = triage(answers)
    # 02:00 belongs to the evening before (days start at 04:00).
    saved = save_triage(datetime(2026, 9, 10, 2, 0, tzinfo=ZONE), answers, result)
    events = all_events([], [saved], None, [], ZONE, time(4), date(2026, 12, 1))
    assert len(events) == 1
    assert events[0].day == date(2026, 9, 9)
    assert events[0].urgency == result.urgency.value
    assert events[0].text == f"Symptom check: {result.word}"
