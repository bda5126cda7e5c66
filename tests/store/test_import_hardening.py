"""Issue 13, item 8: whatever a file holds, the import either refuses it in words ("Nothing
was imported: ..." and the reason) or imports it; it never crashes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from liptwitch_desktop.store.database.db import db_proxy
from liptwitch_desktop.store.transfer import export_import as ei

from ..conftest import TEST_NOW

HEAD = '{"format": "liptwitch-export", "format_version": 1, '
EPISODE = '{"started_at": "2026-03-09T10:00:00Z", "intensity": 4, "duration_s": 30'


def counts() -> dict[str, int]:
    return {
        t: db_proxy.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("episode", "intake", "checkin", "reminder_setting", "reminder_firing")
    }


def refused(tmp_path: Path, text: str) -> str:
    path = tmp_path / "file.json"
    path.write_text(text, "utf-8", errors="surrogatepass")
    before = counts()
    with pytest.raises(ei.ImportRejected) as caught:
        ei.import_json_file(path, TEST_NOW)
    assert counts() == before
    message = str(caught.value) + "\n" + "\n".join(str(r) for r in caught.value.rejections)
    assert "nothing was imported" in message.lower()
    return message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (HEAD + '"episodes": [' + EPISODE + ', "intensity": NaN}]}', "NaN"),
        (HEAD + '"intakes": [{"taken_at": "2026-03-09T08:00:00Z", "kind": "water", '
         '"water_ml": 1e999}]}', "too large"),
        (HEAD + '"episodes": [' + EPISODE.replace("2026-03-09T10:00:00Z",
         "0001-01-01T00:00:00+05:00") + "}]}", "not a date and time"),
        (HEAD + '"episodes": [' + EPISODE + ', "notes": "\\ud800"}]}', "not valid text"),
        (HEAD + '"settings": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested far too deeply"),
        (HEAD + '"other_tables": {"reminder_firing": [{"kind": "checkin", "due_at": '
         + str(10**30) + ', "outcome": "fired"}]}}', "too large"),
        (HEAD + '"other_tables": {"reminder_firing": [{"kind": "checkin", "due_at": '
         + "4102444801" + ', "outcome": "fired"}]}}', "between the years 2000 and 2100"),
        (HEAD + '"other_tables": {"reminder_setting": [{"kind": "hydration", '
         '"interval_hours": -Infinity}]}}', "Infinity"),
        (HEAD + '"other_tables": {"triage_result": [{"created_at": 1773000000, '
         '"urgency": "self_care", "answers_json": "{{{", "result_json": "{}"}]}}', "answers_json"),
    ],
)  # fmt: skip
def test_bad_values_are_refused_with_the_reason(
    db: object, tmp_path: Path, text: str, reason: str
) -> None:
    assert reason in refused(tmp_path, text)


@pytest.mark.parametrize("version", [True, 0, -1, "1", 1.0, None, 2**70])
def test_format_version_must_be_a_known_positive_integer(
    db: object, tmp_path: Path, version: Any
) -> None:
    text = json.dumps({"format": "liptwitch-export", "format_version": version, "episodes": []})
    message = refused(tmp_path, text)
    assert any(word in message for word in ("format_version", "newer", "too large")), message


@pytest.mark.parametrize(
    "section",
    [
        {"episodes": [{"started_at": "2026-03-09T10:00:00Z", "intensity": 4}]},
        {"intakes": [{"taken_at": "2026-03-09T08:00:00Z", "kind": "water", "water_ml": 250}]},
        {"checkins": [{"day": "2026-03-09"}]},
        {"other_tables": {"medicine": [{"name": "x", "started": "2026-01-01"}]}},
    ],
    ids=["episode", "intake", "checkin", "medicine"],
)
def test_notes_are_capped_the_same_for_every_kind(
    db: object, tmp_path: Path, section: dict[str, Any]
) -> None:
    for items in section.values():
        rows = items if isinstance(items, list) else next(iter(items.values()))
        rows[0]["notes"] = "n" * 5001
    data = {"format": "liptwitch-export", "format_version": 1, **section}
    assert "5000" in refused(tmp_path, json.dumps(data))


def test_a_file_over_50_mib_is_refused_before_it_is_read(
    db: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)  # sparse: costs no disk

    def never(*_args: object, **_kwargs: object) -> object:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(json, "loads", never)
    with pytest.raises(ei.ImportRejected, match=r"Nothing was imported: the file is 50 MiB"):
        ei.import_json_file(path, TEST_NOW)


def test_something_that_is_not_a_file_is_refused(db: object, tmp_path: Path) -> None:
    with pytest.raises(ei.ImportRejected, match="not a file"):
        ei.import_json_file(tmp_path, TEST_NOW)
