"""Review 16/17, finding 12: a command's output piped into `head` (the reader closes the
pipe early) ends quietly, with no BrokenPipeError traceback, for every subcommand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from liptwitch_desktop.store.database.db import close_database, open_database


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    open_database(data / "liptwitch.sqlite3")
    close_database()
    return data


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--json"],
        ["check"],
        ["twitch"],
    ],
)
def test_a_closed_pipe_ends_quietly(folder: Path, argv: list[str]) -> None:
    done = closed_pipe_run(folder, *argv)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr


def closed_pipe_run(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `head` does once it has its lines
    try:
        return subprocess.run(
            [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(folder), *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)


def test_experiment_status_and_analyse_end_quietly(tmp_path: Path) -> None:
    import random
    from datetime import UTC, date, datetime, time

    from liptwitch_desktop.core.experiment import new_experiment
    from liptwitch_desktop.store import experiments

    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    today = date.today()
    exp = new_experiment(
        "caffeine_cutoff", 6, today, random.Random(1), day_start=time(4), zone_name="UTC"
    )
    experiments.start(exp, today, datetime.now(UTC))
    close_database()
    for argv in (("experiment", "status"), ("experiment", "analyse", "--json")):
        done = closed_pipe_run(folder, *argv)
        assert done.returncode == 0 and done.stderr == "", done.stderr
