"""The README's shortcut recipes (issue 16) run as written: the GNOME one against a stand-in
`gsettings` that keeps what is set (this machine has no GNOME settings daemon schema), the
KDE one into a home of its own with a stand-in `kwriteconfig6`; the launcher it writes
validates and runs `liptwitch twitch`."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
KEY = "/org/gnome/settings-daemon/plugins/media-keys/custom-keybindings/liptwitch-twitch/"


def recipes() -> list[str]:
    section = README.read_text("utf-8").split("## Log from anywhere", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def stand_in(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize("existing", ["@as []", "['/org/other/']", f"['{KEY}']"])
def test_the_gnome_recipe_adds_one_custom_shortcut(tmp_path: Path, existing: str) -> None:
    gnome = next(r for r in recipes() if "gsettings" in r)
    calls = tmp_path / "calls"
    stand_in(
        tmp_path,
        "gsettings",
        f'if [ "$1" = get ]; then echo "{existing}"; else printf "%s|" "$@" >> {calls}; '
        f"echo >> {calls}; fi\n",
    )
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    subprocess.run(["sh", "-e", "-c", gnome], env=env, check=True)
    sets = [line.rstrip("|").split("|") for line in calls.read_text().splitlines()]
    listed = sets[0]
    assert listed[:3] == [
        "set",
        "org.gnome.settings-daemon.plugins.media-keys",
        "custom-keybindings",
    ]
    assert listed[3].count(KEY) == 1 and ("/org/other/" in listed[3]) == ("other" in existing)
    schema = f"org.gnome.settings-daemon.plugins.media-keys.custom-keybinding:{KEY}"
    assert sets[1:] == [
        ["set", schema, "name", "LipTwitch: twitching now"],
        ["set", schema, "command", "liptwitch twitch --notify"],
        ["set", schema, "binding", "<Super><Shift>t"],
    ]


def test_the_kde_recipe_writes_a_valid_hidden_launcher_with_the_shortcut(tmp_path: Path) -> None:
    kde = next(r for r in recipes() if "kwriteconfig6" in r)
    home = tmp_path / "home"
    home.mkdir()
    calls = tmp_path / "calls"
    stand_in(tmp_path, "kwriteconfig6", f'printf "%s|" "$@" > {calls}\n')
    env = {**os.environ, "HOME": str(home), "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    subprocess.run(["sh", "-e", "-c", kde], env=env, check=True)
    launcher = home / ".local" / "share" / "applications" / "liptwitch-twitch.desktop"
    lines = launcher.read_text("utf-8").splitlines()
    assert "Exec=liptwitch twitch --notify" in lines and "X-KDE-Shortcuts=Meta+Shift+T" in lines
    assert calls.read_text().rstrip("|").split("|") == [
        "--file",
        "kglobalshortcutsrc",
        "--group",
        "services",
        "--group",
        "liptwitch-twitch.desktop",
        "--key",
        "_launch",
        "Meta+Shift+T",
    ]
    tool = shutil.which("desktop-file-validate")
    if tool is not None:
        done = subprocess.run([tool, str(launcher)], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout
