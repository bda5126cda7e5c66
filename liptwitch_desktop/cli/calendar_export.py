"""`liptwitch [--data-dir DIR] calendar --out FILE.ics`: the enabled reminders for a phone.

An RFC 5545 calendar (cli/calendar_events.py, core/calendar_ics.py) in the person's zone, to
import once into a phone's calendar: no network, no account. Exporting again later updates
the same events. Written atomically; exit 0 with a summary line, 2 with the reason.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..core.plurals import count as plural_count
from .data import EXIT_OK, EXIT_REFUSED, Refused, Subcommands, data_dir_of, opened_store, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Export the reminders that are switched on as a calendar file (.ics) to import into "
        "a phone's or a desktop's calendar."
    )
    parser.add_argument("--out", required=True, metavar="FILE.ics", help="where to write it")


def _check_out(out: Path) -> None:
    if out.suffix.lower() != ".ics":
        raise Refused(f"--out must name an .ics file, not {out.name!r}")
    if out.is_dir():
        raise Refused(f"--out {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise Refused(f"the folder {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK):
        raise Refused(f"cannot write in {out.parent}")


def run_calendar(args: argparse.Namespace) -> int:
    from ..core.clock import SystemClock
    from ..core.days import local_zone
    from ..store.database.storage_errors import describe
    from ..store.settings import get_time
    from .calendar_events import calendar_from_store, write_calendar

    out = Path(args.out).expanduser()
    try:
        _check_out(out)
        with opened_store(data_dir_of(args)):
            try:
                text, count, left_out = calendar_from_store(
                    SystemClock().now(), local_zone(), get_time("day_start")
                )
            except ValueError as exc:  # a zone with no usable name, a damaged setting
                raise Refused(f"cannot build the calendar: {str(exc)[:200]}") from None
        try:
            write_calendar(out, text)
        except OSError as exc:
            raise Refused(f"could not write {out}: {describe(exc)}") from None
    except Refused as exc:
        say("calendar", str(exc))
        return EXIT_REFUSED
    if count == 0:
        other = " other" if left_out else ""
        print(f"No{other} reminder is switched on; wrote an empty calendar to {out}")
    else:
        events = text.count("BEGIN:VEVENT")
        what = plural_count(count, "reminder")
        print(f"Exported {what} ({plural_count(events, 'calendar event')}) to {out}")
    if left_out:
        print(
            f"Left out while your experiment runs (it switches them week by week): "
            f"{', '.join(left_out)}. Export again once it has ended.",
            file=sys.stdout,
        )
    return EXIT_OK


def register(subcommands: Subcommands) -> None:
    subcommands["calendar"] = (add_arguments, run_calendar)
