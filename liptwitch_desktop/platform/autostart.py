""" "Start at login": an XDG autostart entry that starts LipTwitch hidden in the tray.

Written to $XDG_CONFIG_HOME/autostart (default ~/.config/autostart) as the freedesktop
Desktop Application Autostart spec says. Only the settings page calls this, on the
person's request; opening the database never touches the desktop (Vorta's mistake).
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

FILENAME = "liptwitch.desktop"


def autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "autostart"


def entry_path() -> Path:
    return autostart_dir() / FILENAME


def launch_command() -> list[str]:
    """How to start this installation: the frozen executable, or this Python with -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--hidden"]
    return [sys.executable, "-m", "liptwitch_desktop", "--hidden"]


def _exec_line(argv: list[str]) -> str:
    # Desktop Entry Exec quoting: double quotes around arguments with reserved characters.
    def quote(arg: str) -> str:
        if not arg or any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            return f'"{escaped}"'
        return arg

    return " ".join(quote(a).replace("%", "%%") for a in argv)


def entry_text(argv: list[str] | None = None) -> str:
    command = argv if argv is not None else launch_command()
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=LipTwitch\n"
        "Comment=Reminders for caffeine, magnesium and check-ins, from the tray\n"
        f"Exec={_exec_line(command)}\n"
        "Icon=liptwitch\n"
        "Terminal=false\n"
        "Categories=Utility;\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=10\n"
    )


def enable(argv: list[str] | None = None) -> Path:
    """Write the entry (atomically, private to the user). Returns its path."""
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(entry_text(argv), encoding="utf-8")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def disable() -> bool:
    """Remove the entry; True when there was one."""
    path = entry_path()
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def is_enabled() -> bool:
    return entry_path().is_file()


def parse_exec(text: str) -> list[str]:
    """The argv of an entry's Exec line (for tests and diagnostics)."""
    for line in text.splitlines():
        if line.startswith("Exec="):
            return shlex.split(line[len("Exec=") :].replace("%%", "%"))
    return []
