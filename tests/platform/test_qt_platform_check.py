"""Issue 15: when Qt's xcb plugin cannot load, the app names the package to install
(libxcb-cursor0 is the usual one) instead of Qt's abort text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liptwitch_desktop.platform.qt_platform_check import (
    package_for,
    wants_xcb,
    xcb_plugin,
    xcb_problem,
)

ROOT = Path(__file__).resolve().parents[2]
X11 = {"DISPLAY": ":0"}


def missing(soname: str):
    def load(_path: str) -> None:
        raise OSError(f"{soname}: cannot open shared object file: No such file or directory")

    return load


def test_a_missing_libxcb_cursor_names_its_package(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    text = xcb_problem(X11, plugin, missing("libxcb-cursor.so.0"))
    assert text is not None
    assert "sudo apt install libxcb-cursor0" in text
    assert "libxcb-cursor.so.0" in text


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxcb-shape.so.0", "libxcb-shape0"),
    ],
)
def test_package_names_follow_debian(soname: str, package: str) -> None:
    assert package_for(soname) == package


@given(st.from_regex(r"lib[a-z][a-z0-9-]{0,12}\.so\.[0-9]{1,2}", fullmatch=True))
def test_every_soname_gets_one_package_word(soname: str) -> None:
    package = package_for(soname)
    assert package and " " not in package and package.startswith("lib")


def test_other_platforms_are_not_checked(tmp_path: Path) -> None:
    load = missing("libxcb-cursor.so.0")
    assert xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, tmp_path / "x.so", load) is None
    assert xcb_problem({"WAYLAND_DISPLAY": "wayland-0"}, tmp_path / "x.so", load) is None
    assert wants_xcb({"QT_QPA_PLATFORM": "xcb"}) and wants_xcb(X11)


def test_the_real_plugin_loads_here() -> None:
    if xcb_plugin() is None:
        pytest.skip("no bundled xcb plugin")
    assert xcb_problem(X11) is None


def test_the_app_says_it_and_exits_before_qt(tmp_path: Path) -> None:
    """A real start with the loader failing: the message on stderr, exit 3, no Qt abort."""
    code = (
        "import sys\n"
        "from liptwitch_desktop.platform import qt_platform_check as q\n"
        "def load(_p):\n"
        "    raise OSError('libxcb-cursor.so.0: cannot open shared object file: No such file')\n"
        "q._dlopen = load\n"
        "q.xcb_plugin = lambda: __import__('pathlib').Path(sys.executable)\n"
        "from liptwitch_desktop.__main__ import main\n"
        "sys.exit(main(['--data-dir', sys.argv[1]]))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DISPLAY": ":99",
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, done.stderr
    assert "sudo apt install libxcb-cursor0" in done.stderr
    assert "This application failed to start" not in done.stderr
