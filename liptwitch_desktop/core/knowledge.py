"""The knowledge base: `resources/knowledge/*.toml` loaded into frozen dataclasses.

The content is data so a clinician can review it without reading Python, and so a content
edit cannot break the wizard silently: every file is checked against a strict schema (unknown
keys, missing or duplicate ids, references to ids that do not exist, unknown source ids, a red
flag without a valid urgency), and any problem raises `KnowledgeError` naming the file and item.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from liptwitch_desktop.core.log_facts import LogFacts

_T = TypeVar("_T")


class KnowledgeError(ValueError):
    """The knowledge base on disk does not match its schema."""


class Urgency(Enum):
    """How soon to act, ordered by `severity` (higher is more urgent)."""

    SELF_CARE = "self_care"
    DOCTOR_ROUTINE = "doctor_routine"
    DOCTOR_SOON = "doctor_soon"
    EMERGENCY = "emergency"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    def at_least(self, other: Urgency) -> bool:
        return self.severity >= other.severity

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity < other.severity

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity <= other.severity

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity > other.severity

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.severity >= other.severity

    @staticmethod
    def most_urgent(levels: Iterable[Urgency]) -> Urgency:
        return max(levels, key=lambda level: level.severity, default=Urgency.SELF_CARE)


_SEVERITY = {
    Urgency.SELF_CARE: 0,
    Urgency.DOCTOR_ROUTINE: 1,
    Urgency.DOCTOR_SOON: 2,
    Urgency.EMERGENCY: 3,
}

QUESTION_KINDS = ("yes_no", "choice", "multi", "number")
QUESTION_PAGES = ("stroke", "red_flags", "onset", "causes")
YES_NO_OPTIONS = ("yes", "no")
LOG_FACT_NAMES = tuple(f.name for f in fields(LogFacts))


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    said: str


@dataclass(frozen=True)
class Question:
    id: str
    page: str
    kind: str
    text: str
    sources: tuple[str, ...]
    options: tuple[Option, ...] = ()
    unit: str | None = None
    min: float | None = None
    max: float | None = None

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class RedFlag:
    id: str
    title: str
    urgency: Urgency
    reason: str
    advice: str
    sources: tuple[str, ...]
    question: str | None = None
    values: tuple[str, ...] = ()
    log_fact: str | None = None
    above: float | None = None
    today: bool = False
    stroke: bool = False


@dataclass(frozen=True)
class Signal:
    weight: int
    evidence: str
    question: str | None = None
    log_fact: str | None = None
    values: tuple[str, ...] = ()
    at_least: float | None = None
    at_most: float | None = None
    above_limit: str | None = None
    present: bool = False
    unless_answered: str | None = None

    @property
    def subject(self) -> str:
        """The question id or log fact the signal reads (one counts per subject and cause)."""
        return self.question if self.question is not None else f"log:{self.log_fact}"


@dataclass(frozen=True)
class Cause:
    id: str
    name: str
    how: str
    frequency: str
    signals: tuple[Signal, ...]
    quick_fixes: tuple[str, ...]
    strategies: tuple[str, ...]
    tracking: tuple[str, ...]
    actions: tuple[str, ...]
    sources: tuple[str, ...]
    doctor_questions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Item:
    """A titled piece of advice: a quick fix, strategy, diagnostic step or treatment."""

    id: str
    title: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Track:
    id: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    id: str
    label: str
    reminder: str
    sources: tuple[str, ...]
    time: str | None = None
    after_days: int | None = None


@dataclass(frozen=True)
class DoctorQuestion:
    id: str
    text: str
    sources: tuple[str, ...]
    always: bool = False


@dataclass(frozen=True)
class Faq:
    id: str
    question: str
    answer: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RecoveryStep:
    id: str
    day_offset: int
    title: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Drink:
    id: str
    label: str
    volume_ml: float
    caffeine_mg: float
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Limit:
    id: str
    value: float
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class EmergencyNumber:
    code: str
    number: str
    note: str | None = None


@dataclass(frozen=True)
class UrgencyText:
    urgency: Urgency
    word: str
    headline: str
    advice: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    sources: Mapping[str, Source]
    questions: tuple[Question, ...]
    red_flags: tuple[RedFlag, ...]
    causes: tuple[Cause, ...]
    quick_fixes: tuple[Item, ...]
    strategies: tuple[Item, ...]
    diagnostics: tuple[Item, ...]
    treatments: tuple[Item, ...]
    tracking: tuple[Track, ...]
    actions: tuple[Action, ...]
    doctor_questions: tuple[DoctorQuestion, ...]
    faq: tuple[Faq, ...]
    recovery_plan: tuple[RecoveryStep, ...]
    drinks: tuple[Drink, ...]
    limits: Mapping[str, Limit]
    emergency_numbers: Mapping[str, EmergencyNumber]
    emergency_fallback: EmergencyNumber
    urgency_texts: Mapping[Urgency, UrgencyText]
    today_text: UrgencyText
    disclaimer: str
    no_clear_cause: str
    recheck_self_care: str
    recheck_doctor: str

    def question(self, question_id: str) -> Question:
        return _by_id(self.questions, question_id)

    def cause(self, cause_id: str) -> Cause:
        return _by_id(self.causes, cause_id)

    def quick_fix(self, item_id: str) -> Item:
        return _by_id(self.quick_fixes, item_id)

    def strategy(self, item_id: str) -> Item:
        return _by_id(self.strategies, item_id)

    def track(self, item_id: str) -> Track:
        return _by_id(self.tracking, item_id)

    def action(self, item_id: str) -> Action:
        return _by_id(self.actions, item_id)

    def doctor_question(self, item_id: str) -> DoctorQuestion:
        return _by_id(self.doctor_questions, item_id)

    def questions_on(self, page: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.page == page)

    def emergency_number(self, country_code: str | None) -> EmergencyNumber:
        """The number for an ISO 3166 alpha-2 code; the fallback (112) when unknown."""
        if country_code:
            found = self.emergency_numbers.get(country_code.upper())
            if found is not None:
                return found
        return self.emergency_fallback


def _by_id(items: Iterable[_T], item_id: str) -> _T:
    for item in items:
        if item.id == item_id:  # type: ignore[attr-defined]
            return item
    raise KeyError(item_id)


# --- schema -------------------------------------------------------------------------------

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

Check = Callable[[Any], bool]


def _is_str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _is_bool(v: Any) -> bool:
    return isinstance(v, bool)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(_is_str(x) for x in v)


def _is_table_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, dict) for x in v)


def _is_table(v: Any) -> bool:
    return isinstance(v, dict)


# field name -> (check, required, description for messages)
Spec = dict[str, tuple[Check, bool, str]]

_S = (_is_str, True, "a non-empty string")
_S_OPT = (_is_str, False, "a non-empty string")
_SOURCES = (_is_str_list, True, "a list of source ids")
_IDS_OPT = (_is_str_list, False, "a list of ids")

SOURCE_SPEC: Spec = {"id": _S, "title": _S, "publisher": _S, "url": _S_OPT, "note": _S_OPT}
OPTION_SPEC: Spec = {"id": _S, "label": _S, "said": _S}
QUESTION_SPEC: Spec = {
    "id": _S,
    "page": _S,
    "kind": _S,
    "text": _S,
    "sources": _SOURCES,
    "options": (_is_table_list, False, "a list of options"),
    "unit": _S_OPT,
    "min": (_is_number, False, "a number"),
    "max": (_is_number, False, "a number"),
}
RED_FLAG_SPEC: Spec = {
    "id": _S,
    "title": _S,
    "urgency": (_is_str, True, "one of emergency, doctor_soon, doctor_routine"),
    "reason": _S,
    "advice": _S,
    "sources": _SOURCES,
    "question": _S_OPT,
    "values": _IDS_OPT,
    "log_fact": _S_OPT,
    "above": (_is_number, False, "a number"),
    "today": (_is_bool, False, "true or false"),
    "stroke": (_is_bool, False, "true or false"),
}
SIGNAL_SPEC: Spec = {
    "weight": (_is_int, True, "a whole number"),
    "evidence": _S,
    "question": _S_OPT,
    "log_fact": _S_OPT,
    "values": _IDS_OPT,
    "at_least": (_is_number, False, "a number"),
    "at_most": (_is_number, False, "a number"),
    "above_limit": _S_OPT,
    "present": (_is_bool, False, "true or false"),
    "unless_answered": _S_OPT,
}
CAUSE_SPEC: Spec = {
    "id": _S,
    "name": _S,
    "how": _S,
    "frequency": _S,
    "signals": (_is_table_list, True, "a list of signals"),
    "quick_fixes": (_is_str_list, True, "a list of quick fix ids"),
    "strategies": (_is_str_list, True, "a list of strategy ids"),
    "tracking": (_is_str_list, True, "a list of tracking ids"),
    "actions": (_is_str_list, True, "a list of action ids"),
    "doctor_questions": _IDS_OPT,
    "note": _S_OPT,
    "sources": _SOURCES,
}
ITEM_SPEC: Spec = {"id": _S, "title": _S, "text": _S, "sources": _SOURCES}
TRACK_SPEC: Spec = {"id": _S, "text": _S, "sources": _SOURCES}
ACTION_SPEC: Spec = {
    "id": _S,
    "label": _S,
    "reminder": _S,
    "sources": _SOURCES,
    "time": _S_OPT,
    "after_days": (_is_int, False, "a whole number"),
}
DOCTOR_QUESTION_SPEC: Spec = {
    "id": _S,
    "text": _S,
    "sources": _SOURCES,
    "always": (_is_bool, False, "true or false"),
}
FAQ_SPEC: Spec = {"id": _S, "question": _S, "answer": _S, "sources": _SOURCES}
STEP_SPEC: Spec = {
    "id": _S,
    "day_offset": (_is_int, True, "a whole number of days"),
    "title": _S,
    "text": _S,
    "sources": _SOURCES,
}
DRINK_SPEC: Spec = {
    "id": _S,
    "label": _S,
    "volume_ml": (_is_number, True, "a number of millilitres"),
    "caffeine_mg": (_is_number, True, "a number of milligrams"),
    "sources": _SOURCES,
}
LIMIT_SPEC: Spec = {
    "id": _S,
    "value": (_is_number, True, "a number"),
    "text": _S,
    "sources": _SOURCES,
}
COUNTRY_SPEC: Spec = {"code": _S, "number": _S, "note": _S_OPT}
FALLBACK_SPEC: Spec = {"number": _S, "note": _S}
URGENCY_TEXT_SPEC: Spec = {
    "id": _S,
    "word": _S,
    "headline": _S,
    "advice": _S,
    "sources": _SOURCES,
}
TEXT_SPEC: Spec = {"text": _S, "sources": _SOURCES}
TODAY_SPEC: Spec = {"word": _S, "headline": _S, "advice": _S, "sources": _SOURCES}
RECHECK_SPEC: Spec = {"self_care": _S, "doctor": _S, "sources": _SOURCES}

# file stem -> {top-level key: (spec, is an array of tables)}
FILES: dict[str, dict[str, tuple[Spec, bool]]] = {
    "sources": {"source": (SOURCE_SPEC, True)},
    "questions": {"question": (QUESTION_SPEC, True)},
    "red_flags": {"red_flag": (RED_FLAG_SPEC, True)},
    "causes": {"cause": (CAUSE_SPEC, True)},
    "quick_fixes": {"quick_fix": (ITEM_SPEC, True)},
    "strategies": {"strategy": (ITEM_SPEC, True)},
    "diagnostics": {"diagnostic": (ITEM_SPEC, True)},
    "treatments": {"treatment": (ITEM_SPEC, True)},
    "tracking": {"track": (TRACK_SPEC, True)},
    "actions": {"action": (ACTION_SPEC, True)},
    "doctor_questions": {"doctor_question": (DOCTOR_QUESTION_SPEC, True)},
    "faq": {"faq": (FAQ_SPEC, True)},
    "recovery_plan": {"step": (STEP_SPEC, True)},
    "drinks": {"drink": (DRINK_SPEC, True)},
    "limits": {"limit": (LIMIT_SPEC, True)},
    "emergency_numbers": {"fallback": (FALLBACK_SPEC, False), "country": (COUNTRY_SPEC, True)},
    "wording": {
        "disclaimer": (TEXT_SPEC, False),
        "no_clear_cause": (TEXT_SPEC, False),
        "urgency": (URGENCY_TEXT_SPEC, True),
        "doctor_soon_today": (TODAY_SPEC, False),
        "recheck": (RECHECK_SPEC, False),
    },
}


def _check_table(where: str, table: dict[str, Any], spec: Spec) -> None:
    unknown = sorted(set(table) - set(spec))
    if unknown:
        raise KnowledgeError(f"{where}: unknown key(s) {', '.join(unknown)}")
    for name, (check, required, description) in spec.items():
        if name not in table:
            if required:
                raise KnowledgeError(f"{where}: missing {name!r}")
            continue
        if not check(table[name]):
            raise KnowledgeError(f"{where}: {name!r} must be {description}")


def _where(stem: str, key: str, index: int, table: Mapping[str, Any]) -> str:
    ident = table.get("id") or table.get("code")
    label = f"id {ident!r}" if isinstance(ident, str) else f"item {index + 1}"
    return f"{stem}.toml [[{key}]] {label}"


def _read_raw(directory: Path) -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = {}
    for stem, layout in FILES.items():
        path = directory / f"{stem}.toml"
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError as exc:
            raise KnowledgeError(f"{stem}.toml is missing from {directory}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise KnowledgeError(f"{stem}.toml is not valid TOML: {exc}") from exc
        unknown = sorted(set(data) - set(layout))
        if unknown:
            raise KnowledgeError(f"{stem}.toml: unknown top-level key(s) {', '.join(unknown)}")
        for key, (spec, is_array) in layout.items():
            if key not in data:
                raise KnowledgeError(f"{stem}.toml: missing [{'[' if is_array else ''}{key}]")
            value = data[key]
            if is_array:
                if not _is_table_list(value) or not value:
                    raise KnowledgeError(f"{stem}.toml: [[{key}]] must be a non-empty list")
                for index, table in enumerate(value):
                    _check_table(_where(stem, key, index, table), table, spec)
                _check_unique(stem, key, value)
            else:
                if not _is_table(value):
                    raise KnowledgeError(f"{stem}.toml: [{key}] must be a table")
                _check_table(f"{stem}.toml [{key}]", value, spec)
        raw[stem] = data
    return raw


def _check_unique(stem: str, key: str, tables: list[dict[str, Any]]) -> None:
    id_key = "code" if key == "country" else "id"
    seen: set[str] = set()
    for index, table in enumerate(tables):
        ident = table[id_key]
        if id_key == "id" and not _ID_RE.match(ident):
            where = _where(stem, key, index, table)
            raise KnowledgeError(f"{where}: id must be lower-case letters, digits, _ or -")
        if ident in seen:
            raise KnowledgeError(f"{stem}.toml [[{key}]]: duplicate {id_key} {ident!r}")
        seen.add(ident)


def _t(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def _build(raw: dict[str, dict[str, Any]]) -> Knowledge:
    sources = {
        s["id"]: Source(s["id"], s["title"], s["publisher"], s.get("url"), s.get("note"))
        for s in raw["sources"]["source"]
    }
    questions = tuple(
        Question(
            id=q["id"],
            page=q["page"],
            kind=q["kind"],
            text=q["text"],
            sources=_t(q["sources"]),
            options=tuple(Option(o["id"], o["label"], o["said"]) for o in q.get("options", [])),
            unit=q.get("unit"),
            min=q.get("min"),
            max=q.get("max"),
        )
        for q in raw["questions"]["question"]
    )
    red_flags = tuple(
        RedFlag(
            id=r["id"],
            title=r["title"],
            urgency=_urgency(r["urgency"], f"red_flags.toml [[red_flag]] id {r['id']!r}"),
            reason=r["reason"],
            advice=r["advice"],
            sources=_t(r["sources"]),
            question=r.get("question"),
            values=_t(r.get("values")),
            log_fact=r.get("log_fact"),
            above=r.get("above"),
            today=r.get("today", False),
            stroke=r.get("stroke", False),
        )
        for r in raw["red_flags"]["red_flag"]
    )
    causes = tuple(_build_cause(c) for c in raw["causes"]["cause"])

    def items(stem: str, key: str) -> tuple[Item, ...]:
        return tuple(Item(i["id"], i["title"], i["text"], _t(i["sources"])) for i in raw[stem][key])

    urgency_texts: dict[Urgency, UrgencyText] = {}
    for u in raw["wording"]["urgency"]:
        level = _urgency(u["id"], f"wording.toml [[urgency]] id {u['id']!r}", allow_self=True)
        urgency_texts[level] = UrgencyText(
            level, u["word"], u["headline"], u["advice"], _t(u["sources"])
        )
    fallback = raw["emergency_numbers"]["fallback"]
    today = raw["wording"]["doctor_soon_today"]
    return Knowledge(
        sources=sources,
        questions=questions,
        red_flags=red_flags,
        causes=causes,
        quick_fixes=items("quick_fixes", "quick_fix"),
        strategies=items("strategies", "strategy"),
        diagnostics=items("diagnostics", "diagnostic"),
        treatments=items("treatments", "treatment"),
        tracking=tuple(
            Track(t["id"], t["text"], _t(t["sources"])) for t in raw["tracking"]["track"]
        ),
        actions=tuple(
            Action(
                a["id"],
                a["label"],
                a["reminder"],
                _t(a["sources"]),
                a.get("time"),
                a.get("after_days"),
            )
            for a in raw["actions"]["action"]
        ),
        doctor_questions=tuple(
            DoctorQuestion(d["id"], d["text"], _t(d["sources"]), d.get("always", False))
            for d in raw["doctor_questions"]["doctor_question"]
        ),
        faq=tuple(
            Faq(f["id"], f["question"], f["answer"], _t(f["sources"])) for f in raw["faq"]["faq"]
        ),
        recovery_plan=tuple(
            RecoveryStep(s["id"], s["day_offset"], s["title"], s["text"], _t(s["sources"]))
            for s in raw["recovery_plan"]["step"]
        ),
        drinks=tuple(
            Drink(d["id"], d["label"], d["volume_ml"], d["caffeine_mg"], _t(d["sources"]))
            for d in raw["drinks"]["drink"]
        ),
        limits={
            lim["id"]: Limit(lim["id"], lim["value"], lim["text"], _t(lim["sources"]))
            for lim in raw["limits"]["limit"]
        },
        emergency_numbers={
            c["code"].upper(): EmergencyNumber(c["code"].upper(), c["number"], c.get("note"))
            for c in raw["emergency_numbers"]["country"]
        },
        emergency_fallback=EmergencyNumber("", fallback["number"], fallback["note"]),
        urgency_texts=urgency_texts,
        today_text=UrgencyText(
            Urgency.DOCTOR_SOON,
            today["word"],
            today["headline"],
            today["advice"],
            _t(today["sources"]),
        ),
        disclaimer=raw["wording"]["disclaimer"]["text"],
        no_clear_cause=raw["wording"]["no_clear_cause"]["text"],
        recheck_self_care=raw["wording"]["recheck"]["self_care"],
        recheck_doctor=raw["wording"]["recheck"]["doctor"],
    )


def _urgency(value: str, where: str, *, allow_self: bool = False) -> Urgency:
    try:
        level = Urgency(value)
    except ValueError:
        level = None
    if level is None or (level is Urgency.SELF_CARE and not allow_self):
        allowed = [u.value for u in Urgency if allow_self or u is not Urgency.SELF_CARE]
        raise KnowledgeError(f"{where}: urgency {value!r} is not one of {', '.join(allowed)}")
    return level


def _build_cause(c: dict[str, Any]) -> Cause:
    where = f"causes.toml [[cause]] id {c['id']!r}"
    signals = []
    for index, s in enumerate(c["signals"]):
        _check_table(f"{where} signal {index + 1}", s, SIGNAL_SPEC)
        signals.append(
            Signal(
                weight=s["weight"],
                evidence=s["evidence"],
                question=s.get("question"),
                log_fact=s.get("log_fact"),
                values=_t(s.get("values")),
                at_least=s.get("at_least"),
                at_most=s.get("at_most"),
                above_limit=s.get("above_limit"),
                present=s.get("present", False),
                unless_answered=s.get("unless_answered"),
            )
        )
    return Cause(
        id=c["id"],
        name=c["name"],
        how=c["how"],
        frequency=c["frequency"],
        signals=tuple(signals),
        quick_fixes=_t(c["quick_fixes"]),
        strategies=_t(c["strategies"]),
        tracking=_t(c["tracking"]),
        actions=_t(c["actions"]),
        sources=_t(c["sources"]),
        doctor_questions=_t(c.get("doctor_questions")),
        note=c.get("note"),
    )


# --- cross-references ---------------------------------------------------------------------


def _validate(kb: Knowledge) -> None:
    questions = {q.id: q for q in kb.questions}
    _check_sources(kb)
    for q in kb.questions:
        where = f"questions.toml [[question]] id {q.id!r}"
        if q.page not in QUESTION_PAGES:
            raise KnowledgeError(f"{where}: page must be one of {', '.join(QUESTION_PAGES)}")
        if q.kind not in QUESTION_KINDS:
            raise KnowledgeError(f"{where}: kind must be one of {', '.join(QUESTION_KINDS)}")
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
    for r in kb.red_flags:
        where = f"red_flags.toml [[red_flag]] id {r.id!r}"
        _check_trigger(where, questions, r.question, r.values, r.log_fact, numeric=False)
        if r.log_fact is not None and r.above is None:
            raise KnowledgeError(f"{where}: a log_fact red flag needs 'above'")
        if r.question is not None and r.above is not None:
            raise KnowledgeError(f"{where}: 'above' only goes with log_fact")
        if r.stroke and r.urgency is not Urgency.EMERGENCY:
            raise KnowledgeError(f"{where}: a stroke sign must be an emergency")
        if r.stroke and (r.question is None or questions[r.question].page != "stroke"):
            raise KnowledgeError(f"{where}: a stroke sign must be asked on the stroke page")
        if r.today and r.urgency is not Urgency.DOCTOR_SOON:
            raise KnowledgeError(f"{where}: 'today' only goes with doctor_soon")
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
    for a in kb.actions:
        if a.time is not None and not _TIME_RE.match(a.time):
            raise KnowledgeError(f"actions.toml [[action]] id {a.id!r}: time must be HH:MM")
    for level in Urgency:
        if level not in kb.urgency_texts:
            raise KnowledgeError(f"wording.toml: missing [[urgency]] id {level.value!r}")
    for required in ("caffeine_mg_day", "caffeine_mg_day_pregnancy", "recheck_days"):
        if required not in kb.limits:
            raise KnowledgeError(f"limits.toml: missing [[limit]] id {required!r}")


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
    allowed = YES_NO_OPTIONS if q.kind == "yes_no" else q.option_ids
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
        ("wording.toml", [*kb.urgency_texts.values(), kb.today_text]),
    ]
    for filename, items in groups:
        for item in items:
            ident = getattr(item, "id", None) or getattr(item, "urgency", None)
            if not item.sources:
                raise KnowledgeError(f"{filename} id {ident!r}: 'sources' must not be empty")
            for source in item.sources:
                if source not in kb.sources:
                    raise KnowledgeError(f"{filename} id {ident!r}: unknown source id {source!r}")


def load_knowledge_from(directory: Path) -> Knowledge:
    """Load and check a knowledge base directory (uncached: tests point it at broken copies)."""
    kb = _build(_read_raw(Path(directory)))
    _validate(kb)
    return kb


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded and checked once per process."""
    from liptwitch_desktop.paths import knowledge_dir

    return load_knowledge_from(knowledge_dir())
