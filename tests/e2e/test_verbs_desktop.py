"""The desktop entry's actions (issue 16): "Twitching now", "Log a drink", "Log magnesium"
on a launcher's right-click menu. The file validates (desktop-file-validate, Debian's
desktop-file-utils), each action's Exec runs as a launcher would run it (split by the
Desktop Entry rules, `liptwitch` being this checkout's entry point), against a running app
on the default data folder; install.sh keeps each action's arguments when it points the
entry at the installed launcher."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
APP_ID = "io.github.liptwitch.LipTwitch"
ENTRY = PACKAGING / f"{APP_ID}.desktop"
ACTIONS = {
    "twitching-now": "Twitching now",
    "log-drink": "Log a drink",
    "log-magnesium": "Log magnesium",
}


def groups(text: str) -> dict[str, dict[str, str]]:
    """The Desktop Entry file's groups and keys (the format is not quite INI: no
    interpolation, case-sensitive keys), read as its specification says."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            current = found.setdefault(line.strip()[1:-1], {})
        else:
            key, _, value = line.partition("=")
            current[key.strip()] = value.strip()
    return found


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("desktop-file-validate missing (desktop-file-utils, see .ci/run)")
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_entry_declares_its_three_actions_and_validates() -> None:
    validate(ENTRY)
    entry = groups(ENTRY.read_text("utf-8"))
    declared = [a for a in entry["Desktop Entry"]["Actions"].split(";") if a]
    assert declared == list(ACTIONS)
    for action, name in ACTIONS.items():
        group = entry[f"Desktop Action {action}"]
        assert group["Name"] == name
        assert shlex.split(group["Exec"])[0] == "liptwitch"


def test_install_points_every_action_at_the_installed_launcher(tmp_path: Path) -> None:
    """The install script's own sed line, run: the main Exec and each action's keep their
    arguments behind the launcher's full path."""
    script = (PACKAGING / "install.sh").read_text("utf-8")
    match = re.search(r'^sed -e "s\|\^Exec=.*?\n.*?\.desktop"\n', script, re.M | re.S)
    assert match, "install.sh no longer rewrites Exec with sed"
    data, bindir = tmp_path / "share", tmp_path / "my bin"
    (data / "applications").mkdir(parents=True)
    subprocess.run(
        ["sh", "-c", match.group(0)],
        env={
            **os.environ,
            "here": str(PACKAGING),
            "APP_ID": APP_ID,
            "DATA": str(data),
            "bindir": str(bindir),
        },
        check=True,
    )
    installed = data / "applications" / f"{APP_ID}.desktop"
    validate(installed)
    entry = groups(installed.read_text("utf-8"))
    launcher = str(bindir / "liptwitch")
    assert shlex.split(entry["Desktop Entry"]["Exec"]) == [launcher]
    for action in ACTIONS:
        original = shlex.split(groups(ENTRY.read_text("utf-8"))[f"Desktop Action {action}"]["Exec"])
        assert shlex.split(entry[f"Desktop Action {action}"]["Exec"]) == [launcher, *original[1:]]


# --- each Exec, run against a running app ----------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A desktop session's environment of our own: the default data folder inside tmp."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    (tmp_path / "home").mkdir()
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TZ": "Europe/London",
        "HOME": str(tmp_path / "home"),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus",
        "PYTHONPATH": str(REPO),
    }


@pytest.fixture
def app(env: dict[str, str], tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    from liptwitch_desktop.store.database.db import close_database, open_database
    from liptwitch_desktop.store.settings import set_setting

    data = Path(env["XDG_DATA_HOME"]) / "LipTwitch" / "LipTwitch"
    open_database(data / "liptwitch.sqlite3")
    try:
        set_setting("first_run_done", True)
    finally:
        close_database()
    log = Path(env["XDG_STATE_HOME"]) / "LipTwitch" / "log" / "liptwitch.log"
    with open(tmp_path / "app.out", "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "liptwitch_desktop"], env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while not (log.exists() and "started after paint" in log.read_text(errors="replace")):
            assert proc.poll() is None and time.monotonic() < deadline, (
                tmp_path / "app.out"
            ).read_text(errors="replace")
            time.sleep(0.1)
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def run_exec(action: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exec_line = groups(ENTRY.read_text("utf-8"))[f"Desktop Action {action}"]["Exec"]
    argv = shlex.split(exec_line)
    assert argv[0] == "liptwitch"
    command = [sys.executable, "-m", "liptwitch_desktop", *argv[1:]]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_each_action_runs_against_the_running_app(
    app: subprocess.Popen[bytes], env: dict[str, str]
) -> None:
    data = Path(env["XDG_DATA_HOME"]) / "LipTwitch" / "LipTwitch"
    log = Path(env["XDG_STATE_HOME"]) / "LipTwitch" / "log" / "liptwitch.log"
    done = run_exec("twitching-now", env)
    assert done.returncode == 0 and done.stdout.startswith("Started "), done.stderr
    with sqlite3.connect(f"file:{data / 'liptwitch.sqlite3'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT duration_s FROM episode").fetchall() == [(None,)]
    db.close()
    done = run_exec("log-drink", env)
    assert done.returncode == 0 and "drink dialog is open" in done.stdout, done.stderr
    done = run_exec("log-magnesium", env)
    assert done.returncode == 0 and "asks what it needs" in done.stdout, done.stderr
    text = log.read_text(errors="replace")
    for cmd in ("twitch", "log", "log"):
        assert f"verb {cmd} from another process" in text
    assert app.poll() is None  # the app runs on, its dialogs open
