"""The log-fail rule of tests/conftest.py, run on a small suite of its own: an ERROR from the
app's loggers fails the test that logged it (or the fixture teardown that did), unless the
test is marked with a pattern that matches it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SUITE = """
import logging

import pytest

app = logging.getLogger("liptwitch_desktop.store.backup")


def test_an_error_fails() -> None:
    app.error("could not write the backup")


def test_a_critical_from_the_named_loggers_fails() -> None:
    logging.getLogger("liptwitch.app").critical("gave up")


@pytest.mark.expect_log_error(r"^could not write")
def test_an_expected_error_passes() -> None:
    app.error("could not write the backup")


@pytest.mark.expect_log_error(r"^the disk is full$")
def test_an_error_the_mark_does_not_name_fails() -> None:
    app.error("could not write the backup")


def test_a_warning_passes() -> None:
    app.warning("the clock jumped")


def test_another_librarys_error_is_not_ours() -> None:
    logging.getLogger("apscheduler.scheduler").error("job missed")


@pytest.fixture
def noisy_teardown():
    yield
    app.error("while closing")


def test_an_error_in_a_teardown_is_heard(noisy_teardown) -> None:
    pass
"""


def test_an_unexpected_logged_error_fails_its_test(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        "from tests.conftest import _logged_errors_fail, pytest_runtest_call  # noqa: F401\n"
    )
    (tmp_path / "test_suite.py").write_text(SUITE)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rA",
            "-p",
            "no:cacheprovider",
            "-o",
            "markers=expect_log_error",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout
    outcome = {
        line.split("::")[1].split()[0]: line.split()[0]
        for line in out.splitlines()
        if line.startswith(("PASSED", "FAILED", "ERROR")) and "::" in line
    }
    assert outcome == {
        "test_an_error_fails": "FAILED",
        "test_a_critical_from_the_named_loggers_fails": "FAILED",
        "test_an_expected_error_passes": "PASSED",
        "test_an_error_the_mark_does_not_name_fails": "FAILED",
        "test_a_warning_passes": "PASSED",
        "test_another_librarys_error_is_not_ours": "PASSED",
        "test_an_error_in_a_teardown_is_heard": "ERROR",
    }, out
    assert "ERROR liptwitch_desktop.store.backup: could not write the backup" in out
