"""The headless data commands: `export`, `import`, `check` (issue 13). The same code as the
Settings page; exit 0 with a summary, 2 with the reason and nothing written (check: 1 when
it found problems, listed)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.entries import add_episode


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    now = datetime.now(UTC)
    for n in range(3):
        add_episode(Episode(now - timedelta(hours=n + 1), intensity=4, duration_s=30))
    close_database()
    return folder


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def test_export_then_import_into_a_new_folder(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    code, said, err = run("--data-dir", str(data), "export", "--out", str(out))
    assert code == 0, err
    assert said.startswith("Exported 3 episodes") and str(out) in said
    assert json.loads(out.read_text("utf-8"))["format"] == "liptwitch-export"
    fresh = tmp_path / "fresh"
    code, said, err = run("--data-dir", str(fresh), "import", str(out))
    assert code == 0, err
    assert "3 entries added (episodes 3)" in said
    code, said, _ = run("--data-dir", str(fresh), "import", str(out))
    assert code == 0 and "0 entries added" in said and "already there" in said


def test_export_as_a_zip_of_csv(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.zip"
    assert run("--data-dir", str(data), "export", "--out", str(out))[0] == 0
    with zipfile.ZipFile(out) as archive:
        assert "liptwitch-export/episodes.csv" in archive.namelist()


@pytest.mark.parametrize(
    ("where", "reason"),
    [("all.txt", "must name a .json or .zip"), ("missing/all.json", "does not exist")],
)
def test_export_refusals_leave_no_file(data: Path, tmp_path: Path, where: str, reason: str) -> None:
    out = tmp_path / where
    code, _, err = run("--data-dir", str(data), "export", "--out", str(out))
    assert code == 2 and reason in err
    assert not out.exists()


def test_no_data_is_refused(tmp_path: Path) -> None:
    for args in (("export", "--out", str(tmp_path / "x.json")), ("check",)):
        code, _, err = run("--data-dir", str(tmp_path / "none"), *args)
        assert code == 2 and "no LipTwitch data" in err
    assert not (tmp_path / "none").exists()


def test_a_poisoned_import_is_refused_and_writes_nothing(data: Path, tmp_path: Path) -> None:
    poison = tmp_path / "poison.json"
    poison.write_text(
        json.dumps(
            {
                "format": "liptwitch-export",
                "format_version": 1,
                "other_tables": {
                    "reminder_setting": [
                        {"kind": "hydration", "enabled": 1, "interval_hours": 1e-12}
                    ]
                },
            }
        ),
        "utf-8",
    )
    before = (data / "liptwitch.sqlite3").read_bytes()
    code, said, err = run("--data-dir", str(data), "import", str(poison))
    assert code == 2 and said == ""
    assert "nothing was imported" in err and "reminder_setting #1" in err
    assert "interval_hours" in err
    assert (data / "liptwitch.sqlite3").read_bytes() == before
    fresh = tmp_path / "fresh"
    assert run("--data-dir", str(fresh), "import", str(poison))[0] == 2
    assert not fresh.exists(), "a refused import made a data folder"


def test_check_a_healthy_folder(data: Path) -> None:
    code, said, err = run("--data-dir", str(data), "check")
    assert code == 0, said + err
    from liptwitch_desktop.store.migrations import LATEST_VERSION

    assert "Integrity: ok" in said and f"Schema version: {LATEST_VERSION}" in said
    assert "checkin: next" in said and "magnesium: off" in said
    assert said.rstrip().endswith("Healthy.")


def test_check_lists_the_problems(data: Path) -> None:
    conn = sqlite3.connect(data / "liptwitch.sqlite3")
    conn.execute("UPDATE reminder_setting SET weekdays = '789' WHERE kind = 'checkin'")
    conn.execute("UPDATE episode SET location = 'nose' WHERE id = 1")
    conn.commit()
    conn.close()
    code, said, _ = run("--data-dir", str(data), "check")
    assert code == 1
    assert "Problems found (2)" in said
    assert "reminder_setting row" in said and "weekdays" in said
    assert "episode row 1: location" in said
    assert "checkin: unreadable (the app uses its default)" in said


def test_check_finds_a_damaged_file(data: Path) -> None:
    path = data / "liptwitch.sqlite3"
    with sqlite3.connect(path) as conn:
        for n in range(2000):
            conn.execute(
                "INSERT INTO episode (started_at, intensity, location, notes) "
                "VALUES (?, 5, 'other', ?)",
                (1773000000 + n, "note " * 30),
            )
    conn.close()
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 8192] = b"\xff" * 8192
    path.write_bytes(bytes(raw))
    code, said, _ = run("--data-dir", str(data), "check")
    assert code == 1 and "the data file is damaged" in said


def test_the_gui_start_does_not_import_the_data_commands() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from liptwitch_desktop.cli import build_parser; build_parser([]);"
            "print(sorted(m for m in sys.modules if m.startswith('liptwitch_desktop.cli.')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"


def test_export_of_a_row_edited_by_hand_says_so_and_writes_nothing(
    data: Path, tmp_path: Path
) -> None:
    conn = sqlite3.connect(data / "liptwitch.sqlite3")
    conn.execute("UPDATE episode SET location = 'nose' WHERE id = 2")
    conn.commit()
    conn.close()
    out = tmp_path / "all.json"
    code, _, err = run("--data-dir", str(data), "export", "--out", str(out))
    assert code == 2 and "could not be read" in err and "liptwitch check" in err
    assert not out.exists()
