"""The headless verbs with no app running (issue 16): `liptwitch twitch`, `log`, `status`
write the store themselves, with the same checks as in the app; bad input is one line on
stderr, exit 2, and nothing written."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.__main__ import main
from liptwitch_desktop.store.database.db import close_database, open_database
from liptwitch_desktop.store.settings import set_setting


@pytest.fixture
def data(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    open_database(folder / "liptwitch.sqlite3")
    close_database()
    yield folder


def with_settings(folder: Path, **values: object) -> None:
    open_database(folder / "liptwitch.sqlite3")
    try:
        for key, value in values.items():
            set_setting(key, value)
    finally:
        close_database()


def verb(folder: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *argv])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def rows(folder: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(folder / "liptwitch.sqlite3") as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


def counts(folder: Path) -> tuple[int, int]:
    return (
        rows(folder, "SELECT COUNT(*) FROM episode")[0][0],  # type: ignore[return-value]
        rows(folder, "SELECT COUNT(*) FROM intake")[0][0],
    )


def test_twitch_starts_then_stops_with_intensity_and_place(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = verb(data, capsys, "twitch")
    assert code == 0 and err == ""
    assert out.startswith("Started ") and len(out) == len("Started 14:02")
    assert rows(data, "SELECT duration_s FROM episode") == [(None,)]
    code, out, _ = verb(data, capsys, "twitch", "--intensity", "6", "--where", "lower-left")
    assert code == 0 and out.startswith("Stopped: ") and out.endswith(" s")
    [(duration, intensity, where)] = rows(
        data, "SELECT duration_s, intensity, location FROM episode"
    )
    assert duration is not None and duration >= 0
    assert (intensity, where) == (6, "lower_left")


@pytest.mark.parametrize(
    "argv",
    [
        ("twitch", "--intensity", "11"),
        ("twitch", "--intensity", "six"),
        ("twitch", "--where", "knee"),
        ("log", "drink", "no such drink"),
        ("log", "water", "-250"),
        ("log", "water", "nan"),
        ("log", "water", "6000"),
        ("log", "water", "250", "300"),
        ("log", "magnesium", "-100"),
        ("log", "magnesium", "inf"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(data: Path, capsys, argv) -> None:  # type: ignore[no-untyped-def]
    with_settings(data, magnesium_notice_shown=True, adult="yes")
    code, out, err = verb(data, capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"liptwitch {argv[0]}: ")
    assert counts(data) == (0, 0)


def test_drinks_by_preset_id_name_and_the_persons_own(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with_settings(data, custom_drinks=[{"label": "My flat white", "caffeine_mg": 130}])
    assert verb(data, capsys, "log", "drink", "espresso")[0] == 0
    assert verb(data, capsys, "log", "drink", "Brewed-Coffee")[0] == 0
    code, out, _ = verb(data, capsys, "log", "drink", "My flat white")
    assert code == 0 and "130 mg caffeine, 288 mg today" in out
    code, out, _ = verb(data, capsys, "log", "drink", "my", "flat", "white")  # unquoted
    assert code == 0 and "over your 400 mg daily limit" in out  # logged, and said
    assert [r[0] for r in rows(data, "SELECT caffeine_mg FROM intake ORDER BY id")] == [
        63,
        95,
        130,
        130,
    ]


def test_a_drink_with_no_name_starts_the_app_for_its_dialog(
    data: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.cli import verbs

    started: list[Path] = []

    class StillStarting:  # a child that runs on and never listens
        def poll(self) -> None:
            return None

    def start(args: object) -> StillStarting:
        started.append(verbs.data_dir(args))  # type: ignore[arg-type]
        return StillStarting()

    monkeypatch.setattr(verbs, "_start_app", start)
    monkeypatch.setattr(verbs, "START_TIMEOUT_S", 0.3)  # the stand-in never listens
    code, _, err = verb(data, capsys, "log", "drink")
    assert started == [data.resolve()]
    assert code == 1 and "did not answer within 0.3 s; nothing written" in err


def test_an_app_that_cannot_start_is_said_at_once(
    data: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # Review 16/17, finding 13: no display, the app failed to start, and after 20 s the verb
    # said "LipTwitch is running but did not answer".
    import subprocess
    import sys
    import time

    from liptwitch_desktop.cli import verbs

    children: list[subprocess.Popen[bytes]] = []

    def start(args: object) -> subprocess.Popen[bytes]:
        children.append(subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"]))
        return children[-1]

    monkeypatch.setattr(verbs, "_start_app", start)
    monkeypatch.setattr(verbs, "START_TIMEOUT_S", 6.0)
    began = time.monotonic()
    try:
        code, _, err = verb(data, capsys, "log", "drink")
    finally:
        for child in children:
            child.wait()
    assert time.monotonic() - began < 5  # noticed when the child ended, not at the timeout
    assert code == 1 and "could not start LipTwitch (see " in err
    assert "liptwitch.log); nothing written" in err and "is running" not in err


def test_a_day_of_extreme_caffeine_carries_the_fdas_advice(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with_settings(data, custom_drinks=[{"label": "Pot", "caffeine_mg": 600}])
    code, out, _ = verb(data, capsys, "log", "drink", "pot")
    assert code == 0 and "seizures" not in out
    code, out, _ = verb(data, capsys, "log", "drink", "pot")  # 1,200 mg today
    assert code == 0 and "seizures can be seen" in out and "Cut down gradually" in out
    assert len(out.splitlines()) == 1


def test_magnesium_waits_for_the_safety_notice(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = verb(data, capsys, "log", "magnesium", "200")
    assert code == 2 and "safety notice" in err
    assert counts(data) == (0, 0)


def test_magnesium_the_usual_dose_the_limits_and_the_under_18_rule(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with_settings(data, magnesium_notice_shown=True, adult="yes")
    code, _, err = verb(data, capsys, "log", "magnesium")
    assert code == 2 and "give the dose" in err  # never a silent default
    with_settings(data, magnesium_dose_mg=150.0, magnesium_dose_confirmed=True)
    code, out, _ = verb(data, capsys, "log", "magnesium")
    assert code == 0 and out == "Logged 150 mg magnesium (150 mg today)"
    code, out, _ = verb(data, capsys, "log", "magnesium", "150")  # 300: over the EU's 250
    assert code == 0 and "above the EU upper limit of 250 mg" in out
    code, _, err = verb(data, capsys, "log", "magnesium", "100")  # 400: over the US 350 too
    assert code == 2 and "above both upper limits" in err and "not logged" in err
    assert rows(data, "SELECT SUM(magnesium_mg) FROM intake") == [(300,)]
    with_settings(data, adult="no")
    code, _, err = verb(data, capsys, "log", "magnesium")
    assert code == 2 and "under 18" in err and "pharmacist" in err
    assert rows(data, "SELECT COUNT(*) FROM intake") == [(2,)]


def test_water_defaults_to_a_glass(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert verb(data, capsys, "log", "water") == (0, "Logged 250 ml water", "")
    assert verb(data, capsys, "log", "water", "400")[1] == "Logged 400 ml water"
    assert rows(data, "SELECT water_ml FROM intake ORDER BY id") == [(250,), (400,)]


def test_status_text_and_json(data: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    verb(data, capsys, "twitch")
    verb(data, capsys, "log", "drink", "espresso")
    code, out, _ = verb(data, capsys, "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith(": 1 twitch, one going since " + lines[0][-5:])
    assert lines[1].startswith("Caffeine: 63 mg so far") and "at bedtime" in lines[1]
    assert lines[2] == "Magnesium: 0 mg taken" and lines[4].startswith("Next reminder: ")
    code, out, _ = verb(data, capsys, "status", "--json")
    status = json.loads(out)
    assert status["twitches"] == 1 and status["caffeine_mg"] == 63
    assert status["running_since"] and status["magnesium_mg"] == 0
    assert set(status) >= {"caffeine_at_bedtime_mg", "next_reminder", "water_ml"}


def test_status_without_data_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = verb(tmp_path / "nothing", capsys, "status")
    assert code == 2 and out == "" and "no LipTwitch data" in err


def test_the_data_folder_is_the_apps_without_qt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from argparse import Namespace

    from liptwitch_desktop.cli.verbs import data_dir
    from liptwitch_desktop.platform.datadir import default_data_dir

    for xdg in (str(tmp_path / "xdg"), ""):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert data_dir(Namespace(data_dir=None, demo=False)) == default_data_dir()


# --- every argument a socket can bring: an answer or a refusal, nothing else --------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
ARGS = st.dictionaries(
    st.sampled_from(["what", "drink", "mg", "ml", "intensity", "where", "other"]), JSON, max_size=4
) | st.fixed_dictionaries(
    {"what": st.sampled_from(["drink", "magnesium", "water"])},
    optional={
        "mg": st.floats() | st.integers(-10, 5000),
        "ml": st.floats() | st.integers(-10, 9000),
        "drink": st.sampled_from(["espresso", "cola", "tea", ""]),
    },
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cmd=st.sampled_from(["twitch", "log", "status"]), args=ARGS)
def test_any_arguments_are_answered_or_refused_in_one_line(
    db: object, cmd: str, args: dict
) -> None:  # type: ignore[type-arg]
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.cli.verb_actions import StoreWriter, VerbContext, VerbRefused, serve
    from liptwitch_desktop.store.log_reads import all_episodes, all_intakes

    set_setting("magnesium_notice_shown", True)
    now = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    ctx = VerbContext(lambda: now, ZoneInfo("Europe/London"), lambda: time(4))
    before = (all_episodes(), all_intakes())
    try:
        result = serve(cmd, args, StoreWriter(lambda: now), ctx)
    except VerbRefused as exc:
        assert str(exc).strip() and "\n" not in str(exc)
        assert (all_episodes(), all_intakes()) == before  # refused: nothing written
        return
    assert isinstance(result["message"], str) and result["message"]
    for intake in all_intakes():
        for amount in (intake.magnesium_mg, intake.water_ml, intake.caffeine_mg):
            assert amount is None or (math.isfinite(amount) and amount >= 0)


def test_a_first_verb_makes_a_private_data_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import os

    folder = tmp_path / "new"
    old = os.umask(0o022)  # a usual shell
    try:
        code, out, _ = verb(folder, capsys, "twitch")
    finally:
        os.umask(old)
    assert code == 0 and out.startswith("Started")
    for path in (folder, *folder.rglob("*")):
        assert path.stat().st_mode & 0o077 == 0, path


@pytest.mark.parametrize("year", [1970, 2150])
def test_a_clock_that_cannot_be_right_dates_nothing(db: object, year: int) -> None:
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.cli.verb_actions import StoreWriter, VerbContext, VerbRefused, serve
    from liptwitch_desktop.store.log_reads import all_episodes, all_intakes

    now = datetime(year, 1, 1, 9, tzinfo=UTC)
    ctx = VerbContext(lambda: now, ZoneInfo("Europe/London"), lambda: time(4))
    for cmd, args in (("twitch", {}), ("log", {"what": "water"})):
        with pytest.raises(VerbRefused, match=f"clock says {year}-01-01.*nothing was saved"):
            serve(cmd, args, StoreWriter(lambda: now), ctx)
    assert all_episodes() == [] and all_intakes() == []


def test_the_app_is_started_as_this_program_with_the_same_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """For `--in-app` with no app running: the PyInstaller bundle is its own program (it has
    no `-m`), and a demo folder stays the demo."""
    import sys
    from argparse import Namespace

    from liptwitch_desktop.cli.verbs import app_command

    given = Namespace(data_dir=str(tmp_path), demo=True)
    assert app_command(given) == [
        sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(tmp_path.resolve()), "--demo"
    ]  # fmt: skip
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert app_command(Namespace(data_dir=None, demo=False)) == [sys.executable]


def test_the_next_reminder_skips_a_day_whose_magnesium_is_logged(db: object) -> None:
    """As the reminder service plans it: tonight's magnesium reminder is not next once
    tonight's magnesium is logged (reminders/planning.next_due)."""
    from dataclasses import replace
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.cli.verb_actions import StoreWriter, VerbContext, serve
    from liptwitch_desktop.core.schedule.specs import ReminderKind
    from liptwitch_desktop.store import reminder_store as rs

    now = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    for spec in rs.load_specs().values():
        on = spec.kind is ReminderKind.MAGNESIUM
        rs.save_spec(replace(spec, enabled=on, times=(time(21),) if on else spec.times), now)
    set_setting("magnesium_notice_shown", True)
    set_setting("adult", "yes")
    ctx = VerbContext(lambda: now, ZoneInfo("Europe/London"), lambda: time(4))
    before = serve("status", {}, StoreWriter(lambda: now), ctx)["next_reminder"]
    assert before == {"kind": "magnesium", "at": "2026-03-10T21:00:00+00:00", "snoozed": False}
    serve("log", {"what": "magnesium", "mg": 200}, StoreWriter(lambda: now), ctx)
    after = serve("status", {}, StoreWriter(lambda: now), ctx)["next_reminder"]
    assert after == {"kind": "magnesium", "at": "2026-03-11T21:00:00+00:00", "snoozed": False}


def test_the_next_reminder_is_a_snoozed_one_when_it_comes_first(db: object) -> None:
    from datetime import UTC, datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from liptwitch_desktop.cli.verb_actions import StoreWriter, VerbContext, serve

    now = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    back = now + timedelta(minutes=10)
    ctx = VerbContext(
        lambda: now, ZoneInfo("Europe/London"), lambda: time(4), lambda: {"magnesium": back}
    )
    answer = serve("status", {}, StoreWriter(lambda: now), ctx)
    assert answer["next_reminder"] == {
        "kind": "magnesium",
        "at": "2026-03-10T15:40:00+00:00",
        "snoozed": True,
    }
    assert "Next reminder: magnesium at Tue 15:40 (snoozed)" in str(answer["message"])


def test_a_data_dir_that_is_a_file_is_said_as_not_a_folder(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Review 16/17, finding 17: "cannot use /tmp/afile: File exists".
    afile = tmp_path / "afile"
    afile.write_text("x")
    code, _, err = verb(afile, capsys, "twitch")
    assert code == 2 and "is not a folder" in err and "File exists" not in err
    assert afile.read_text() == "x"
