"""`docs/screenshots.py` makes every README screenshot from demo data (the 2x one at 2x)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_the_script_makes_every_screenshot(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "docs"))
    try:
        import screenshots  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, str(ROOT / "docs" / "screenshots.py"), "--out", str(tmp_path)],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = sorted(p.stem for p in tmp_path.glob("*.png"))
    assert made == sorted(screenshots.NAMES)
    one, two = QImage(str(tmp_path / "today.png")), QImage(str(tmp_path / "today-2x.png"))
    assert not one.isNull() and two.width() == 2000  # 1000 logical pixels at 2x
    # Every screenshot the README shows is one the script makes.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in screenshots.NAMES:
        if name.startswith("first-run-age") or name == "settings":
            continue
        assert f"docs/screenshots/{name}.png" in readme, name
