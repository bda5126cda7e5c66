"""Schema migrations: one module per version (`mNNNN_name.py` with VERSION and migrate(db)).

Each migration is frozen SQL (or playhouse.migrate) so that it still means the same thing
when the models have moved on. `apply_migrations` backs the file up before touching an
existing schema, then runs each pending version in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from peewee import SqliteDatabase


class NewerSchema(RuntimeError):
    """The file was written by a newer LipTwitch: this one must not open (or change) it."""


class Migration(NamedTuple):  # not a dataclass: every start imports this (~0.4 ms)
    version: int
    name: str
    migrate: Callable[[SqliteDatabase], None]


def _load(module: ModuleType) -> Migration:
    return Migration(int(module.VERSION), module.__name__.rsplit(".", 1)[-1], module.migrate)


# The newest schema version: bump it with each new module (a test holds the two together).
# A constant, because start-up compares a file's version with it on every launch.
LATEST_VERSION = 6


def all_migrations() -> list[Migration]:
    import importlib
    import pkgutil

    found = [
        _load(importlib.import_module(f"{__name__}.{info.name}"))
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m") and info.name[1:5].isdigit()
    ]
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration versions must be 1..N without gaps, got {versions}")
    return found


def latest_version() -> int:
    return LATEST_VERSION


def current_version(db: SqliteDatabase) -> int:
    if not db.table_exists("schema_version"):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def apply_migrations(
    db: SqliteDatabase,
    before_upgrade: Callable[[int], None] | None = None,
    target: int | None = None,
) -> int:
    """Bring the schema to `target` (default: latest). Returns the version reached.

    `before_upgrade(current)` runs once before an existing schema (version >= 1) changes, so
    the caller can take a backup first.
    """
    migrations = all_migrations()
    goal = target if target is not None else migrations[-1].version
    version = current_version(db)
    if version > migrations[-1].version:
        raise NewerSchema(
            f"This data file was written by a newer LipTwitch (schema {version}); "
            "update the app to open it."
        )
    pending = [m for m in migrations if version < m.version <= goal]
    if pending and version >= 1 and before_upgrade is not None:
        before_upgrade(version)
    for migration in pending:
        with db.atomic():
            if migration.version == 1:
                db.execute_sql(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            migration.migrate(db)
            db.execute_sql(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))",
                (migration.version,),
            )
        version = migration.version
    return version
