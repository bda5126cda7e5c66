"""Saved triage results: save, list newest first, get, adopted items, what changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.core.triage.history import changes_between
from liptwitch_desktop.store import migrations
from liptwitch_desktop.store.triage_history import (
    NotFound,
    get_triage,
    latest_triage,
    list_triage_history,
    save_triage,
    set_adopted,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# Every warning sign answered: an unanswered one is unknown, never "no" (issue 12).
ALL_NO = {q.id: "no" for q in load_knowledge().warning_questions}


def save(when: datetime, facts: LogFacts | None = None, **raw: object):
    answers = TriageAnswers.parse({**ALL_NO, **raw})
    return save_triage(when, answers, triage(answers, facts), facts)


def test_migration_creates_the_table(db) -> None:
    assert migrations.current_version(db) >= 2
    assert db.table_exists("triage_result")


def test_save_and_get_round_trip(db) -> None:
    facts = LogFacts(120.0, 6.5, 3, 5, 0.5, ("salbutamol",))
    saved = save(T0, facts, short_night="yes", medicine_recent=["asthma_inhaler"])
    again = get_triage(saved.id)
    assert again == saved
    assert again.created_at == T0
    assert again.log_facts == facts
    assert again.answers.get("medicine_recent") == ("asthma_inhaler",)
    assert again.result.urgency is Urgency.DOCTOR_ROUTINE
    assert again.result.top_cause == "medication"


def test_history_is_newest_first(db) -> None:
    first = save(T0, stress_level="high")
    second = save(T0 + timedelta(days=14), duration="over_two_weeks")
    assert [s.id for s in list_triage_history()] == [second.id, first.id]
    assert latest_triage() == second
    assert [s.id for s in list_triage_history(limit=1)] == [second.id]


def test_empty_history(db) -> None:
    assert list_triage_history() == []
    assert latest_triage() is None
    with pytest.raises(NotFound):
        get_triage(1)


def test_adopted_plan_items_are_kept(db) -> None:
    saved = save(T0, caffeine_mg_per_day=450)
    updated = set_adopted(saved.id, ["remind_caffeine_cutoff", "remind_recheck"])
    assert updated.adopted == ("remind_caffeine_cutoff", "remind_recheck")
    assert get_triage(saved.id).adopted == updated.adopted
    with pytest.raises(NotFound):
        set_adopted(saved.id + 1, [])


def test_naive_time_is_refused(db) -> None:
    answers = TriageAnswers()
    with pytest.raises(ValueError, match="aware"):
        save_triage(datetime(2026, 1, 1), answers, triage(answers))


def test_what_changed_between_two_results(db) -> None:
    before = save(T0, duration="under_week", stress_level="high")
    after = save(T0 + timedelta(days=14), duration="over_two_weeks", stress_level="high")
    changes = changes_between(before, after)
    assert changes[0] == "Advice changed from “Self-care” to “Book a GP visit”."
    assert "New warning sign: You said you have had it for more than two weeks." in changes
    assert (
        "How long have you had the twitching? Was: you have had it for less than a week. "
        "Now: you have had it for more than two weeks." in changes
    )
    assert changes_between(after, after) == []


def test_an_emergency_saved_by_an_older_version_is_read_back_as_an_emergency_only(db) -> None:
    """Issue 12 point 5: main saved lower flags' advice and the disclaimer with an
    emergency; read back, the history, PDF and report show none of it."""
    import json

    from liptwitch_desktop.store.triage_history import TriageRecord

    old = {
        "urgency": "emergency",
        "today": False,
        "word": "Emergency",
        "headline": "Call your local emergency number now.",
        "advice": "Do not wait to see if it passes. Note the time the symptoms started.",
        "red_flags": ["sudden_face_droop", "lasting_over_two_weeks"],
        "reasons": [
            {
                "text": "You said one side of your face suddenly drooped.",
                "red_flag": "sudden_face_droop",
                "advice": "Call your local emergency number now.",
            },
            {
                "text": "You said you have had it for more than two weeks.",
                "red_flag": "lasting_over_two_weeks",
                "advice": "Book a GP appointment: twitching that lasts more than 2 weeks.",
            },
        ],
        "causes": [],
        "plan": {
            "quick_fixes": [],
            "strategies": [],
            "tracking": [],
            "actions": [],
            "doctor_questions": [],
            "recheck_days": None,
            "recheck_text": "",
            "notes": [],
        },
        "disclaimer": "LipTwitch gives general wellness information. It is not a diagnosis.",
        "no_clear_cause": None,
    }
    answers = {"version": 1, "answers": {"stroke_face_droop": "yes", "duration": "over_two_weeks"}}
    with db.atomic():
        row = TriageRecord.create(
            created_at=T0,
            urgency="emergency",
            top_cause=None,
            answers_json=json.dumps(answers),
            result_json=json.dumps(old),
            adopted_json="[]",
        )
    result = get_triage(row.id).result
    assert result.red_flags == ("sudden_face_droop",)
    assert [r.text for r in result.reasons] == ["You said one side of your face suddenly drooped."]
    assert all(r.advice is None for r in result.reasons)
    assert result.disclaimer is None
    assert "GP" not in json.dumps(result.to_json())
    assert result.emergency_number is None  # not saved then: no number is made up now


def test_a_saved_result_carries_its_emergency_number(db) -> None:
    from liptwitch_desktop.core.triage.answers import Profile

    answers = TriageAnswers.parse({**ALL_NO, "stroke_speech": "yes"})
    saved = save_triage(T0, answers, triage(answers, profile=Profile(country="AU")))
    again = get_triage(saved.id)
    assert again.result.emergency_number == "000"
    assert again.result.headline == "Call 000 now."
    assert again == saved
