"""The one declaration per table (store/tables) against the schema the migrations build,
and the rules every row meets, whoever writes it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.store.tables import REQUIRED, TABLES, RowError


def _default(text: str | None) -> Any:
    if text is None:
        return REQUIRED
    if text.startswith("'"):
        return text[1:-1]
    return float(text) if "." in text else int(text)


def test_the_declaration_is_the_schema_after_all_migrations(db: object, tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "data" / "liptwitch.sqlite3")
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert sorted(tables) == sorted(TABLES), "every table declared, every declaration a table"
    for name, declared in TABLES.items():
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        assert [row[1] for row in info] == list(declared.names), name
        for _cid, column, sql_type, notnull, default, pk in info:
            col = declared.column(column)
            assert col.sql == sql_type, f"{name}.{column}"
            assert col.primary_key == bool(pk), f"{name}.{column}"
            if not pk:
                assert col.null == (not notnull), f"{name}.{column} nullability"
                expected = None if col.null and default is None else _default(default)
                if not (col.null and default is None):
                    assert col.default == expected, f"{name}.{column} default"
    conn.close()


@pytest.mark.parametrize(
    ("table", "row", "column"),
    [
        (
            "reminder_setting",
            {"kind": "hydration", "enabled": 1, "interval_hours": 1e-12},
            "interval_hours",
        ),
        (
            "reminder_setting",
            {"kind": "hydration", "enabled": 1, "interval_hours": 0},
            "interval_hours",
        ),
        (
            "reminder_setting",
            {"kind": "hydration", "interval_hours": 2, "waking_start": "garbage"},
            "waking_start",
        ),
        ("reminder_setting", {"kind": "magnesium", "weekdays": "789"}, "weekdays"),
        ("reminder_setting", {"kind": "magnesium", "times": "25:99"}, "times"),
        ("reminder_setting", {"kind": "nonsense"}, "kind"),
        (
            "triage_result",
            {
                "created_at": 1773000000,
                "urgency": "self_care",
                "answers_json": "{{{",
                "result_json": "{}",
            },
            "answers_json",
        ),
        ("episode", {"started_at": 1773000000, "intensity": 11, "location": "eyelid"}, "intensity"),
        ("episode", {"started_at": 10**30, "intensity": 5, "location": "eyelid"}, "started_at"),
        (
            "episode",
            {"started_at": -62135596800, "intensity": 5, "location": "eyelid"},
            "started_at",
        ),
        ("intake", {"taken_at": 1773000000, "kind": "water", "water_ml": float("nan")}, "water_ml"),
        (
            "intake",
            {"taken_at": 1773000000, "kind": "water", "water_ml": 250, "notes": "\ud800"},
            "notes",
        ),
        ("checkin", {"day": "2026-02-30"}, "day"),
        ("medicine", {"name": " ", "started": "2026-01-01"}, "name"),
        (
            "reminder_firing",
            {"kind": "magnesium", "due_at": 1773000000, "outcome": "exploded"},
            "outcome",
        ),
    ],
)
def test_rows_the_app_could_not_use_are_refused(
    table: str, row: dict[str, Any], column: str
) -> None:
    with pytest.raises(RowError) as caught:
        TABLES[table].clean(row)
    assert column in caught.value.errors, caught.value.errors


def test_a_good_row_comes_back_as_stored_with_defaults() -> None:
    row = TABLES["reminder_setting"].clean(
        {"kind": "hydration", "enabled": True, "interval_hours": 0.25}
    )
    assert row["enabled"] == 1 and row["weekdays"] == "0123456" and row["waking_end"] == "22:00"
