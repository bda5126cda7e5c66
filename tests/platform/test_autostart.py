"""The XDG autostart entry: where it goes, what it runs, and that it goes away."""

from __future__ import annotations

from pathlib import Path

import pytest

from liptwitch_desktop.platform import autostart


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    return tmp_path / "cfg"


def test_xdg_config_home_is_honoured(config: Path) -> None:
    assert autostart.entry_path() == config / "autostart" / "liptwitch.desktop"


def test_relative_or_empty_xdg_config_home_falls_back_to_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for value in ("", "relative/path"):
        monkeypatch.setenv("XDG_CONFIG_HOME", value)
        assert autostart.autostart_dir() == tmp_path / ".config" / "autostart"


def test_enable_writes_a_valid_entry_starting_hidden(config: Path) -> None:
    path = autostart.enable(["/opt/Lip Twitch/python3", "-m", "liptwitch_desktop", "--hidden"])
    text = path.read_text()
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application\n" in text and "Name=LipTwitch\n" in text
    assert autostart.parse_exec(text) == [
        "/opt/Lip Twitch/python3",
        "-m",
        "liptwitch_desktop",
        "--hidden",
    ]
    assert path.stat().st_mode & 0o777 == 0o600
    assert autostart.is_enabled()
    assert not list(path.parent.glob("*.tmp"))


def test_default_command_is_this_python(config: Path) -> None:
    import sys

    argv = autostart.parse_exec(autostart.enable().read_text())
    assert argv == [sys.executable, "-m", "liptwitch_desktop", "--hidden"]


def test_disable_removes_and_is_idempotent(config: Path) -> None:
    autostart.enable()
    assert autostart.disable() is True
    assert not autostart.is_enabled()
    assert autostart.disable() is False


def test_percent_signs_are_escaped(config: Path) -> None:
    text = autostart.entry_text(["/bin/app%1", "--hidden"])
    assert "Exec=/bin/app%%1 --hidden" in text
    assert autostart.parse_exec(text) == ["/bin/app%1", "--hidden"]
