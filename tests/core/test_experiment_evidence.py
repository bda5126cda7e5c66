"""A finished experiment's answer as evidence in the triage's ranked causes (issue 17)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.experiment import Arm, new_experiment, schedule
from liptwitch_desktop.core.experiment.evidence import evidence_of
from liptwitch_desktop.core.experiment.view import build_view
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.log_facts import ExperimentFact, LogFacts, LogFactsError
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage

START = date(2026, 1, 5)


def finished(weeks: int, change_rate: float, usual_rate: float, change: str = "caffeine_cutoff"):  # type: ignore[no-untyped-def]
    exp = new_experiment(change, weeks, START, random.Random(2), day_start=time(4), zone_name="UTC")
    records = []
    for p in schedule(exp).periods:
        for n, d in enumerate(p.days()):
            rate = change_rate if p.arm is Arm.CHANGE else usual_rate
            # Alternate so the per-period totals are steady (a firm, clear pattern).
            count = int(rate) + (1 if (n % 10) < (rate - int(rate)) * 10 else 0)
            records.append(DayRecord(d, episodes=count, logged=True))
    end = schedule(exp).periods[-1].end_day
    return build_view(exp, load_knowledge().experiment(change), records, end + timedelta(days=1))


def test_a_short_plan_says_no_clear_difference_without_counting_it() -> None:
    fact = evidence_of(finished(6, 0.6, 0.7))
    assert fact is not None and fact.cause_id == "caffeine" and fact.weight == 0
    assert fact.sentence.startswith(
        "Your 6-week experiment found no clear difference with no caffeine after 12:00"
    )
    assert "too short to rule an effect out" in fact.sentence


def test_a_long_plan_that_helped_raises_the_cause_and_says_so() -> None:
    view = finished(16, 0.3, 1.5)
    assert view.analysis.verdict.value == "helped"
    fact = evidence_of(view)
    assert fact is not None and fact.weight == 3 and "helped" in fact.sentence
    bare = LogFacts(None, None, 0, 0, None)
    # No answer points at caffeine: the experiment alone brings it into the ranking.
    assert "caffeine" not in [c.id for c in triage(TriageAnswers.parse({}), bare).causes]
    result = triage(TriageAnswers.parse({}), replace(bare, experiments=(fact,)))
    caffeine = next(c for c in result.causes if c.id == "caffeine")
    assert fact.sentence in caffeine.log_evidence


def test_a_running_experiment_is_no_evidence_yet() -> None:
    view = finished(6, 0.6, 0.7)
    running = build_view(view.experiment, view.choice, [], START + timedelta(days=3))
    assert evidence_of(running) is None


def test_no_clear_difference_lowers_a_ranked_cause_but_keeps_it_listed() -> None:
    answers = TriageAnswers.parse({"caffeine_after_noon": "yes"})
    bare = LogFacts(None, None, 0, 0, None)
    plain = next(c for c in triage(answers, bare).causes if c.id == "caffeine")
    fact = ExperimentFact("caffeine", "no_clear_difference", -1, "Your 16-week experiment ...")
    tested = next(
        c for c in triage(answers, replace(bare, experiments=(fact,))).causes if c.id == "caffeine"
    )
    assert tested.score == max(1, plain.score - 1) and fact.sentence in tested.log_evidence


def test_the_facts_go_to_json_and_back_strictly() -> None:
    fact = ExperimentFact("caffeine", "helped", 3, "It helped.")
    facts = LogFacts(None, None, 0, 0, None, experiments=(fact,))
    assert LogFacts.from_json(json.loads(json.dumps(facts.to_json()))) == facts
    raw = facts.to_json()
    raw["experiments"] = [
        {"cause_id": "caffeine", "verdict": "maybe", "weight": 1, "sentence": "x"}
    ]
    with pytest.raises(LogFactsError, match="not an experiment verdict"):
        LogFacts.from_json(raw)
    raw["experiments"] = [
        {"cause_id": "caffeine", "verdict": "helped", "weight": 9, "sentence": "x"}
    ]
    with pytest.raises(LogFactsError, match="between -3 and 3"):
        LogFacts.from_json(raw)
    raw["experiments"] = "helped"
    with pytest.raises(LogFactsError):
        LogFacts.from_json(raw)
