"""Version 2: saved triage results, each with the answers that produced it. Frozen DDL."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 2

DDL = (
    """CREATE TABLE triage_result (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        urgency TEXT NOT NULL
            CHECK (urgency IN ('emergency', 'doctor_soon', 'doctor_routine', 'self_care')),
        top_cause TEXT,
        answers_json TEXT NOT NULL,
        result_json TEXT NOT NULL,
        adopted_json TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX triage_result_created_at ON triage_result (created_at)",
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
