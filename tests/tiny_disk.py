"""A real, tiny, full disk: a tmpfs of a few pages, for what a full disk does (ENOSPC, SQLITE_FULL).

Mounting needs root with CAP_SYS_ADMIN; elsewhere the tests that use it skip and say why.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 64 KiB file system, mounted for the test and gone after it."""
    yield from small_disk("64k")


def small_disk(size: str) -> Iterator[Path]:
    """A tmpfs of `size` ("64k", "1m"), mounted until the generator is closed."""
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command here")
    point = Path(tempfile.mkdtemp(prefix="lt-tiny-"))
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        point.rmdir()
        pytest.skip(f"cannot mount a small file system here: {done.stderr.strip()[:200]}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)
        point.rmdir()


def fill(point: Path) -> None:
    """Leave no free space at all on `point`."""
    with (point / "filler").open("wb", buffering=0) as fh:
        for size in (4096, 512, 1):
            try:
                while True:
                    fh.write(b"\0" * size)
            except OSError:
                continue
