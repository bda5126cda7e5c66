"""Review of issue 13, F7: a key twice in one object of an export file, anywhere, refuses the
whole file in words naming the key (the standard reader kept the last one silently: a second
`"episodes": []` dropped every episode), and two rows for one key of a table keyed by name
(a reminder's kind) are refused, the way two check-ins for one day are."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.entries import add_episode
from liptwitch_desktop.store.transfer import export_import as ei

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def exported(db: object) -> dict[str, Any]:
    for n in range(3):
        add_episode(Episode(NOW - timedelta(hours=n + 1), intensity=4, duration_s=30))
    return ei.collect_export(NOW)


def test_a_second_episodes_key_at_the_end_is_refused(exported: dict[str, Any]) -> None:
    text = json.dumps(exported)
    assert text.endswith("}")
    doubled = text[:-1] + ', "episodes": []}'
    with pytest.raises(ei.ImportRejected) as refused:
        ei.parse_export(doubled)
    assert str(refused.value) == (
        'Nothing was imported: the file has the key "episodes" twice in one object.'
    )


def test_format_version_twice_is_refused(exported: dict[str, Any]) -> None:
    text = json.dumps(exported).replace(
        '"format_version": 1', '"format_version": 99, "format_version": 1'
    )
    with pytest.raises(ei.ImportRejected, match='the key "format_version" twice'):
        ei.parse_export(text)


def test_one_reminder_kind_twice_is_refused(db: object) -> None:
    rows = [
        {"kind": "checkin", "enabled": 1, "times": "21:00"},
        {"kind": "magnesium", "enabled": 1, "times": "21:30"},
        {"kind": "checkin", "enabled": 0, "times": "21:00"},
    ]
    data = {"format": "liptwitch-export", "format_version": 1}
    data["other_tables"] = {"reminder_setting": rows}
    with pytest.raises(ei.ImportRejected) as refused:
        ei.import_data(data, NOW)
    [rejection] = refused.value.rejections
    assert rejection.item == "3"
    assert "a second row for kind 'checkin' (first: #1)" in rejection.reason


def _objects(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every object (dict) with at least one key."""
    found = [path] if isinstance(value, dict) and value else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _objects(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += _objects(item, (*path, n))
    return found


def dumps_with_a_key_twice(value: Any, target: tuple[Any, ...], key: str, again: Any) -> str:
    """JSON text of `value` where the object at `target` has `key` a second time."""

    def dump(item: Any, path: tuple[Any, ...]) -> str:
        if isinstance(item, dict):
            parts = [f"{json.dumps(k)}: {dump(v, (*path, k))}" for k, v in item.items()]
            if path == target:
                parts.append(f"{json.dumps(key)}: {json.dumps(again)}")
            return "{" + ", ".join(parts) + "}"
        if isinstance(item, list):
            return "[" + ", ".join(dump(v, (*path, n)) for n, v in enumerate(item)) + "]"
        return json.dumps(item)

    return dump(value, ())


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    """An export with every section and a triage result (built once)."""
    from liptwitch_desktop.store.database.db import close_database, open_database
    from tests.ui.test_import_fuzz import NOW as FUZZ_NOW
    from tests.ui.test_import_fuzz import _fill

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "liptwitch.sqlite3")
        try:
            _fill()
            data = ei.collect_export(FUZZ_NOW)
        finally:
            close_database()
    return data


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_key_twice_anywhere_is_refused_naming_it(
    baseline: dict[str, Any], data: st.DataObject
) -> None:
    target = data.draw(st.sampled_from(_objects(baseline)))
    holder: Any = baseline
    for step in target:
        holder = holder[step]
    key = data.draw(st.sampled_from(sorted(holder)))
    again = data.draw(st.sampled_from([holder[key], None, [], "x", 0]))
    text = dumps_with_a_key_twice(baseline, target, key, again)
    with pytest.raises(ei.ImportRejected) as refused:
        ei.parse_export(text)
    assert f'the key "{key[:60]}" twice' in str(refused.value)
