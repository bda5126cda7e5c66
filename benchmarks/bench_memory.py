"""Memory idle in the tray, against a bare PySide6 tray icon, in the same session.

Both run under Xvfb with a real tray host (trayer) and a session bus, as the app would on a
desktop: the bare program shows one QSystemTrayIcon; LipTwitch starts `--hidden` on a demo
database, with its scheduler, notifier and tray running. Resident memory (VmRSS) is read from
/proc after both have settled. Target (DESIGN.md): at most 1.6x.

    python benchmarks/bench_memory.py [--settle 6]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_TRAY = """
import sys
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(sys.argv)
app.setQuitOnLastWindowClosed(False)
icon = QSystemTrayIcon(QIcon(sys.argv[1]))
icon.show()
print("TRAY", QSystemTrayIcon.isSystemTrayAvailable(), flush=True)
app.exec()
"""


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match, status
    return int(match.group(1)) / 1024


def wait_for(predicate, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up")


def start_desktop(tmp: Path, env: dict[str, str], procs: list[subprocess.Popen[bytes]]) -> None:
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    procs.append(xvfb)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        env["DISPLAY"] = ":" + pipe.readline().strip()
    out = subprocess.run(
        ["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True, check=True
    ).stdout
    address = re.search(r"DBUS_SESSION_BUS_ADDRESS='([^']+)'", out)
    pid = re.search(r"DBUS_SESSION_BUS_PID=(\d+)", out)
    assert address and pid, out
    env["DBUS_SESSION_BUS_ADDRESS"] = address.group(1)
    env["_BENCH_DBUS_PID"] = pid.group(1)
    procs.append(
        subprocess.Popen(
            ["trayer", "--edge", "top", "--align", "right", "--SetDockType", "true"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )

    def panel() -> bool:
        tree = subprocess.run(
            ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True
        ).stdout
        return '"panel"' in tree

    wait_for(panel, 15, "trayer")


def measure(cmd: list[str], env: dict[str, str], settle: float) -> float:
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        assert proc.poll() is None, f"{cmd} exited early"
        return rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--settle", type=float, default=6.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        runtime = tmp / "runtime"
        runtime.mkdir(mode=0o700)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "xcb",
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(tmp / "config"),
        }
        try:
            start_desktop(tmp, env, procs)
            from liptwitch_desktop.core.resources import icon_path

            bare_cmd = [sys.executable, "-c", BARE_TRAY, str(icon_path("liptwitch.svg"))]
            app_cmd = [
                sys.executable,
                "-m",
                "liptwitch_desktop",
                "--data-dir",
                str(tmp),
                "--demo",
                "--hidden",
            ]
            measure(app_cmd, env, args.settle)  # creates and fills the demo database once
            bare = [measure(bare_cmd, env, args.settle) for _ in range(args.runs)]
            app = [measure(app_cmd, env, args.settle) for _ in range(args.runs)]
        finally:
            for proc in reversed(procs):
                proc.terminate()
                proc.wait(timeout=10)
            if "_BENCH_DBUS_PID" in env:
                os.kill(int(env["_BENCH_DBUS_PID"]), 15)
    bare_mib, app_mib = min(bare), min(app)
    ratio = app_mib / bare_mib
    print(f"bare PySide6 tray icon, idle: {bare_mib:.0f} MiB RSS")
    print(f"LipTwitch in the tray, idle (scheduler, notifier, tray running): {app_mib:.0f} MiB")
    print(f"ratio: {ratio:.2f}x (target <= 1.6x)")
    return 0 if ratio <= 1.6 else 1


if __name__ == "__main__":
    sys.exit(main())
