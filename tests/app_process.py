"""The real app in a child process (offscreen), for what only a whole start shows: the
after-paint steps, the single-instance lock between two starts, signals, messages at start."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

STARTED = "started after paint"

# For a child script that runs the real entry point: `on_started(callback)` calls back once
# the app has logged that its after-paint start is over (the log line, as from outside).
ON_STARTED = r"""
import logging

def on_started(callback):
    class _Started(logging.Handler):
        def emit(self, record):
            if record.getMessage().startswith("started after paint"):
                callback()
    logging.getLogger("liptwitch.app").addHandler(_Started())
"""


def app_env(home: Path, runtime: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DBUS_"))}
    env.update(
        {
            "HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
        }
    )
    if runtime is not None:
        env["XDG_RUNTIME_DIR"] = str(runtime)
    env.update(extra)
    return env


def command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "liptwitch_desktop", "--data-dir", str(data_dir), *args]


class AppProcess:
    def __init__(self, data_dir: Path, env: dict[str, str], prefix: list[str] | None = None):
        self.data_dir = data_dir
        self.env = env
        self.prefix = prefix or []
        self.proc: subprocess.Popen[str] | None = None
        self._log_start = 0

    @property
    def log(self) -> Path:
        return self.data_dir / "log" / "liptwitch.log"

    def log_text(self) -> str:
        try:
            return self.log.read_text("utf-8", errors="replace")
        except OSError:
            return ""

    def start(self) -> AppProcess:
        self._log_start = len(self.log_text())  # only what this run logs counts
        self.proc = subprocess.Popen(
            [*self.prefix, *command(self.data_dir)],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        return self

    def wait_started(self, timeout: float = 60) -> str:
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_text()[self._log_start :]
            if STARTED in text:
                return text
            if self.proc.poll() is not None:
                out, err = self.proc.communicate()
                raise AssertionError(f"the app ended ({self.proc.returncode}): {out}\n{err}")
            time.sleep(0.05)
        raise AssertionError("the app did not finish starting:\n" + self.log_text()[-3000:])

    def wait_log(self, text: str, timeout: float = 30) -> str:
        """Until this run has logged `text`; the log since this start."""
        assert self.proc is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.new_log()
            if text in log:
                return log
            if self.proc.poll() is not None:
                out, err = self.proc.communicate()
                raise AssertionError(f"the app ended ({self.proc.returncode}): {out}\n{err}")
            time.sleep(0.05)
        raise AssertionError(f"never logged {text!r}:\n" + self.new_log()[-3000:])

    def second_start(self) -> subprocess.CompletedProcess[str]:
        """Start again on the same folder (while this one runs) and see what it says."""
        return run_once(self.data_dir, self.env, prefix=self.prefix)

    def new_log(self) -> str:
        return self.log_text()[self._log_start :]

    def __enter__(self) -> AppProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        """Never leave the app running, whatever the test found."""
        if self.proc is not None and self.proc.poll() is None:
            self.stop(timeout=10)

    def stop(self, timeout: float = 30) -> tuple[int, str, str]:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        return self.proc.returncode, out, err


def run_once(
    data_dir: Path, env: dict[str, str], *args: str, prefix: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(prefix or []), *command(data_dir, *args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def child_says(code: str, *args: str, env: dict[str, str]) -> dict[str, str]:
    """Run `code` in a fresh interpreter with `args`; its "KEY value" lines as a dict."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
