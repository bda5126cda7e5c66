"""The shape of each knowledge-base file, checked as the raw TOML is read.

Every table is checked against its spec here (unknown keys, missing keys, wrong types,
duplicate or malformed ids); `build` turns the tables into `Knowledge`, and `check` then
checks what they say about each other.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .model import KnowledgeError

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
    "hint": _S_OPT,
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
    "adult": _S_OPT,
    "under_18": _S_OPT,
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
COUNTRY_SPEC: Spec = {
    "code": _S,
    "name": _S,
    "number": _S,
    "note": _S_OPT,
    "not_emergency": _S_OPT,
    "sources": _SOURCES,
}
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

EXPERIMENT_SPEC: Spec = {
    "id": _S,
    "label": _S,
    "phrase": _S,
    "kept": _S,
    "judge": _S,
    "cause": _S,
    "reminder": _S_OPT,
    "adult_only": _BOOL_OPT,
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
    "experiments": {"experiment": (EXPERIMENT_SPEC, True)},
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
        "magnesium_notice": (TEXT_SPEC, False),
        "caffeine_cutoff_notice": (TEXT_SPEC, False),
        "caffeine_cutoff_hint": (TEXT_SPEC, False),
        "dose_above_eu": (TEXT_SPEC, False),
        "dose_above_us": (TEXT_SPEC, False),
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
