"""Issue 15, set-up as people really have it: the README's two commands work on stock
Debian 12 / Ubuntu 24.04, whose system pip refuses to install ("externally-managed-
environment"), and .ci/run runs the README's test command exactly."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def set_up_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_exactly_two_commands_neither_with_the_system_pip() -> None:
    app, tests = set_up_commands()
    for command in (app, tests):
        assert "\n" not in command
        # The system interpreter's pip is refused on Debian 12 / Ubuntu 24.04.
        assert not re.search(r"(^|&& )(python3 -m pip|pip3?) install", command), command
    assert app.startswith("pipx install .")
    assert tests.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
    assert tests.endswith(".venv/bin/python -m pytest --cov")


def test_ci_runs_the_readme_test_command() -> None:
    _app, tests = set_up_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").rstrip("\n").splitlines()
    assert ci[-1] == tests
