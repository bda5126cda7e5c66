"""The answers file the CLI reads and the history stores: {"version", "answers", "log_facts"}.

Strict, because it comes from outside: an unknown key, a `"version": true`, a medicine list
given as a string or a NaN average is refused with a sentence, never half-used.
"""

from __future__ import annotations

from typing import Any

from liptwitch_desktop.core.knowledge.base import Knowledge
from liptwitch_desktop.core.log_facts import LogFacts, LogFactsError

FILE_VERSION = 1
TOP_LEVEL_KEYS = ("version", "answers", "log_facts")


def answers_file_to_json(answers: Any, log_facts: LogFacts | None = None) -> dict[str, Any]:
    """The answers file for `answers` (a TriageAnswers) and the log facts it was run with."""
    data: dict[str, Any] = {"version": FILE_VERSION, "answers": answers.to_json()}
    if log_facts is not None:
        data["log_facts"] = log_facts.to_json()
    return data


def answers_file_from_json(data: Any, kb: Knowledge | None = None) -> tuple[Any, LogFacts | None]:
    """Parse an answers file: {"answers": {question id: value}, "log_facts": {...}?}."""
    from liptwitch_desktop.core.triage.answers import AnswerError, TriageAnswers, short

    if not isinstance(data, dict):
        raise AnswerError("the file must hold a JSON object")
    unknown = sorted(str(k) for k in data if k not in TOP_LEVEL_KEYS)
    if unknown:
        raise AnswerError(f"unknown top-level key(s): {', '.join(short(k) for k in unknown)}")
    version = data.get("version", FILE_VERSION)
    if type(version) is not int or version != FILE_VERSION:
        raise AnswerError(f"unsupported version {short(version)} (this app reads version 1)")
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise AnswerError("'answers' must be an object of question id to answer")
    answers = TriageAnswers.parse(raw, kb)
    facts_raw = data.get("log_facts")
    if facts_raw is None:
        return answers, None
    try:
        facts = LogFacts.from_json(facts_raw)
    except LogFactsError as exc:
        raise AnswerError(f"bad 'log_facts': {exc}") from None
    return answers, facts
