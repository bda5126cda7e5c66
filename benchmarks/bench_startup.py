"""Cold start to the first painted main window, against a bare PySide6 QMainWindow.

Both are measured from process spawn to the end of their first painted frame (the first
event-loop turn after the first Paint event, before any other after-paint work), alternately,
in the same run, so the ratio holds whatever the machine. Target (DESIGN.md): at most 1.5x,
on the median wall-clock times.

Wall-clock time on a shared virtual machine swings by a third from run to run, so the CPU
time each process has used by its first frame is reported beside it: it leaves out waiting
for the CPU and for the X server, and moves much less.

The package's bytecode is compiled first, as `pip install` does: a person never starts the
app from bare source files (and this machine sets PYTHONDONTWRITEBYTECODE).

    python benchmarks/bench_startup.py [--runs 21] [--against DIR]

`--against DIR` also starts the package in DIR, another checkout (`git worktree add
../round-1 <commit>`), in each round beside the two above, and prints its ratio the same
way: "no worse than before" measured on one machine at one time, not against a figure
from another day (this machine's speed drifts by a factor of two within an hour).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import display

BARE = """
import sys, time
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
    print(f"FIRST_PAINT {time.process_time():.4f}", flush=True)
    app.quit()
f = F()
w.installEventFilter(f)
w.show()
app.exec()
"""


def first_paint(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall-clock seconds from spawn, CPU seconds the process had used) at its first frame."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("FIRST_PAINT"):
            elapsed = time.perf_counter() - start
            cpu = float(line.split()[1])
            break
    else:
        raise RuntimeError(f"no first paint from {cmd}")
    proc.stdout.close()
    proc.wait(timeout=30)
    return elapsed, cpu


def app_command(tree: Path | None, data_dir: str) -> list[str]:
    """`python -m liptwitch_desktop` from this checkout, or from `tree` (its own folder first
    on the path, as when started from there)."""
    if tree is None:
        return [sys.executable, "-m", "liptwitch_desktop", "--data-dir", data_dir]
    start = (
        f"import os, runpy, sys; os.chdir({str(tree)!r}); sys.path.insert(0, {str(tree)!r}); "
        f"sys.argv = ['liptwitch', '--data-dir', {data_dir!r}]; "
        "runpy.run_module('liptwitch_desktop', run_name='__main__')"
    )
    return [sys.executable, "-c", start]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--against", type=Path, help="another checkout, measured alongside")
    args = parser.parse_args()
    import compileall

    import liptwitch_desktop

    compileall.compile_dir(Path(liptwitch_desktop.__file__).parent, quiet=1)
    if args.against is not None:
        compileall.compile_dir(args.against / "liptwitch_desktop", quiet=1)
    with display() as where, tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LIPTWITCH_REPORT_FIRST_PAINT": "1"}
        # The other checkout's package, not this one's (an editable install's path entry).
        other_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
        # Beside another checkout, this one is started the same way (`-c`, not `-m`), so the
        # two ratios differ only by the code.
        here = Path(__file__).resolve().parents[1] if args.against is not None else None
        app_cmd = app_command(here, os.path.join(tmp, "this"))
        bare_cmd = [sys.executable, "-c", BARE]
        other_cmd = app_command(args.against, os.path.join(tmp, "other")) if args.against else None
        # Warm the file cache and create the database once: a returning user's start.
        first_paint(app_cmd, env)
        first_paint(bare_cmd, env)
        if other_cmd is not None:
            first_paint(other_cmd, other_env)
        bare, app, other = [], [], []
        for round_ in range(args.runs):
            bare.append(first_paint(bare_cmd, env))
            if other_cmd is not None and round_ % 2:  # which goes second alternates too
                other.append(first_paint(other_cmd, other_env))
            app.append(first_paint(app_cmd, env))
            if other_cmd is not None and not round_ % 2:
                other.append(first_paint(other_cmd, other_env))

    def median_ms(samples: list[tuple[float, float]], index: int) -> float:
        return statistics.median(s[index] for s in samples) * 1000

    def paired(samples: list[tuple[float, float]], index: int) -> float:
        # Each app run against the bare run of its round: the machine's speed drifts across
        # a run (here by up to a factor of two within an hour), and a round shares a moment.
        return statistics.median(a[index] / b[index] for a, b in zip(samples, bare, strict=True))

    wall = median_ms(app, 0) / median_ms(bare, 0)
    cpu = median_ms(app, 1) / median_ms(bare, 1)
    print(f"display: {where}; {args.runs} alternating runs each")
    print(
        f"bare PySide6 QMainWindow first frame: median {median_ms(bare, 0):.0f} ms "
        f"(CPU {median_ms(bare, 1):.0f} ms)"
    )
    print(
        f"LipTwitch main window first frame:    median {median_ms(app, 0):.0f} ms "
        f"(CPU {median_ms(app, 1):.0f} ms)"
    )
    print(f"ratio: {wall:.2f}x wall-clock (target <= 1.5x), {cpu:.2f}x CPU time")
    print(f"median ratio of the {len(app)} pairs: {paired(app, 0):.2f}x wall-clock")
    if other:
        print(
            f"{args.against}: median ratio of the {len(other)} pairs {paired(other, 0):.2f}x "
            f"wall-clock, {paired(other, 1):.2f}x CPU (this checkout: {paired(app, 0):.2f}x, "
            f"{paired(app, 1):.2f}x CPU)"
        )
    return 0 if wall <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
