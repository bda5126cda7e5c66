"""Files of this user's own, opened so that no one else can plant, squat or redirect them:
the single-instance lock, its folder and its socket (see single_instance.py).

Everything is opened with O_NOFOLLOW and checked after opening: the folder must be a real
folder of this user's that no one else can write, the lock a plain file of this user's
(its mode set to 0600), the socket a socket of this user's in such a folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from pathlib import Path


class Foreign(OSError):
    """A folder, lock or socket that is not this user's own, or open to others."""


def check_private_dir(path: Path) -> None:
    """Raise Foreign unless `path` is a real folder of this user's, writable by no one else."""
    info = os.lstat(path)
    if not stat.S_ISDIR(info.st_mode):
        raise Foreign(f"{path} is not a folder")
    if info.st_uid != os.getuid():
        raise Foreign(f"{path} belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o022:
        raise Foreign(f"{path} can be written by others (mode {info.st_mode & 0o777:o})")


def open_own_file(path: Path, flags: int) -> int:
    """Open without following a link; Foreign unless it is this user's plain, private file.

    A second hard link to it is allowed: the lock lives in a private folder of this user's
    (checked before), where no one else can make one; the user's own copy of the data folder
    made with `cp -al` or a snapshot tool does (see SingleInstance.claim, which splits it).
    """
    fd = os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a plain file"
            raise Foreign(f"{path} is {kind}")
        if info.st_uid != os.getuid():
            raise Foreign(f"{path} belongs to another user (uid {info.st_uid})")
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd


def same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd` (no one replaced it meanwhile)."""
    try:
        named, held = os.lstat(path), os.fstat(fd)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def split_link(fd: int, path: Path) -> int:
    """`fd` (locked) is shared with another folder through a hard link: put a fresh lock
    file of our own under `path`, locked before it takes the name, and return it. While we
    hold the old one, a start on this folder waits; once the name is ours alone, it finds
    the new one locked."""
    fresh = path.with_name(f".{path.name}.{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        fresh.unlink()
    new_fd = os.open(
        fresh, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
    )
    try:
        fcntl.flock(new_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.replace(fresh, path)
    except BaseException:
        os.close(new_fd)
        with contextlib.suppress(OSError):
            fresh.unlink()
        raise
    # The old lock goes first: until it does, a start on the copy finds its (no longer
    # shared) file locked and leaves. Logged after, with logging imported only here (a
    # verb's start, through instance_client, has no use for it otherwise).
    os.close(fd)
    import logging

    logging.getLogger("liptwitch.single_instance").info(
        "%s was shared with a copy of the data folder (a hard link); now its own", path
    )
    return new_fd


def check_own_socket(path: Path) -> None:
    info = os.lstat(path)
    if not stat.S_ISSOCK(info.st_mode):
        raise Foreign(f"{path} is not a socket")
    if info.st_uid != os.getuid():
        raise Foreign(f"{path} belongs to another user (uid {info.st_uid})")
    check_private_dir(path.parent)
