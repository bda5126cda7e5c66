"""Version 5: a firing may be "held" (due while the desktop's Do Not Disturb was on, shown
when it ends). Frozen DDL.

SQLite cannot change a CHECK constraint in place, so the firing log is copied into a new
table with the wider one, row for row (ids kept), and the old table replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 5

DDL = (
    """CREATE TABLE reminder_firing_v5 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        fired_at INTEGER,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('fired', 'done', 'snoozed', 'dismissed', 'missed', 'held')),
        step TEXT NOT NULL DEFAULT ''
    )""",
    "INSERT INTO reminder_firing_v5 (id, kind, due_at, fired_at, outcome, step) "
    "SELECT id, kind, due_at, fired_at, outcome, step FROM reminder_firing",
    "DROP TABLE reminder_firing",
    "ALTER TABLE reminder_firing_v5 RENAME TO reminder_firing",
    "CREATE INDEX reminder_firing_kind_due ON reminder_firing (kind, due_at)",
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
