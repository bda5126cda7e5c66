"""Benchmark: the doctor report for one year of demo data, gathered and written as a PDF.

Budget: under 2 s (the figure a person waits after pressing Save). Run:

    python benchmarks/bench_report.py [--days 365] [--runs 3]

Prints the best and median of the runs; exits 1 when the best run is over budget.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BUDGET_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication, QPageSize

    from liptwitch_desktop.core.demo_data import generate
    from liptwitch_desktop.report.pdf import write_report_pdf
    from liptwitch_desktop.store.bulk import insert_demo
    from liptwitch_desktop.store.database.db import close_database, open_database
    from liptwitch_desktop.store.report_query import build_report_for
    from liptwitch_desktop.store.settings import get_time

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    zone = ZoneInfo("Europe/London")
    today = date(2026, 3, 10)
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "liptwitch.sqlite3")
        insert_demo(generate(today, args.days, zone))
        first = today - timedelta(days=args.days - 1)
        times = []
        pages = 0
        for run in range(args.runs):
            out = Path(folder) / f"report-{run}.pdf"
            start = time.perf_counter()
            data = build_report_for(first, today, zone, get_time("day_start"), today)
            pages = write_report_pdf(data, out, QPageSize(QPageSize.PageSizeId.A4))
            times.append(time.perf_counter() - start)
        close_database()
    best, median = min(times), statistics.median(times)
    print(
        f"report for {args.days} days of demo data ({len(data.episodes)} episodes, {pages} pages): "
        f"best {best:.2f} s, median {median:.2f} s over {args.runs} runs (budget {BUDGET_S:.1f} s)"
    )
    return 0 if best < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
