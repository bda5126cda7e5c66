"""Every table of the store, declared once: columns, types, ranges and the rule a row keeps.

The store's own writes, the import and the export all go through `TABLES`, so an imported
row meets exactly the rules a row the app writes meets, and the export writes exactly the
declared columns. A test holds this declaration against `PRAGMA table_info` after every
migration, so a new migration without its declaration (or the other way round) fails.

Pure Python over core (no ORM): the settings reads before the first paint use it too.
"""

from __future__ import annotations

from ..setting_rules import check_setting
from .base import (
    EARLIEST,
    LATEST,
    REQUIRED,
    Column,
    RowError,
    Table,
    check_text,
)
from .experiment import EXPERIMENT
from .log import CHECKIN, EPISODE, INTAKE, SETTING
from .other import (
    MEDICINE,
    REMINDER_FIRING,
    REMINDER_SETTING,
    SCHEMA_VERSION,
    TRIAGE_RESULT,
    spec_from_row,
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        EPISODE,
        INTAKE,
        CHECKIN,
        SETTING,
        TRIAGE_RESULT,
        REMINDER_SETTING,
        REMINDER_FIRING,
        MEDICINE,
        EXPERIMENT,
        SCHEMA_VERSION,
    )
}


def table(name: str) -> Table:
    """The declaration of `name`; KeyError for a table the store does not know."""
    return TABLES[name]


__all__ = [
    "CHECKIN",
    "EARLIEST",
    "EPISODE",
    "EXPERIMENT",
    "INTAKE",
    "LATEST",
    "MEDICINE",
    "REMINDER_FIRING",
    "REMINDER_SETTING",
    "REQUIRED",
    "SCHEMA_VERSION",
    "SETTING",
    "TABLES",
    "TRIAGE_RESULT",
    "Column",
    "RowError",
    "Table",
    "check_setting",
    "check_text",
    "spec_from_row",
    "table",
]
