"""`liptwitch twitch` from another process: the round trip to the running app (the command
starts, hands the verb over the single-instance socket, the app logs it through its log
controller and answers), paired with `liptwitch --version` in the same run; then the same
verb with no app running, when the command opens the store and writes it itself.

Targets (issue 16): the round trip at most 3x `--version` (the verb imports neither Qt nor
the ORM on that path), and under 300 ms with no app running. Reported as medians and a
ratio, never asserted in a timed test.

    python benchmarks/bench_verbs.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import display, median_ms

REPO = Path(__file__).resolve().parents[1]


def command(data: Path, *argv: str) -> list[str]:
    return [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data), *argv]


def run_timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{argv[3:]} failed: {done.stderr.strip()}")
    return elapsed


def interleaved(
    first: list[str], second: list[str], env: dict[str, str], repeat: int
) -> tuple[list[float], list[float]]:
    """Each pair run back to back, so a busy moment on a shared machine hits both."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        a.append(run_timed(first, env))
        b.append(run_timed(second, env))
    return a, b


def seed(data: Path) -> None:
    from liptwitch_desktop.store.database.db import close_database, open_database
    from liptwitch_desktop.store.settings import set_setting

    open_database(data / "liptwitch.sqlite3")
    try:
        set_setting("first_run_done", True)
    finally:
        close_database()


def start_app(data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    app = subprocess.Popen(
        command(data), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    log = data / "log" / "liptwitch.log"
    deadline = time.monotonic() + 60
    while not (log.exists() and "started after paint" in log.read_text(errors="replace")):
        if app.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.1)
    return app


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10, help="pairs (even: ends stopped)")
    repeat = parser.parse_args().repeat
    env = {**os.environ, "PYTHONPATH": str(REPO), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nil"}
    with tempfile.TemporaryDirectory() as tmp, display() as screen:
        env.update({k: os.environ[k] for k in ("DISPLAY", "QT_QPA_PLATFORM") if k in os.environ})
        runtime = Path(tmp) / "runtime"
        runtime.mkdir(mode=0o700)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        data = Path(tmp) / "data"
        seed(data)
        version = command(data, "--version")
        twitch = command(data, "twitch")
        run_timed(version, env)  # warm the file cache for both
        app = start_app(data, env)
        try:
            run_timed(twitch, env)
            run_timed(twitch, env)
            baseline, to_app = interleaved(version, twitch, env, repeat)
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
        alone_base, alone = interleaved(version, twitch, env, repeat)
    v, t = median_ms(baseline), median_ms(to_app)
    v2, h = median_ms(alone_base), median_ms(alone)
    print(f"display: {screen}; {repeat} runs each, medians")
    print(f"liptwitch --version                 {v:7.1f} ms")
    print(
        f"liptwitch twitch, app running       {t:7.1f} ms   {t / v:.2f}x --version (target <= 3x)"
    )
    print(f"liptwitch --version (second series) {v2:7.1f} ms")
    print(f"liptwitch twitch, no app running    {h:7.1f} ms   (target < 300 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
