"""Replacing a file safely: write a temporary file beside it, fsync, rename over.

A crash, a full disk or a refused write at any point leaves either the old file or the new
one, never half of one, and never a `.partial` behind in the person's folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """`write(partial)`, then fsync and rename it over `path`; private to this user.

    On any failure (including KeyboardInterrupt) the partial file is removed and the
    exception goes on; `path` is untouched.
    """
    partial = partial_path(path)
    old_umask = os.umask(0o077)  # health data: readable by this user only
    try:
        try:
            write(partial)
            fsync_file(partial)
            os.replace(partial, path)
        except BaseException:
            # The partial file, and what SQLite may have left beside one it was writing.
            for leftover in (
                partial,
                *(Path(f"{partial}{s}") for s in ("-journal", "-wal", "-shm")),
            ):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
    finally:
        os.umask(old_umask)
    fsync_dir(path.parent)
