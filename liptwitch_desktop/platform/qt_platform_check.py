"""Before Qt starts: can its X11 (xcb) platform plugin load? If not, say which package to
install, instead of Qt's abort text ("Could not load the Qt platform plugin "xcb" ... This
application failed to start ...") and a core dump.

The usual cause on a fresh Debian or Ubuntu is a missing `libxcb-cursor0` (Qt 6.5+ needs
it). Loading the plugin the way Qt will (dlopen) names the first shared library that is
missing; the Debian package is named after it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# Sonames whose Debian/Ubuntu package name does not follow the usual rule.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
_MISSING = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*): cannot open shared object file")


def package_for(soname: str) -> str:
    """libxcb-icccm.so.4 -> libxcb-icccm4; libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    if soname in PACKAGES:
        return PACKAGES[soname]
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    joiner = "-" if name[-1:].isdigit() and version else ""
    return (name + joiner + version).lower().replace("_", "-")


def wants_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt will try the xcb plugin (asked for, or the default without Wayland)."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:  # pragma: no cover - the app needs it anyway
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def _dlopen(path: str) -> None:
    # ctypes' own C module, without the ctypes package on top of it (~1 ms and ~0.5 MiB
    # that every start would pay for one call).
    import _ctypes

    _ctypes.dlopen(path, os.RTLD_LAZY)


def xcb_problem(
    env: Mapping[str, str] | None = None,
    plugin: Path | None = None,
    load: Callable[[str], object] | None = None,
) -> str | None:
    """None when the xcb plugin loads (or is not the one Qt will use); else what to do."""
    env = os.environ if env is None else env
    if not sys.platform.startswith("linux") or not wants_xcb(env):
        return None
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None
    try:
        (load or _dlopen)(str(plugin))
    except OSError as exc:
        found = _MISSING.search(str(exc))
        if found is None:
            return (
                f"LipTwitch cannot open its window: Qt's X11 platform plugin does not load ({exc})."
            )
        soname = found.group(1)
        package = package_for(soname)
        return (
            f"LipTwitch cannot open its window: Qt needs {soname}, which is not installed.\n"
            f"Install it, then start LipTwitch again:\n\n    sudo apt install {package}\n"
        )
    return None
