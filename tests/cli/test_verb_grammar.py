"""A bad invocation of the verbs (`twitch`, `log`, `status`, `calendar`, `experiment`) is one
line on stderr naming what is wrong, exit 2, nothing written, never argparse's two-line
usage; `--help` still prints the usage. Property test over argument lists: exit 0, 1 or 2,
never a traceback, every refusal one line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.__main__ import main
from liptwitch_desktop.cli import verbs
from liptwitch_desktop.store.database.db import close_database, open_database

from .test_verbs import counts


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    close_database()
    yield folder


def run(folder: Path, capsys: Any, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["--data-dir", str(folder), *argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["log", "tea"], "liptwitch log: unknown kind 'tea' (choose drink, magnesium or water)"),
        (["log"], "liptwitch log: missing the kind (choose drink, magnesium or water)"),
        (["log", "water", "--foo"], "liptwitch log: unknown option '--foo'"),
        (["twitch", "--intensity"], "liptwitch twitch: --intensity needs a value"),
        (["twitch", "now"], "liptwitch twitch: unexpected 'now'"),
        (["twitch", "--json"], "liptwitch twitch: unknown option '--json'"),
        (["status", "--json=yes"], "liptwitch status: --json takes no value (not 'yes')"),
        (["status", "today"], "liptwitch status: unexpected 'today'"),
        (["calendar"], "liptwitch calendar: missing --out"),
        (["calendar", "--out"], "liptwitch calendar: --out needs a value"),
        (["experiment"], "liptwitch experiment: missing the command (choose status or analyse)"),
        (
            ["experiment", "stats"],
            "liptwitch experiment: unknown command 'stats' (choose status or analyse)",
        ),
        (["experiment", "status", "--all"], "liptwitch experiment: unknown option '--all'"),
    ],
)
def test_a_bad_invocation_is_one_line_naming_what_is_wrong(
    data: Path, capsys: Any, argv: list[str], said: str
) -> None:
    code, out, err = run(data, capsys, *argv)
    assert (code, out, err) == (2, "", said)
    assert counts(data) == (0, 0)


@pytest.mark.parametrize("verb", ["twitch", "log", "status", "calendar", "experiment"])
def test_help_still_prints_the_usage(data: Path, capsys: Any, verb: str) -> None:
    code, out, err = run(data, capsys, verb, "--help")
    assert code == 0 and out.startswith(f"usage: liptwitch {verb}") and err == ""


WORDS = st.sampled_from(
    [
        "drink", "magnesium", "water", "tea", "espresso", "250", "-3", "nan", "0", "7", "x",
        "status", "analyse", "lower-left", "--intensity", "--where", "--notify", "--json",
        "--json=1", "--out", "cal.ics", "--foo", "-x", "-", "--", "--int", "--in", "--no", "",
    ]
)  # fmt: skip


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    verb=st.sampled_from(["twitch", "log", "status", "calendar", "experiment"]),
    words=st.lists(WORDS, max_size=4),
)
def test_any_argument_list_exits_0_1_or_2_and_refuses_in_one_line(
    data: Path, capsys: Any, monkeypatch: Any, verb: str, words: list[str]
) -> None:
    def no_window(_args: object) -> None:  # a drink with no name would start the app
        raise OSError("no window in this test")

    monkeypatch.setattr(verbs, "_start_app", no_window)
    argv = [verb, *words]
    if verb == "calendar":  # where a valid --out would write: inside the test's folder
        argv = [str(data / w) if w.endswith(".ics") else w for w in argv]
    code, _out, err = run(data, capsys, *argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err and "usage:" not in err, (argv, err)
    if code != 0:
        assert len(err.splitlines()) == 1 and err.startswith(f"liptwitch {verb}"), (argv, err)
