"""`liptwitch [--data-dir DIR] export --out FILE.json|FILE.zip`: everything, for scripts.

The same code as Settings → Export all: JSON (which `liptwitch import` and Settings read
back) or a zip of CSV files. Written atomically: a refusal leaves no file, not even part of
one. Exit 0 with a summary line; 2 with the reason.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.plurals import count
from .data import EXIT_OK, EXIT_REFUSED, Refused, Subcommands, data_dir_of, opened_store, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Export all your data as JSON (to import again) or a zip of CSV files."
    parser.add_argument(
        "--out", required=True, metavar="FILE.json|FILE.zip", help="where to write the export"
    )


def summary(counts: dict[str, int], out: Path) -> str:
    parts = [
        count(counts["episodes"], "episode"),
        count(counts["intakes"], "intake"),
        count(counts["checkins"], "check-in"),
        count(counts["settings"], "setting"),
    ]
    parts += [f"{n} {table}" for table, n in counts.items() if table not in (
        "episodes", "intakes", "checkins", "settings")]  # fmt: skip
    return f"Exported {', '.join(parts)} to {out}"


def run_export(args: argparse.Namespace) -> int:
    from ..core.clock import SystemClock
    from ..store.database.db import db_proxy
    from ..store.database.storage_errors import describe, is_storage_error
    from ..store.future_rows import describe as describe_future
    from ..store.future_rows import future_rows
    from ..store.transfer import export_import

    out = Path(args.out).expanduser()
    try:
        if out.suffix.lower() not in (".json", ".zip"):
            raise Refused(f"--out must name a .json or .zip file, not {out.name!r}")
        if out.is_dir():
            raise Refused(f"--out {out} is a folder; give a file name")
        if not out.parent.is_dir():
            raise Refused(f"the folder {out.parent} does not exist")
        if not os.access(out.parent, os.W_OK):
            raise Refused(f"cannot write in {out.parent}")
        write = export_import.export_csv_zip if out.suffix.lower() == ".zip" else (
            export_import.export_json)  # fmt: skip
        with opened_store(data_dir_of(args)):
            now = SystemClock().now()
            try:
                counts = write(out, now)
                ahead = future_rows(db_proxy.execute_sql, now)
            except ValueError as exc:  # a stored row the app cannot read (edited by hand)
                raise Refused(
                    f"a stored entry could not be read ({str(exc)[:200]}); nothing was "
                    "exported. `liptwitch check` lists the entries the app cannot use"
                ) from None
            except Exception as exc:
                if not (isinstance(exc, OSError) or is_storage_error(exc)):
                    raise
                raise Refused(f"could not write {out}: {describe(exc)}") from None
    except Refused as exc:
        say("export", str(exc))
        return EXIT_REFUSED
    line = summary(counts, out)
    if ahead:
        # Kept (and importable again), but the person should know: see store/future_rows.
        line += ". Dated after today, made under a computer clock that was ahead? " + "; ".join(
            describe_future(found) for found in ahead
        )
    print(line, file=sys.stdout)
    return EXIT_OK


def register(subcommands: Subcommands) -> None:
    subcommands["export"] = (add_arguments, run_export)
