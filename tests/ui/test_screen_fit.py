"""Issue 15 broken 3: every top-level window and dialog opens inside the screen and lays out
there, on a 1366x768 screen at 1x and a 1280x800 screen at a scale of 2 (QT_SCALE_FACTOR=2),
and a dialog grows with the warning that appears in it. Each screen is a child process
(a screen's size and scale are fixed when Qt starts): tests/ui/screen_fit_cases.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("width", "height", "scale"), [(1366, 768, "1"), (1280, 800, "2")], ids=["1x", "2x"]
)
def test_every_window_fits(tmp_path: Path, width: int, height: int, scale: str) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(os.environ)
    env |= {"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            str(ROOT / "tests" / "ui" / "screen_fit_cases.py"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    failures = [line for line in done.stdout.splitlines() if line.startswith("E   ")]
    assert done.returncode == 0, "\n".join(failures) or done.stdout[-3000:]
