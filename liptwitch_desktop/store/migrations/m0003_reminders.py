"""Version 3: reminder settings (one row per kind) and the firing log. Frozen DDL.

The defaults are written as rows so the table alone says what each reminder does; the
caffeine cutoff time and the magnesium dose stay in the settings table (one source of truth,
read by the store when it builds the specs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import SqliteDatabase

VERSION = 3

DDL = (
    """CREATE TABLE reminder_setting (
        kind TEXT PRIMARY KEY CHECK (kind IN ('caffeine_last_call', 'caffeine_cutoff',
            'magnesium', 'hydration', 'checkin', 'triage_weekly', 'recovery_step')),
        enabled INTEGER NOT NULL DEFAULT 0,
        times TEXT NOT NULL DEFAULT '',
        weekdays TEXT NOT NULL DEFAULT '0123456',
        lead_minutes INTEGER NOT NULL DEFAULT 0 CHECK (lead_minutes >= 0),
        interval_hours REAL NOT NULL DEFAULT 0,
        waking_start TEXT NOT NULL DEFAULT '08:00',
        waking_end TEXT NOT NULL DEFAULT '22:00',
        plan_start DATE,
        grace_s INTEGER,
        changed_at INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE reminder_firing (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        due_at INTEGER NOT NULL,
        fired_at INTEGER,
        outcome TEXT NOT NULL
            CHECK (outcome IN ('fired', 'done', 'snoozed', 'dismissed', 'missed')),
        step TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX reminder_firing_kind_due ON reminder_firing (kind, due_at)",
)

# kind, enabled, times, weekdays, lead_minutes, interval_hours
DEFAULTS = (
    ("caffeine_last_call", 1, "", "0123456", 30, 0),
    ("caffeine_cutoff", 1, "", "0123456", 0, 0),
    ("magnesium", 0, "21:30", "0123456", 0, 0),
    ("hydration", 0, "", "0123456", 0, 2),
    ("checkin", 1, "21:00", "0123456", 0, 0),
    ("triage_weekly", 1, "10:00", "6", 0, 0),
    ("recovery_step", 1, "09:00", "0123456", 0, 0),
)


def migrate(db: SqliteDatabase) -> None:
    for statement in DDL:
        db.execute_sql(statement)
    for row in DEFAULTS:
        db.execute_sql(
            "INSERT INTO reminder_setting "
            "(kind, enabled, times, weekdays, lead_minutes, interval_hours) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            row,
        )
