"""Shared by the benchmarks: a virtual X server when there is no screen, and medians."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def display() -> Iterator[str]:
    """Use $DISPLAY if set, else start Xvfb; fall back to offscreen when neither exists."""
    if os.environ.get("DISPLAY"):
        yield "x11 (" + os.environ["DISPLAY"] + ")"
        return
    if not shutil.which("Xvfb"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        yield "offscreen"
        return
    number = 90 + os.getpid() % 50
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            if time.monotonic() > deadline:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        os.environ["DISPLAY"] = f":{number}"
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        yield f"Xvfb :{number}"
    finally:
        proc.terminate()
        proc.wait()


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out
