"""The log's tables (episodes, intakes, check-ins) and the settings table, declared once.

The row rules are the entry dialogs' own checks (core.validation), run on the row as stored,
so an imported row and a row typed in meet the same rules.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ...core import entries as core
from ...core.settings_schema import SPECS, SettingError
from ...core.validation import (
    MAX_CAFFEINE_MG_ONE_DRINK,
    MAX_EPISODE_S,
    MAX_MAGNESIUM_MG_ONE_DOSE,
    MAX_NOTES,
    MAX_TAG_LENGTH,
    MAX_TAGS,
    MAX_TEXT,
    MAX_WATER_ML_ONE_DRINK,
    no_future,
    validate_checkin,
    validate_episode,
    validate_intake,
)
from ..database.instants import from_seconds
from ..setting_rules import check_setting
from .base import Column, Table

_ID = Column("id", "INTEGER", "int", primary_key=True, minimum=1)


def _notes() -> Column:
    return Column("notes", "TEXT", "text", default="", max_length=MAX_NOTES)


def _tags_rule(text: str) -> str | None:
    if not text:
        return None
    tags = text.split(",")
    if len(tags) > MAX_TAGS:
        return f"at most {MAX_TAGS} tags"
    if any(not t or t != t.strip().lower() or len(t) > MAX_TAG_LENGTH for t in tags):
        return "must be lower-case tags separated by commas"
    return None


def episode_from_row(row: dict[str, Any]) -> core.Episode:
    return core.Episode(
        id=row.get("id"),
        started_at=from_seconds(row["started_at"]),
        duration_s=row["duration_s"],
        intensity=row["intensity"],
        location=core.Location(row["location"]),
        activity=row["activity"],
        notes=row["notes"],
        tags=tuple(t for t in row["tags"].split(",") if t),
    )


def intake_from_row(row: dict[str, Any]) -> core.Intake:
    return core.Intake(
        id=row.get("id"),
        taken_at=from_seconds(row["taken_at"]),
        kind=core.IntakeKind(row["kind"]),
        label=row["label"],
        caffeine_mg=row["caffeine_mg"],
        magnesium_mg=row["magnesium_mg"],
        water_ml=row["water_ml"],
        notes=row["notes"],
    )


def checkin_from_row(row: dict[str, Any]) -> core.CheckIn:
    return core.CheckIn(
        id=row.get("id"),
        day=date.fromisoformat(row["day"]),
        sleep_hours=row["sleep_hours"],
        stress=row["stress"],
        grinding=bool(row["grinding"]),
        notes=row["notes"],
    )


def _rule(
    convert: Callable[[dict[str, Any]], Any], validate: Callable[[Any, datetime], dict[str, str]]
) -> Callable[[dict[str, Any], datetime | None], dict[str, str]]:
    def rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
        return validate(convert(row), no_future(now))

    return rule


EPISODE = Table(
    "episode",
    (
        _ID,
        Column("started_at", "INTEGER", "instant", not_future=True),
        Column(
            "duration_s",
            "INTEGER",
            "int",
            null=True,
            default=None,
            minimum=0,
            maximum=MAX_EPISODE_S,
        ),
        Column("intensity", "INTEGER", "int", minimum=1, maximum=10),
        Column("location", "TEXT", "text", choices=tuple(loc.value for loc in core.Location)),
        Column("activity", "TEXT", "text", default="", max_length=MAX_TEXT),
        _notes(),
        Column(
            "tags",
            "TEXT",
            "text",
            default="",
            max_length=MAX_TAGS * (MAX_TAG_LENGTH + 1),
            rule=_tags_rule,
        ),
    ),
    export="section",
    row_rule=_rule(episode_from_row, validate_episode),
)

INTAKE = Table(
    "intake",
    (
        _ID,
        Column("taken_at", "INTEGER", "instant", not_future=True),
        Column("kind", "TEXT", "text", choices=tuple(k.value for k in core.IntakeKind)),
        Column("label", "TEXT", "text", default="", max_length=MAX_TEXT),
        Column(
            "caffeine_mg",
            "REAL",
            "real",
            null=True,
            default=None,
            minimum=0,
            maximum=MAX_CAFFEINE_MG_ONE_DRINK,
        ),
        Column(
            "magnesium_mg",
            "REAL",
            "real",
            null=True,
            default=None,
            minimum=0,
            maximum=MAX_MAGNESIUM_MG_ONE_DOSE,
        ),
        Column(
            "water_ml",
            "REAL",
            "real",
            null=True,
            default=None,
            minimum=0,
            maximum=MAX_WATER_ML_ONE_DRINK,
        ),
        _notes(),
    ),
    export="section",
    row_rule=_rule(intake_from_row, validate_intake),
)

CHECKIN = Table(
    "checkin",
    (
        _ID,
        Column("day", "DATE", "date", not_future=True),
        Column("sleep_hours", "REAL", "real", null=True, default=None, minimum=0, maximum=24),
        Column("stress", "INTEGER", "int", null=True, default=None, minimum=0, maximum=10),
        Column("grinding", "INTEGER", "bool", default=0),
        _notes(),
    ),
    export="section",
    row_rule=_rule(checkin_from_row, validate_checkin),
)


# --- settings -------------------------------------------------------------------------------

MAX_SETTING_JSON = 100_000


def _setting_value_rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
    try:
        value = json.loads(row["value"])
    except ValueError:
        return {"value": "is not JSON"}
    try:
        check_setting(row["key"], value)
    except (SettingError, RecursionError) as exc:
        return {"value": str(exc)}
    return {}


SETTING = Table(
    "setting",
    (
        Column("key", "TEXT", "text", primary_key=True, choices=tuple(SPECS)),
        Column("value", "TEXT", "text", max_length=MAX_SETTING_JSON),
    ),
    export="section",
    row_rule=_setting_value_rule,
    kept_on_delete=True,
)
