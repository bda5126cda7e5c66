"""The shape of each knowledge-base file, and the build from raw TOML into `Knowledge`.

Every table is checked against its spec here (unknown keys, missing keys, wrong types,
duplicate or malformed ids); `knowledge_check` then checks what the tables say about each
other.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .knowledge import (
    Action,
    Cause,
    DoctorQuestion,
    Drink,
    EmergencyNumber,
    Faq,
    Item,
    Knowledge,
    KnowledgeError,
    Limit,
    Option,
    Question,
    RecoveryStep,
    RedFlag,
    Signal,
    Source,
    Track,
    UnansweredText,
    UnknownCountry,
    Urgency,
    UrgencyText,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

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


def _is_text_by_country(v: Any) -> bool:
    return isinstance(v, dict) and all(_is_str(k) and _is_str(t) for k, t in v.items())


# field name -> (check, required, description for messages)
Spec = dict[str, tuple[Check, bool, str]]

_S = (_is_str, True, "a non-empty string")
_S_OPT = (_is_str, False, "a non-empty string")
_SOURCES = (_is_str_list, True, "a list of source ids")
_IDS_OPT = (_is_str_list, False, "a list of ids")
_IDS = (_is_str_list, True, "a list of red flag ids (may be empty)")
_BOOL_OPT = (_is_bool, False, "true or false")
_NUMBER_OPT = (_is_number, False, "a number")
_BY_COUNTRY = (_is_text_by_country, False, "a table of country code = text")

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
    "min": _NUMBER_OPT,
    "max": _NUMBER_OPT,
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
    "above": _NUMBER_OPT,
    "at_least": _NUMBER_OPT,
    "present": _BOOL_OPT,
    "unless_answered": _S_OPT,
    "unsure_reason": _S_OPT,
    "local_advice": _BY_COUNTRY,
    "today": _BOOL_OPT,
    "stroke": _BOOL_OPT,
}
SIGNAL_SPEC: Spec = {
    "weight": (_is_int, True, "a whole number"),
    "evidence": _S,
    "question": _S_OPT,
    "log_fact": _S_OPT,
    "values": _IDS_OPT,
    "at_least": _NUMBER_OPT,
    "at_most": _NUMBER_OPT,
    "above_limit": _S_OPT,
    "present": _BOOL_OPT,
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
# Quick fixes and strategies go into a plan, so each names the red flags it must never be
# shown with and the ones it is safe with (FACTS.md "What an urgent result may carry").
PLAN_ITEM_SPEC: Spec = {
    **ITEM_SPEC,
    "not_with": _IDS,
    "safe_with": _IDS,
    "adult": _S_OPT,
    "under_18": _S_OPT,
}
TRACK_SPEC: Spec = {"id": _S, "text": _S, "sources": _SOURCES}
ACTION_SPEC: Spec = {
    "id": _S,
    "label": _S,
    "reminder": _S,
    "sources": _SOURCES,
    "time": _S_OPT,
    "after_days": (_is_int, False, "a whole number"),
    "adult_only": _BOOL_OPT,
}
DOCTOR_QUESTION_SPEC: Spec = {
    "id": _S,
    "text": _S,
    "sources": _SOURCES,
    "always": _BOOL_OPT,
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
# Every row cites its source (FACTS.md "Emergency numbers": verify every number first).
COUNTRY_SPEC: Spec = {"code": _S, "name": _S, "number": _S, "note": _S_OPT, "sources": _SOURCES}
UNKNOWN_COUNTRY_SPEC: Spec = {"large": _S, "small": _S, "sources": _SOURCES}
URGENCY_TEXT_SPEC: Spec = {
    "id": _S,
    "word": _S,
    "headline": _S,
    "advice": _S,
    "sources": _SOURCES,
}
TEXT_SPEC: Spec = {"text": _S, "sources": _SOURCES}
TODAY_SPEC: Spec = {
    "word": _S,
    "headline": _S,
    "advice": _S,
    "local_headline": _BY_COUNTRY,
    "local_advice": _BY_COUNTRY,
    "sources": _SOURCES,
}
RECHECK_SPEC: Spec = {"self_care": _S, "doctor": _S, "sources": _SOURCES}
UNANSWERED_SPEC: Spec = {
    "headline": _S,
    "advice_general": _S,
    "reason": _S,
    "advice": _S,
    "sources": _SOURCES,
}

# file stem -> {top-level key: (spec, is an array of tables)}
FILES: dict[str, dict[str, tuple[Spec, bool]]] = {
    "sources": {"source": (SOURCE_SPEC, True)},
    "questions": {"question": (QUESTION_SPEC, True)},
    "red_flags": {"red_flag": (RED_FLAG_SPEC, True)},
    "causes": {"cause": (CAUSE_SPEC, True)},
    "quick_fixes": {"quick_fix": (PLAN_ITEM_SPEC, True)},
    "strategies": {"strategy": (PLAN_ITEM_SPEC, True)},
    "diagnostics": {"diagnostic": (ITEM_SPEC, True)},
    "treatments": {"treatment": (ITEM_SPEC, True)},
    "tracking": {"track": (TRACK_SPEC, True)},
    "actions": {"action": (ACTION_SPEC, True)},
    "doctor_questions": {"doctor_question": (DOCTOR_QUESTION_SPEC, True)},
    "faq": {"faq": (FAQ_SPEC, True)},
    "recovery_plan": {"step": (STEP_SPEC, True)},
    "drinks": {"drink": (DRINK_SPEC, True)},
    "limits": {"limit": (LIMIT_SPEC, True)},
    "emergency_numbers": {
        "unknown": (UNKNOWN_COUNTRY_SPEC, False),
        "country": (COUNTRY_SPEC, True),
    },
    "wording": {
        "disclaimer": (TEXT_SPEC, False),
        "no_clear_cause": (TEXT_SPEC, False),
        "urgency": (URGENCY_TEXT_SPEC, True),
        "doctor_soon_today": (TODAY_SPEC, False),
        "recheck": (RECHECK_SPEC, False),
        "unanswered": (UNANSWERED_SPEC, False),
        "after_emergency": (TEXT_SPEC, False),
    },
}


def check_table(where: str, table: Mapping[str, Any], spec: Spec) -> None:
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


def read_raw(directory: Path) -> dict[str, dict[str, Any]]:
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
                    check_table(_where(stem, key, index, table), table, spec)
                _check_unique(stem, key, value)
            else:
                if not _is_table(value):
                    raise KnowledgeError(f"{stem}.toml: [{key}] must be a table")
                check_table(f"{stem}.toml [{key}]", value, spec)
        raw[stem] = data
    return raw


def _check_unique(stem: str, key: str, tables: list[dict[str, Any]]) -> None:
    id_key = "code" if key == "country" else "id"
    seen: set[str] = set()
    for index, table in enumerate(tables):
        ident = table[id_key]
        if id_key == "id" and not ID_RE.match(ident):
            where = _where(stem, key, index, table)
            raise KnowledgeError(f"{where}: id must be lower-case letters, digits, _ or -")
        if ident in seen:
            raise KnowledgeError(f"{stem}.toml [[{key}]]: duplicate {id_key} {ident!r}")
        seen.add(ident)


def _t(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


def urgency_of(value: str, where: str, *, allow_self: bool = False) -> Urgency:
    try:
        level = Urgency(value)
    except ValueError:
        level = None
    if level is None or (level is Urgency.SELF_CARE and not allow_self):
        allowed = [u.value for u in Urgency if allow_self or u is not Urgency.SELF_CARE]
        raise KnowledgeError(f"{where}: urgency {value!r} is not one of {', '.join(allowed)}")
    return level


def _plan_items(tables: list[dict[str, Any]]) -> tuple[Item, ...]:
    return tuple(
        Item(
            i["id"],
            i["title"],
            i["text"],
            _t(i["sources"]),
            not_with=_t(i.get("not_with")),
            safe_with=_t(i.get("safe_with")),
            adult=i.get("adult"),
            under_18=i.get("under_18"),
        )
        for i in tables
    )


def _red_flag(r: dict[str, Any]) -> RedFlag:
    return RedFlag(
        id=r["id"],
        title=r["title"],
        urgency=urgency_of(r["urgency"], f"red_flags.toml [[red_flag]] id {r['id']!r}"),
        reason=r["reason"],
        advice=r["advice"],
        sources=_t(r["sources"]),
        question=r.get("question"),
        values=_t(r.get("values")),
        log_fact=r.get("log_fact"),
        above=r.get("above"),
        at_least=r.get("at_least"),
        present=r.get("present", False),
        unless_answered=r.get("unless_answered"),
        unsure_reason=r.get("unsure_reason"),
        local_advice=dict(r.get("local_advice", {})),
        today=r.get("today", False),
        stroke=r.get("stroke", False),
    )


def _cause(c: dict[str, Any]) -> Cause:
    where = f"causes.toml [[cause]] id {c['id']!r}"
    signals = []
    for index, s in enumerate(c["signals"]):
        check_table(f"{where} signal {index + 1}", s, SIGNAL_SPEC)
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


def build(raw: dict[str, dict[str, Any]]) -> Knowledge:
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

    def items(stem: str, key: str) -> tuple[Item, ...]:
        return tuple(Item(i["id"], i["title"], i["text"], _t(i["sources"])) for i in raw[stem][key])

    wording = raw["wording"]
    urgency_texts: dict[Urgency, UrgencyText] = {}
    for u in wording["urgency"]:
        level = urgency_of(u["id"], f"wording.toml [[urgency]] id {u['id']!r}", allow_self=True)
        urgency_texts[level] = UrgencyText(
            level, u["word"], u["headline"], u["advice"], _t(u["sources"])
        )
    today = wording["doctor_soon_today"]
    unknown = raw["emergency_numbers"]["unknown"]
    unanswered = wording["unanswered"]
    return Knowledge(
        sources=sources,
        questions=questions,
        red_flags=tuple(_red_flag(r) for r in raw["red_flags"]["red_flag"]),
        causes=tuple(_cause(c) for c in raw["causes"]["cause"]),
        quick_fixes=_plan_items(raw["quick_fixes"]["quick_fix"]),
        strategies=_plan_items(raw["strategies"]["strategy"]),
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
                a.get("adult_only", False),
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
            c["code"]: EmergencyNumber(
                c["code"], c["name"], c["number"], _t(c["sources"]), c.get("note")
            )
            for c in raw["emergency_numbers"]["country"]
        },
        unknown_country=UnknownCountry(unknown["large"], unknown["small"], _t(unknown["sources"])),
        urgency_texts=urgency_texts,
        today_text=UrgencyText(
            Urgency.DOCTOR_SOON,
            today["word"],
            today["headline"],
            today["advice"],
            _t(today["sources"]),
            local_headline=dict(today.get("local_headline", {})),
            local_advice=dict(today.get("local_advice", {})),
        ),
        disclaimer=wording["disclaimer"]["text"],
        no_clear_cause=wording["no_clear_cause"]["text"],
        recheck_self_care=wording["recheck"]["self_care"],
        recheck_doctor=wording["recheck"]["doctor"],
        unanswered=UnansweredText(
            unanswered["headline"],
            unanswered["advice_general"],
            unanswered["reason"],
            unanswered["advice"],
            _t(unanswered["sources"]),
        ),
        after_emergency=wording["after_emergency"]["text"],
        text_sources={
            key: _t(wording[key]["sources"])
            for key in ("disclaimer", "no_clear_cause", "recheck", "after_emergency")
        },
    )
