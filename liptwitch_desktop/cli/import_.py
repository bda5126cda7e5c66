"""`liptwitch [--data-dir DIR] import FILE.json`: an export back in, for scripts.

The same code as Settings → Import: every item checked against its table's declaration,
then everything written in one transaction, or nothing. Exit 0 with a summary line; 2 with
"Nothing was imported: ..." and each refused item on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.plurals import count
from .data import EXIT_OK, EXIT_REFUSED, Refused, Subcommands, data_dir_of, opened_store, say

SHOWN_REJECTIONS = 20
MAGNESIUM_HELD = (
    "The magnesium reminder stays off until you have read its safety notice: LipTwitch "
    "shows it when it next starts."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Import a LipTwitch JSON export (all of it, or nothing)."
    parser.add_argument("file", metavar="FILE.json", help="an export made by LipTwitch")


def run_import(args: argparse.Namespace) -> int:
    from ..core.clock import SystemClock
    from ..store.database.storage_errors import describe, is_storage_error
    from ..store.transfer import export_import

    path = Path(args.file).expanduser()
    now = SystemClock().now()
    try:
        try:
            # Read and checked before the store is touched: a refused file leaves a new
            # data folder as it was (not even an empty data file is made).
            data = export_import.read_export_file(path)
            checked = export_import.check_import(data, now)
            if checked.rejections:
                raise export_import.ImportRejected(
                    export_import.rejected_message(len(checked.rejections)), checked.rejections
                )
            with opened_store(data_dir_of(args), create=True):
                try:
                    report = export_import.import_data(data, now)
                except Exception as exc:
                    if isinstance(exc, export_import.ImportRejected) or not (
                        isinstance(exc, OSError) or is_storage_error(exc)
                    ):
                        raise
                    raise Refused(f"Nothing was imported: {describe(exc)}.") from None
        except export_import.ImportRejected as exc:
            lines = [str(exc)] + [f"  {r}" for r in exc.rejections[:SHOWN_REJECTIONS]]
            if len(exc.rejections) > SHOWN_REJECTIONS:
                lines.append(f"  ...and {len(exc.rejections) - SHOWN_REJECTIONS} more")
            raise Refused("\n".join(lines)) from None
    except Refused as exc:
        say("import", str(exc))
        return EXIT_REFUSED
    added = ", ".join(f"{name} {n}" for name, n in report.added.items() if n)
    line = f"Imported {path.name}: {count(report.total_added, 'entry', 'entries')} added"
    if added:
        line += f" ({added})"
    line += f", {report.skipped_duplicates} already there and skipped"
    line += f", {count(report.settings_changed, 'setting')} changed."
    if report.future:
        future = sum(report.future.values())
        items = count(future, "item") + (" is" if future == 1 else " are")
        line += (
            f" {items} dated after today (the latest {report.latest_future}): made under a "
            "computer clock that was ahead? Check them in the Log."
        )
    if report.rederived:
        their = "its" if report.rederived == 1 else "their"
        said = f"{count(report.rederived, 'triage result')} said less than {their} answers give"
        line += f" {said}: the result for those answers was kept instead."
    if report.magnesium_held:
        line += "\n" + MAGNESIUM_HELD
    print(line, file=sys.stdout)
    return EXIT_OK


def register(subcommands: Subcommands) -> None:
    subcommands["import"] = (add_arguments, run_import)
