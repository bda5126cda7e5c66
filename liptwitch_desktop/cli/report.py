"""`liptwitch report`: the doctor report as a PDF, from the command line (scripts, tests).

    liptwitch [--data-dir DIR] report [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                      [--include-notes] --out FILE.pdf

Exit status 0 when written; 2 with a one-line reason on stderr for bad dates, a period with
no entries, a missing data folder or an unwritable path, and then no file (not even a part
of one) is left behind.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..core.clock import SystemClock
from ..core.days import local_day, local_zone
from ..core.plurals import count

EXIT_BAD_INPUT = 2

Subcommands = dict[
    str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
]


class ReportError(Exception):
    """A problem the person can fix; the message says how."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Write the report for your doctor as a PDF (default: the last 4 weeks)."
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default today)")
    parser.add_argument(
        "--include-notes",
        action="store_true",
        help="include your own notes (left out by default, for privacy)",
    )
    parser.add_argument("--name", default="", help="your name, printed on the report only")
    parser.add_argument(
        "--birth-date", default="", metavar="YYYY-MM-DD", help="printed on the report only"
    )
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")


def _parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"{what} must be a date like 2026-03-01, not {text!r}") from None


def period(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    from ..store.report_query import default_period

    end = _parse_day(last, "--to") if last else today
    start = _parse_day(first, "--from") if first else default_period(end)[0]
    if start > end:
        raise ReportError(f"--from ({start}) is after --to ({end})")
    if end > today:
        raise ReportError(f"--to ({end}) is in the future")
    return start, end


def ensure_gui_application() -> object:
    """QPdfWriter and fonts need a QGuiApplication; without a display use the offscreen one."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    from ..platform.translations import install_translations

    install_translations(app)  # the report's "%n day(s)" reads as in the app
    return app


def run_report(args: argparse.Namespace, today: date | None = None) -> int:
    try:
        pages, out = _write(args, today)
    except ReportError as exc:
        print(f"liptwitch report: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"Wrote {out} ({count(pages, 'page')})")
    return 0


def _write(args: argparse.Namespace, today: date | None) -> tuple[int, Path]:
    from ..core.report.data import EmptyPeriod
    from ..platform.datadir import resolve_data_dir
    from ..store.database.connection import DB_FILENAME, DatabaseDamaged
    from ..store.database.db import close_database, open_database

    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".pdf":
        raise ReportError(f"--out must name a .pdf file, not {out.name!r}")
    if out.is_dir():
        raise ReportError(f"--out {out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise ReportError(f"the folder {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK):
        raise ReportError(f"cannot write in {out.parent}")
    if args.birth_date:
        _parse_day(args.birth_date, "--birth-date")

    data_dir = resolve_data_dir(getattr(args, "data_dir", None), getattr(args, "demo", False))
    db_path = data_dir / DB_FILENAME
    if not db_path.exists():
        raise ReportError(f"no LipTwitch data in {data_dir}")
    zone = local_zone()
    ensure_gui_application()
    try:
        open_database(db_path, before_upgrade=_backup_first(db_path, data_dir))
    except DatabaseDamaged as exc:
        raise ReportError(f"the data file cannot be read ({exc.detail})") from None
    try:
        from ..report.pdf import ReportWriteError, write_report_pdf
        from ..report.words import tr
        from ..store.report_query import build_report_for
        from ..store.settings import get_time

        day_start = get_time("day_start")
        if today is None:
            today = local_day(SystemClock().now(), zone, day_start)
        first, last = period(args.first, args.last, today)
        try:
            data = build_report_for(
                first,
                last,
                zone,
                day_start,
                today,
                include_notes=args.include_notes,
                person_name=args.name,
                birth_date=args.birth_date,
                tr=tr,
            )
        except EmptyPeriod:
            raise ReportError(f"nothing was logged from {first} to {last}") from None
        try:
            pages = write_report_pdf(data, out)
        except (ReportWriteError, OSError) as exc:
            raise ReportError(f"could not write {out}: {exc.strerror or exc}") from None
    finally:
        close_database()
    return pages, out


def _backup_first(db_path: Path, data_dir: Path) -> Callable[[int], None]:
    def backup(version: int) -> None:
        from ..store.backup import backup_before_upgrade
        from ..store.migrations import latest_version

        backup_before_upgrade(db_path, data_dir / "backups", date.today(), latest_version())

    return backup


def register(subcommands: Subcommands) -> None:
    subcommands["report"] = (add_arguments, run_report)
