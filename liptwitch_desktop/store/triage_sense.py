"""A saved triage result is never calmer than its own answers.

A result is saved with the answers that produced it, so it reads the same later even after
the knowledge base's wording changes. But a row from outside the app (an import, a file
edited by hand) can pair "sudden face droop: yes" with "self_care, nothing to worry about".
Whatever it says, the engine is run again on the saved answers: when it gives a more urgent
result (a higher urgency, or "today" where the saved one was not), that result is the one
kept on import and the one the history shows.

The answers are read leniently here: an answer the knowledge base no longer knows is left
out, which can only make a warning sign unanswered, and unanswered is never "no".
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..core.log_facts import LogFacts, LogFactsError
from ..core.triage.answers import AnswerError, Profile, TriageAnswers
from ..core.triage.result import TriageResult

log = logging.getLogger(__name__)


def _answers(stored: Any) -> tuple[TriageAnswers, LogFacts | None]:
    raw = stored.get("answers") if isinstance(stored, dict) else None
    kept: dict[str, Any] = {}
    for question_id, value in (raw or {}).items():
        try:
            TriageAnswers.parse({question_id: value})
        except (AnswerError, TypeError, ValueError):
            continue  # unknown here, or no longer a valid answer: unanswered
        kept[question_id] = value
    facts = None
    if isinstance(stored, dict) and stored.get("log_facts") is not None:
        try:
            facts = LogFacts.from_json(stored["log_facts"])
        except (LogFactsError, TypeError, ValueError):
            facts = None
    return TriageAnswers.parse(kept), facts


def _weight(result: TriageResult) -> tuple[int, bool]:
    return result.urgency.severity, result.today


def more_urgent_result(answers_json: str, saved: TriageResult) -> TriageResult | None:
    """The engine's result for the saved answers when it is more urgent than `saved`."""
    from ..core.triage.engine import triage

    try:
        answers, facts = _answers(json.loads(answers_json))
    except (ValueError, TypeError, RecursionError):
        answers, facts = TriageAnswers.parse({}), None
    derived = triage(answers, facts, profile=Profile(country=saved.country))
    return derived if _weight(derived) > _weight(saved) else None


def sensible_row(row: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A clean triage_result row whose result is not calmer than its answers, and whether
    it had to be re-derived (the saved result replaced by the engine's)."""
    saved = TriageResult.from_json(json.loads(row["result_json"]))
    derived = more_urgent_result(row["answers_json"], saved)
    if derived is None:
        return row, False
    log.warning(
        "a saved triage result said %s where its answers give %s: re-derived",
        saved.urgency.value,
        derived.urgency.value,
    )
    return {
        **row,
        "urgency": derived.urgency.value,
        "top_cause": derived.top_cause,
        "result_json": json.dumps(derived.to_json(), sort_keys=True),
    }, True
