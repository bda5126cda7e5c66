"""What the headless data commands (`export`, `import`, `check`) share: where the data
folder is, opening its store for a command, and saying a problem in one line.

Exit status: 0 done, 2 refused (with the reason on stderr, and nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_REFUSED = 2

Subcommands = dict[
    str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
]


class Refused(Exception):
    """A reason the command did nothing, for the person who ran it."""


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data folder the command works on. With --demo, the demo's folder, its data built
    first if the app never opened it, as the app does (store/demo_fill.py)."""
    from ..platform.datadir import resolve_data_dir

    demo = bool(getattr(args, "demo", False))
    folder = resolve_data_dir(getattr(args, "data_dir", None), demo)
    if demo:
        _make_demo(folder)
    return folder


def _make_demo(folder: Path) -> None:
    from ..store.database.connection import DB_FILENAME

    if (folder / DB_FILENAME).exists():
        return
    from ..core.clock import SystemClock
    from ..core.days import local_zone
    from ..store.demo_fill import fill_demo_if_empty
    from ..store.settings import get_time

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with opened_store(folder, create=True):
            fill_demo_if_empty(SystemClock().now(), local_zone(), get_time("day_start"))
    except (OSError, Refused):
        return  # the command itself then says what is wrong with the folder


def say(command: str, message: str) -> None:
    print(f"liptwitch {command}: {message}", file=sys.stderr)


@contextmanager
def opened_store(data_dir: Path, create: bool = False) -> Iterator[Path]:
    """The data folder's store, open (migrated, a backup taken first), closed after."""
    from ..store.database.connection import DB_FILENAME, DatabaseDamaged
    from ..store.database.db import close_database, open_database
    from ..store.database.storage_errors import describe
    from ..store.migrations import NewerSchema

    db_path = data_dir / DB_FILENAME
    if data_dir.exists() and not data_dir.is_dir():
        raise Refused(f"{data_dir} is not a folder; give --data-dir a folder")
    if not create and not db_path.exists():
        raise Refused(f"no LipTwitch data in {data_dir}")

    def before_upgrade(version: int) -> None:
        from ..store.backup import backup_before_upgrade
        from ..store.migrations import latest_version

        backup_before_upgrade(db_path, data_dir / "backups", date.today(), latest_version())

    try:
        open_database(db_path, before_upgrade=before_upgrade)
    except DatabaseDamaged as exc:
        raise Refused(f"the data file cannot be read ({exc.detail})") from None
    except NewerSchema as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(f"cannot open {db_path}: {describe(exc)}") from None
    try:
        yield db_path
    finally:
        close_database()
