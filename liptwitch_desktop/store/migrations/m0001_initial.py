"""Version 1: the log (episodes, intakes, check-ins) and settings. Frozen DDL."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 1

DDL = (
    """CREATE TABLE episode (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        duration_s INTEGER,
        intensity INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 10),
        location TEXT NOT NULL,
        activity TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX episode_started_at ON episode (started_at)",
    """CREATE TABLE intake (
        id INTEGER PRIMARY KEY,
        taken_at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        caffeine_mg REAL,
        magnesium_mg REAL,
        water_ml REAL,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX intake_taken_at ON intake (taken_at)",
    "CREATE INDEX intake_kind ON intake (kind)",
    """CREATE TABLE checkin (
        id INTEGER PRIMARY KEY,
        day DATE NOT NULL UNIQUE,
        sleep_hours REAL,
        stress INTEGER CHECK (stress IS NULL OR stress BETWEEN 0 AND 10),
        grinding INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
