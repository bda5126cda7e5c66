"""Stand-in for schema version 2 while this branch lacks the triage helper's m0002.

The migration loader insists on versions 1..N without gaps, and 0002 is reserved for the
triage history. Until that module is merged, reminder tests wrap `all_migrations` with
`with_version_2`, which adds an empty version 2 only when none exists: once m0002 is present
it changes nothing, and this file can be deleted.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from peewee import SqliteDatabase

from liptwitch_desktop.store import migrations
from liptwitch_desktop.store.migrations import Migration


def _nothing(db: SqliteDatabase) -> None:
    return None


def with_version_2(original: Callable[[], list[Migration]]) -> Callable[[], list[Migration]]:
    def patched() -> list[Migration]:
        try:
            return original()
        except RuntimeError:
            import importlib
            import pkgutil

            found = [
                migrations._load(importlib.import_module(f"{migrations.__name__}.{info.name}"))
                for info in pkgutil.iter_modules(migrations.__path__)
                if info.name.startswith("m") and info.name[1:5].isdigit()
            ]
            if any(m.version == 2 for m in found):
                raise
            found.append(Migration(2, "m0002_reserved_for_triage", _nothing))
            return sorted(found, key=lambda m: m.version)

    return patched


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "all_migrations", with_version_2(migrations.all_migrations))


def test_patched_loader_has_gapless_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    versions = [m.version for m in migrations.all_migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert 3 in versions
