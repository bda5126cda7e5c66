"""`liptwitch experiment status|analyse [--json]` (issue 17): the demo's finished experiment,
exit 2 with a reason when there is none, and never a widget imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from liptwitch_desktop.store.database.db import close_database, open_database


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "liptwitch_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def demo_dir(tmp_path: Path, qapp: Any) -> Path:
    from liptwitch_desktop.app.demo import fill_demo_if_empty
    from liptwitch_desktop.core.clock import SystemClock
    from liptwitch_desktop.runtime.context import AppContext
    from liptwitch_desktop.runtime.signals import AppSignals

    folder = tmp_path / "demo"
    open_database(folder / "liptwitch.sqlite3")
    zone = ZoneInfo("UTC")
    fill_demo_if_empty(AppContext(SystemClock(), zone, AppSignals(), folder))
    close_database()
    return folder


def test_status_and_analyse_of_the_demo_experiment(demo_dir: Path) -> None:
    code, out, err = run("--data-dir", str(demo_dir), "experiment", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["change_id"] == "caffeine_cutoff" and status["weeks"] == 6
    assert status["phase"] == "finished" and status["change"] == "no caffeine after 12:00"
    assert [p["kind"] for p in status["periods"]].count("change") == 3
    assert "cannot prove" in status["can_show"]
    code, out, err = run("--data-dir", str(demo_dir), "experiment", "analyse", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] == "no_clear_difference" and not result["firm_answer_possible"]
    assert result["pairs_used"] == 3 and result["orders"] == 8
    assert 0 < result["low"] < result["ratio"] < result["high"]
    code, out, err = run("--data-dir", str(demo_dir), "experiment", "analyse")
    assert code == 0 and out.startswith("No clear difference") and "- You kept" in out
    code, out, err = run("--data-dir", str(demo_dir), "experiment", "status")
    assert code == 0 and out.startswith("Experiment: No caffeine after a cutoff time")


def test_exit_2_when_there_is_none(tmp_path: Path) -> None:
    code, out, err = run("--data-dir", str(tmp_path / "nothing"), "experiment", "status")
    assert code == 2 and "no LipTwitch data" in err and out == ""
    folder = tmp_path / "empty"
    open_database(folder / "liptwitch.sqlite3")
    close_database()
    code, out, err = run("--data-dir", str(folder), "experiment", "analyse", "--json")
    assert code == 2 and "no experiment has been started" in err and out == ""


def test_the_command_imports_no_widget() -> None:
    code = (
        "import sys; sys.argv=['liptwitch','experiment','status'];"
        "import liptwitch_desktop.cli as c; c._register_builtin();"
        "import liptwitch_desktop.cli.experiment, liptwitch_desktop.store.experiment_view;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6.QtWidgets','pyqtgraph',"
        "'liptwitch_desktop.ui'))]; print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_holds_a_stored_experiment_to_its_rule(demo_dir: Path) -> None:
    import sqlite3

    code, out, err = run("--data-dir", str(demo_dir), "check")
    assert code == 0, out + err
    conn = sqlite3.connect(demo_dir / "liptwitch.sqlite3")
    conn.execute("UPDATE experiment SET status = 'paused'")
    conn.commit()
    conn.close()
    code, out, err = run("--data-dir", str(demo_dir), "check")
    assert code == 1 and "experiment row 1: status: does not match the saved plan" in out
    # The damaged row is kept; the commands say what they can.
    code, out, err = run("--data-dir", str(demo_dir), "experiment", "status")
    assert code == 0 and out.startswith("Experiment:")


def test_a_clock_that_cannot_be_right_is_refused(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review 16/17, finding 7: under a 1970 clock `experiment status` answered "Week 1 ...".
    from datetime import UTC, datetime

    from liptwitch_desktop.__main__ import main
    from liptwitch_desktop.core.clock import SystemClock

    monkeypatch.setattr(SystemClock, "now", lambda self: datetime(1970, 1, 1, 0, 5, tzinfo=UTC))
    code = main(["--data-dir", str(demo_dir), "experiment", "status"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "clock says 1970-01-01" in err


def test_demo_on_a_folder_the_app_never_opened_builds_the_demo(tmp_path: Path) -> None:
    # Review 16/17, finding 11: "no LipTwitch data in .../demo", exit 2.
    code, out, err = run("--data-dir", str(tmp_path / "f"), "--demo", "experiment", "status")
    assert code == 0, err
    assert out.startswith("Experiment: No caffeine after a cutoff time") and "finished" not in err
    code, out, err = run("--data-dir", str(tmp_path / "f"), "--demo", "status", "--json")
    assert code == 0, err
