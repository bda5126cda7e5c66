"""The other tables: saved triage results, medicines, reminders and the store's bookkeeping.

A reminder row is only good if the reminder service can build its spec from it (the same
function the store reads it with), and a triage row only if the history page can read it
back: the rule a row must meet is the rule its reader needs.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from typing import Any

from ...core.medicines import MAX_NOTES as MEDICINE_MAX_NOTES
from ...core.medicines import MAX_TEXT as MEDICINE_MAX_TEXT
from ...core.medicines import Medicine, validate_medicine
from ...core.schedule.specs import (
    HYDRATION_MAX_INTERVAL_H,
    HYDRATION_MIN_INTERVAL_H,
    MAX_GRACE,
    MAX_LEAD_MINUTES,
    MAX_TIMES_PER_DAY,
    MIN_GRACE,
    RECOVERY_MILESTONES,
    FiringOutcome,
    ReminderKind,
    ReminderSpec,
)
from ...core.settings_schema import SettingError, parse_time
from ...core.validation import no_future
from .base import Column, Table
from .log import _ID

# --- triage results -------------------------------------------------------------------------

URGENCIES = ("emergency", "doctor_soon", "doctor_routine", "self_care")
MAX_TRIAGE_JSON = 200_000


def _json_object(text: str, what: str) -> tuple[Any, str | None]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None, f"{what} is not JSON"
    return value, None


def _answer_ok(value: Any) -> bool:
    if isinstance(value, str | bool):
        return True
    if isinstance(value, int | float):
        return math.isfinite(value)
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _triage_rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
    """Readable by the history page, with every field the type it declares."""
    from ...core.triage.result import TriageResult
    from ..triage_history import TriageRecord, _saved
    from .conform import mismatch

    for column in ("answers_json", "result_json", "adopted_json"):
        value, error = _json_object(row[column], column)
        if error:
            return {column: error}
        if column == "answers_json":
            answers = value.get("answers") if isinstance(value, dict) else None
            if not isinstance(answers, dict) or not all(
                isinstance(k, str) and _answer_ok(v) for k, v in answers.items()
            ):
                return {column: "must hold the answers as question id: answer"}
        elif column == "result_json" and not isinstance(value, dict):
            return {column: "must be an object"}
        elif column == "adopted_json" and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return {column: "must be a list of plan item ids"}
    try:
        saved = _saved(TriageRecord(**row))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        return {"result_json": f"cannot be read back: {exc}"[:200]}
    where = mismatch(saved.result, TriageResult, "result")
    if where:
        return {"result_json": f"{where} does not have the right type"}
    if saved.result.urgency.value != row["urgency"]:
        return {"urgency": "does not match the saved result"}
    return {}


TRIAGE_RESULT = Table(
    "triage_result",
    (
        _ID,
        Column("created_at", "INTEGER", "instant", not_future=True),
        Column("urgency", "TEXT", "text", choices=URGENCIES),
        Column("top_cause", "TEXT", "text", null=True, default=None, max_length=200),
        Column("answers_json", "TEXT", "text", max_length=MAX_TRIAGE_JSON),
        Column("result_json", "TEXT", "text", max_length=MAX_TRIAGE_JSON),
        Column("adopted_json", "TEXT", "text", default="[]", max_length=10_000),
    ),
    row_rule=_triage_rule,
)

# --- medicines --------------------------------------------------------------------------------

_LONG_AGO = date(1900, 1, 1)  # a medicine may have been started decades ago


def _medicine_rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
    medicine = Medicine(
        name=row["name"],
        started=date.fromisoformat(row["started"]),
        dose=row["dose"],
        frequency=row["frequency"],
        stopped=date.fromisoformat(row["stopped"]) if row["stopped"] else None,
        reason=row["reason"],
        notes=row["notes"],
    )
    # A day ahead of the clock: the person's day may already be tomorrow in UTC terms.
    return validate_medicine(medicine, no_future(now).date() + timedelta(days=1))


def _medicine_text(name: str) -> Column:
    return Column(name, "TEXT", "text", default="", max_length=MEDICINE_MAX_TEXT)


MEDICINE = Table(
    "medicine",
    (
        _ID,
        Column("name", "TEXT", "text", max_length=MEDICINE_MAX_TEXT),
        _medicine_text("dose"),
        _medicine_text("frequency"),
        Column("started", "DATE", "date", not_future=True, earliest_day=_LONG_AGO),
        Column("stopped", "DATE", "date", null=True, default=None, earliest_day=_LONG_AGO),
        _medicine_text("reason"),
        Column("notes", "TEXT", "text", default="", max_length=MEDICINE_MAX_NOTES),
    ),
    row_rule=_medicine_rule,
)

# --- reminders ----------------------------------------------------------------------------------


def _time_rule(text: str) -> str | None:
    try:
        parse_time(text)
    except SettingError as exc:
        return str(exc)
    return None if len(text) == 5 else f"{text!r} is not a time like 21:30"


def _times_rule(text: str) -> str | None:
    parts = [t for t in text.split(",") if t.strip()]
    if len(parts) > MAX_TIMES_PER_DAY:
        return f"at most {MAX_TIMES_PER_DAY} times a day"
    for part in parts:
        message = _time_rule(part.strip())
        if message:
            return message
    return None


def _weekdays_rule(text: str) -> str | None:
    if any(c not in "0123456" for c in text) or len(set(text)) != len(text):
        return "must be the digits of the days, Monday = 0 to Sunday = 6, each once"
    return None


def spec_from_row(row: dict[str, Any]) -> ReminderSpec:
    """A reminder's spec from its stored row (without the settings the store adds to it).

    Raises ValueError for a row no spec can be built from.
    """
    plan_start = row.get("plan_start")
    grace_s = row.get("grace_s")
    return ReminderSpec(
        kind=ReminderKind(row["kind"]),
        enabled=bool(row["enabled"]),
        times=tuple(parse_time(t) for t in str(row["times"]).split(",") if t.strip()),
        weekdays=frozenset(int(c) for c in str(row["weekdays"])),
        lead_minutes=int(row["lead_minutes"]),
        interval_hours=float(row["interval_hours"]),
        waking_start=parse_time(str(row["waking_start"])),
        waking_end=parse_time(str(row["waking_end"])),
        plan_start=date.fromisoformat(str(plan_start)) if plan_start else None,
        grace=timedelta(seconds=grace_s) if grace_s is not None else None,
    )


def _reminder_rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
    if row["kind"] == ReminderKind.HYDRATION.value and not (
        HYDRATION_MIN_INTERVAL_H <= row["interval_hours"] <= HYDRATION_MAX_INTERVAL_H
    ):
        return {"interval_hours": "water reminders come every 15 minutes to 12 hours"}
    try:
        spec_from_row(row)
    except ValueError as exc:
        return {"kind": str(exc)}
    return {}


REMINDER_SETTING = Table(
    "reminder_setting",
    (
        Column(
            "kind",
            "TEXT",
            "text",
            primary_key=True,
            choices=tuple(k.value for k in ReminderKind),
        ),
        Column("enabled", "INTEGER", "bool", default=0),
        Column("times", "TEXT", "text", default="", max_length=200, rule=_times_rule),
        Column("weekdays", "TEXT", "text", default="0123456", max_length=7, rule=_weekdays_rule),
        Column("lead_minutes", "INTEGER", "int", default=0, minimum=0, maximum=MAX_LEAD_MINUTES),
        Column(
            "interval_hours",
            "REAL",
            "real",
            default=0,
            minimum=0,
            maximum=HYDRATION_MAX_INTERVAL_H,
        ),
        Column("waking_start", "TEXT", "text", default="08:00", max_length=5, rule=_time_rule),
        Column("waking_end", "TEXT", "text", default="22:00", max_length=5, rule=_time_rule),
        Column("plan_start", "DATE", "date", null=True, default=None),
        Column(
            "grace_s",
            "INTEGER",
            "int",
            null=True,
            default=None,
            minimum=MIN_GRACE.total_seconds(),
            maximum=MAX_GRACE.total_seconds(),
        ),
        Column("changed_at", "INTEGER", "int", default=0, minimum=0, maximum=4102444800),
    ),
    row_rule=_reminder_rule,
    kept_on_delete=True,
)

_STEPS = ("", *(step for step, _offset in RECOVERY_MILESTONES))

REMINDER_FIRING = Table(
    "reminder_firing",
    (
        _ID,
        Column("kind", "TEXT", "text", choices=tuple(k.value for k in ReminderKind)),
        Column("due_at", "INTEGER", "instant", not_future=True),
        Column("fired_at", "INTEGER", "instant", null=True, default=None, not_future=True),
        Column("outcome", "TEXT", "text", choices=tuple(o.value for o in FiringOutcome)),
        Column("step", "TEXT", "text", default="", choices=_STEPS),
    ),
)

SCHEMA_VERSION = Table(
    "schema_version",
    (
        Column("version", "INTEGER", "int", primary_key=True, minimum=1),
        Column("applied_at", "TEXT", "text"),
    ),
    export="never",
)
