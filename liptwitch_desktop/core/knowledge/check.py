"""What the knowledge base's tables say about each other, checked once at load.

Safety rules that content must keep are checked here too, so a content edit cannot quietly
break them: every warning-sign question has exactly one red flag that takes "unsure"; every
quick fix and strategy is judged against every doctor-today flag; every emergency number
names a known country and cites a source; every text placeholder is one the engine fills.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from ..log_facts import LogFacts
from .base import REMINDER_TEXTS, Knowledge
from .countries import ISO_COUNTRIES
from .experiments import check_choices
from .model import QUESTION_KINDS, QUESTION_PAGES, Item, KnowledgeError, Question, RedFlag, Urgency

LOG_FACT_NAMES = tuple(f.name for f in fields(LogFacts))
LIST_LOG_FACTS = ("recent_medicine_names",)
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# The placeholders the engine fills in red flags and result texts.
FLAG_FIELDS = {"answer", "value", "emergency"}
# Words of a line that is for when it is NOT an emergency (NHS 111, a non-emergency ambulance).
NOT_EMERGENCY_RE = re.compile(r"non-emergency|not an emergency|\b111\b.*\bNHS|NHS\b.*\b111\b", re.I)
REQUIRED_LIMITS = ("caffeine_mg_day", "caffeine_mg_day_pregnancy", "recheck_days")


def validate(kb: Knowledge) -> None:
    questions = {q.id: q for q in kb.questions}
    _check_sources(kb)
    for q in kb.questions:
        _check_question(q)
    for r in kb.red_flags:
        _check_red_flag(r, questions)
    _check_warning_questions(kb)
    for c in kb.causes:
        where = f"causes.toml [[cause]] id {c.id!r}"
        for index, s in enumerate(c.signals):
            swhere = f"{where} signal {index + 1}"
            _check_trigger(swhere, questions, s.question, s.values, s.log_fact, numeric=True)
            tests = [
                bool(s.values),
                s.at_least is not None or s.at_most is not None,
                s.above_limit is not None,
                s.present,
            ]
            if sum(tests) != 1:
                raise KnowledgeError(
                    f"{swhere}: needs exactly one of values, at_least/at_most, above_limit, present"
                )
            if s.above_limit is not None and s.above_limit not in kb.limits:
                raise KnowledgeError(f"{swhere}: unknown limit {s.above_limit!r}")
            if s.present and s.log_fact is None:
                raise KnowledgeError(f"{swhere}: 'present' only goes with log_fact")
            if s.unless_answered is not None and (
                s.log_fact is None or s.unless_answered not in questions
            ):
                raise KnowledgeError(
                    f"{swhere}: 'unless_answered' needs a log_fact and a known question"
                )
        _check_refs(where, "quick fix", c.quick_fixes, kb.quick_fixes)
        _check_refs(where, "strategy", c.strategies, kb.strategies)
        _check_refs(where, "tracking", c.tracking, kb.tracking)
        _check_refs(where, "action", c.actions, kb.actions)
        _check_refs(where, "doctor question", c.doctor_questions, kb.doctor_questions)
    _check_plan_items(kb, "quick_fixes.toml [[quick_fix]]", kb.quick_fixes)
    _check_plan_items(kb, "strategies.toml [[strategy]]", kb.strategies)
    for a in kb.actions:
        if a.time is not None and not TIME_RE.match(a.time):
            raise KnowledgeError(f"actions.toml [[action]] id {a.id!r}: time must be HH:MM")
    for level in Urgency:
        if level not in kb.urgency_texts:
            raise KnowledgeError(f"wording.toml: missing [[urgency]] id {level.value!r}")
    for required in REQUIRED_LIMITS:
        if required not in kb.limits:
            raise KnowledgeError(f"limits.toml: missing [[limit]] id {required!r}")
    _check_emergency_numbers(kb)
    _check_wording(kb)
    check_choices(kb.experiments, {c.id for c in kb.causes})


def _check_question(q: Question) -> None:
    where = f"questions.toml [[question]] id {q.id!r}"
    if q.page not in QUESTION_PAGES:
        raise KnowledgeError(f"{where}: page must be one of {', '.join(QUESTION_PAGES)}")
    if q.kind not in QUESTION_KINDS:
        raise KnowledgeError(f"{where}: kind must be one of {', '.join(QUESTION_KINDS)}")
    if q.warning and q.kind != "yes_no":
        raise KnowledgeError(f"{where}: a warning-sign question must be yes_no (it takes unsure)")
    if q.kind in ("choice", "multi"):
        if not q.options:
            raise KnowledgeError(f"{where}: a {q.kind} question needs options")
        ids = [o.id for o in q.options]
        if len(set(ids)) != len(ids):
            raise KnowledgeError(f"{where}: duplicate option ids")
    elif q.options:
        raise KnowledgeError(f"{where}: only choice and multi questions have options")
    if q.kind == "number":
        if q.min is None or q.max is None or q.unit is None or q.min >= q.max:
            raise KnowledgeError(f"{where}: a number question needs unit, min < max")
    elif q.min is not None or q.max is not None or q.unit is not None:
        raise KnowledgeError(f"{where}: only number questions have unit, min and max")


def _check_red_flag(r: RedFlag, questions: Mapping[str, Question]) -> None:
    where = f"red_flags.toml [[red_flag]] id {r.id!r}"
    numeric_question = r.question is not None and questions.get(r.question, None) is not None
    numeric_question = numeric_question and questions[str(r.question)].kind == "number"
    _check_trigger(where, questions, r.question, r.values, r.log_fact, numeric=numeric_question)
    tests = [bool(r.values), r.above is not None, r.at_least is not None, r.present]
    if sum(tests) != 1:
        raise KnowledgeError(f"{where}: needs exactly one of values, above, at_least, present")
    if r.question is not None and (r.above is not None or r.present):
        raise KnowledgeError(f"{where}: 'above' and 'present' only go with log_fact")
    if numeric_question and r.at_least is None:
        raise KnowledgeError(f"{where}: a number question's red flag needs 'at_least'")
    if r.present and r.log_fact not in LIST_LOG_FACTS:
        raise KnowledgeError(f"{where}: 'present' only goes with a list log fact")
    if r.log_fact in LIST_LOG_FACTS and not r.present:
        raise KnowledgeError(f"{where}: log fact {r.log_fact!r} needs 'present = true'")
    if r.unless_answered is not None and (r.log_fact is None or r.unless_answered not in questions):
        raise KnowledgeError(f"{where}: 'unless_answered' needs a log_fact and a known question")
    if r.stroke and r.urgency is not Urgency.EMERGENCY:
        raise KnowledgeError(f"{where}: a stroke sign must be an emergency")
    if r.stroke and (r.question is None or questions[r.question].page != "stroke"):
        raise KnowledgeError(f"{where}: a stroke sign must be asked on the stroke page")
    if r.today and r.urgency is not Urgency.DOCTOR_SOON:
        raise KnowledgeError(f"{where}: 'today' only goes with doctor_soon")
    warning = r.question is not None and questions[r.question].warning
    if warning and r.unsure_reason is None:
        raise KnowledgeError(f"{where}: a warning sign needs 'unsure_reason' (not sure = yes)")
    if not warning and r.unsure_reason is not None:
        raise KnowledgeError(f"{where}: 'unsure_reason' only goes with a warning-sign question")
    _check_countries(where, "local_advice", r.local_advice)
    texts = [r.reason, r.advice, r.unsure_reason or "", *r.local_advice.values()]
    for text in texts:
        _check_placeholders(where, text, FLAG_FIELDS)


def _check_warning_questions(kb: Knowledge) -> None:
    """Each warning-sign question belongs to exactly one red flag that fires on "yes": so an
    answer of "unsure" has a flag to raise and an unanswered one has advice to name."""
    for q in kb.warning_questions:
        flags = [r for r in kb.red_flags if r.question == q.id]
        if len(flags) != 1 or flags[0].values != ("yes",):
            raise KnowledgeError(
                f"questions.toml [[question]] id {q.id!r}: a warning-sign question needs "
                'exactly one red flag, with values = ["yes"]'
            )


def _check_plan_items(kb: Knowledge, where: str, items: Iterable[Item]) -> None:
    flags = {r.id for r in kb.red_flags}
    today = [r.id for r in kb.red_flags if r.today]
    for item in items:
        iwhere = f"{where} id {item.id!r}"
        for ref in (*item.not_with, *item.safe_with):
            if ref not in flags:
                raise KnowledgeError(f"{iwhere}: unknown red flag id {ref!r}")
        both = set(item.not_with) & set(item.safe_with)
        if both:
            raise KnowledgeError(f"{iwhere}: {sorted(both)[0]!r} is in not_with and safe_with")
        for flag_id in today:
            if flag_id not in item.not_with and flag_id not in item.safe_with:
                raise KnowledgeError(
                    f"{iwhere}: doctor-today flag {flag_id!r} must be in not_with or safe_with"
                )
        if (item.adult is None) != (item.under_18 is None):
            raise KnowledgeError(f"{iwhere}: 'adult' and 'under_18' go together")


def _check_emergency_numbers(kb: Knowledge) -> None:
    for code, row in kb.emergency_numbers.items():
        where = f"emergency_numbers.toml [[country]] code {code!r}"
        if code not in ISO_COUNTRIES:
            raise KnowledgeError(f"{where}: not an ISO 3166 alpha-2 country code")
        if not row.sources:
            raise KnowledgeError(f"{where}: 'sources' must not be empty")
        if not re.fullmatch(r"[0-9]{2,6}", row.number):
            raise KnowledgeError(f"{where}: number must be 2 to 6 digits")
        if row.note and NOT_EMERGENCY_RE.search(row.note):
            raise KnowledgeError(
                f"{where}: a line for when it is not an emergency goes in 'not_emergency', "
                "never in 'note' (the note is shown with the emergency number)"
            )


def _check_wording(kb: Knowledge) -> None:
    texts = [
        *(t.headline for t in kb.urgency_texts.values()),
        *(t.advice for t in kb.urgency_texts.values()),
        kb.today_text.headline,
        kb.today_text.advice,
        *kb.today_text.local_headline.values(),
        *kb.today_text.local_advice.values(),
    ]
    for text in texts:
        _check_placeholders("wording.toml", text, {"emergency"})
    _check_placeholders("wording.toml [after_emergency]", kb.after_emergency, {"emergency", "date"})
    for key, allowed in REMINDER_TEXTS.items():
        _check_placeholders(f"wording.toml [{key}]", kb.reminder_texts[key], set(allowed))
    for step in kb.recovery_plan:
        where = f"recovery_plan.toml [[step]] id {step.id!r}"
        if (step.adult is None) != (step.under_18 is None):
            raise KnowledgeError(f"{where}: 'adult' and 'under_18' go together")
        for text in (step.text, step.adult or "", step.under_18 or ""):
            _check_placeholders(where, text, {"cutoff"})
    _check_placeholders("wording.toml [unanswered]", kb.unanswered.reason, {"question"})
    _check_placeholders("wording.toml [unanswered]", kb.unanswered.advice, {"advice"})
    _check_countries("wording.toml [doctor_soon_today]", "local", kb.today_text.local_headline)
    _check_countries("wording.toml [doctor_soon_today]", "local", kb.today_text.local_advice)


def _check_countries(where: str, what: str, table: Mapping[str, str]) -> None:
    for code in table:
        if code not in ISO_COUNTRIES:
            raise KnowledgeError(f"{where}: {what} key {code!r} is not an ISO country code")


def _check_placeholders(where: str, text: str, allowed: set[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise KnowledgeError(f"{where}: bad {{placeholder}} in {text[:40]!r}: {exc}") from None
    unknown = sorted(n for n in names if n not in allowed)
    if unknown:
        raise KnowledgeError(f"{where}: unknown placeholder {{{unknown[0]}}} in {text[:40]!r}")


def _check_trigger(
    where: str,
    questions: Mapping[str, Question],
    question: str | None,
    values: tuple[str, ...],
    log_fact: str | None,
    *,
    numeric: bool,
) -> None:
    if (question is None) == (log_fact is None):
        raise KnowledgeError(f"{where}: needs exactly one of 'question' or 'log_fact'")
    if log_fact is not None:
        if log_fact not in LOG_FACT_NAMES:
            raise KnowledgeError(
                f"{where}: unknown log_fact {log_fact!r} (one of {', '.join(LOG_FACT_NAMES)})"
            )
        if values:
            raise KnowledgeError(f"{where}: 'values' only goes with a question")
        return
    assert question is not None
    if question not in questions:
        raise KnowledgeError(f"{where}: unknown question {question!r}")
    q = questions[question]
    if q.kind == "number":
        if values or not numeric:
            raise KnowledgeError(f"{where}: number question {question!r} needs a numeric test")
        return
    if not values:
        raise KnowledgeError(f"{where}: needs 'values' for question {question!r}")
    allowed = ("yes", "no") if q.kind == "yes_no" else q.option_ids
    for value in values:
        if value not in allowed:
            raise KnowledgeError(
                f"{where}: {value!r} is not an answer to {question!r} ({', '.join(allowed)})"
            )


def _check_refs(where: str, what: str, refs: Iterable[str], items: Iterable[Any]) -> None:
    known = {item.id for item in items}
    for ref in refs:
        if ref not in known:
            raise KnowledgeError(f"{where}: unknown {what} id {ref!r}")


def _check_sources(kb: Knowledge) -> None:
    groups: list[tuple[str, Iterable[Any]]] = [
        ("questions.toml", kb.questions),
        ("red_flags.toml", kb.red_flags),
        ("causes.toml", kb.causes),
        ("quick_fixes.toml", kb.quick_fixes),
        ("strategies.toml", kb.strategies),
        ("diagnostics.toml", kb.diagnostics),
        ("treatments.toml", kb.treatments),
        ("tracking.toml", kb.tracking),
        ("actions.toml", kb.actions),
        ("doctor_questions.toml", kb.doctor_questions),
        ("faq.toml", kb.faq),
        ("recovery_plan.toml", kb.recovery_plan),
        ("drinks.toml", kb.drinks),
        ("limits.toml", kb.limits.values()),
        ("experiments.toml", kb.experiments),
        ("wording.toml", [*kb.urgency_texts.values(), kb.today_text, kb.unanswered]),
        ("emergency_numbers.toml", [*kb.emergency_numbers.values(), kb.unknown_country]),
    ]
    for key, ids in kb.text_sources.items():
        for source in ids:
            if source not in kb.sources:
                raise KnowledgeError(f"wording.toml [{key}]: unknown source id {source!r}")
    for filename, items in groups:
        for item in items:
            ident = (
                getattr(item, "id", None) or getattr(item, "urgency", None) or type(item).__name__
            )
            if not item.sources:
                raise KnowledgeError(f"{filename} id {ident!r}: 'sources' must not be empty")
            for source in item.sources:
                if source not in kb.sources:
                    raise KnowledgeError(f"{filename} id {ident!r}: unknown source id {source!r}")
