"""`liptwitch report`: a PDF for the default period, and exit 2 with no file on bad input."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.__main__ import main
from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.store.database.db import close_database, open_database
from tests.pdf_text import pdf_text


@pytest.fixture
def data_dir(tmp_path: Path, qapp: object) -> Path:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    insert_demo(generate(date.today(), 60, ZoneInfo("Europe/London")))
    close_database()
    return folder


def run(*argv: str) -> int:
    return main(list(argv))


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_default_period_is_the_last_four_weeks(data_dir, tmp_path, capsys):
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    assert run("--data-dir", str(data_dir), "report", "--out", str(out)) == 0
    assert "Wrote" in capsys.readouterr().out
    text = pdf_text(out, "-f", "1", "-l", "1")
    # The person's day, as the CLI counts it: local, starting at 04:00 (at 00:30 it is still
    # yesterday), so this test gives the same answer at any hour.
    from datetime import UTC, datetime

    from liptwitch_desktop.core.days import DEFAULT_DAY_START, local_day, local_zone

    today = local_day(datetime.now(UTC), local_zone(), DEFAULT_DAY_START)
    first = today - timedelta(days=27)
    assert f"Period: {first.day} {first:%b %Y} to" in text
    assert "(28 days)" in text
    assert files(out.parent) == ["report.pdf"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-02-30"], "--from must be a date like"),
        (["--to", "yesterday"], "--to must be a date like"),
        (["--from", "2025-03-10", "--to", "2025-03-01"], "is after --to"),
        (["--from", "2001-01-01", "--to", "2001-01-31"], "nothing was logged"),
        (["--to", (date.today() + timedelta(days=3)).isoformat()], "in the future"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(data_dir, tmp_path, capsys, extra, message):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    status = run("--data-dir", str(data_dir), "report", *extra, "--out", str(out_dir / "r.pdf"))
    assert status == 2
    assert message in capsys.readouterr().err
    assert files(out_dir) == []


def test_unwritable_or_missing_places_exit_2(data_dir, tmp_path, capsys):
    assert run("--data-dir", str(data_dir), "report", "--out", "/proc/report.pdf") == 2
    assert "write" in capsys.readouterr().err  # "cannot write in" or "could not write"
    assert run("--data-dir", str(data_dir), "report", "--out", str(tmp_path / "no" / "r.pdf")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert (
        run("--data-dir", str(tmp_path / "empty"), "report", "--out", str(tmp_path / "r.pdf")) == 2
    )
    assert "no LipTwitch data" in capsys.readouterr().err
    assert not (tmp_path / "empty").exists()  # no database created just to say so
    assert not list(tmp_path.glob("*.pdf*"))
