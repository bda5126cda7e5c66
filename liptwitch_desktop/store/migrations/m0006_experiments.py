"""Version 6: self-experiments (issue 17), one row each, the plan as versioned JSON. Frozen DDL.

The plan (change, order, days, pauses, status) is one JSON document read by
core/experiment/serial.py, so the plan's own rules live in one place; `change_id` and
`status` are copied beside it for the queries ("is one running?") and the export's reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 6

DDL = (
    """CREATE TABLE experiment (
        id INTEGER PRIMARY KEY,
        created_at INTEGER NOT NULL,
        change_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
        plan_json TEXT NOT NULL
    )""",
    "CREATE INDEX experiment_created_at ON experiment (created_at)",
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
