"""Cold start to the first painted main window, against a bare PySide6 QMainWindow.

Both are measured from process spawn to the end of their first painted frame (the first
event-loop turn after the first Paint event, before any other after-paint work), alternately,
in the same run, so the ratio holds whatever the machine. Target (DESIGN.md): at most 1.5x.

The package's bytecode is compiled first, as `pip install` does: a person never starts the
app from bare source files (and this machine sets PYTHONDONTWRITEBYTECODE).

    python benchmarks/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import display, median_ms

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.resize(1000, 700)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
            self.seen = True
            QTimer.singleShot(0, report)
        return False
def report():
    print("FIRST_PAINT", flush=True)
    app.quit()
f = F()
w.installEventFilter(f)
w.show()
app.exec()
"""


def first_paint_seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("FIRST_PAINT"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"no first paint from {cmd}")
    proc.wait(timeout=30)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    import compileall

    import liptwitch_desktop

    compileall.compile_dir(Path(liptwitch_desktop.__file__).parent, quiet=1)
    with display() as where, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LIPTWITCH_REPORT_FIRST_PAINT": "1"}
        app_cmd = [sys.executable, "-m", "liptwitch_desktop", "--data-dir", tmp]
        bare_cmd = [sys.executable, "-c", BARE]
        # Warm the file cache and create the database once: a returning user's start.
        first_paint_seconds(app_cmd, env)
        first_paint_seconds(bare_cmd, env)
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(first_paint_seconds(bare_cmd, env))
            app.append(first_paint_seconds(app_cmd, env))
    ratio = median_ms(app) / median_ms(bare)
    print(f"display: {where}")
    print(f"bare PySide6 QMainWindow first paint: median {median_ms(bare):.0f} ms")
    print(f"LipTwitch main window first paint:    median {median_ms(app):.0f} ms")
    print(f"ratio: {ratio:.2f}x (target <= 1.5x)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
