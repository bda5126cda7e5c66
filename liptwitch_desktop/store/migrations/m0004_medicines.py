"""Version 4: the medicines list (name, dose, how often, started, stopped, why). Frozen DDL.

Dates are ISO calendar days: a person remembers the day they started a medicine, not the
instant. `stopped` is NULL while the medicine is still taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 4

DDL = (
    """CREATE TABLE medicine (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        dose TEXT NOT NULL DEFAULT '',
        frequency TEXT NOT NULL DEFAULT '',
        started DATE NOT NULL,
        stopped DATE,
        reason TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        CHECK (stopped IS NULL OR stopped >= started)
    )""",
    "CREATE INDEX medicine_started ON medicine (started)",
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
