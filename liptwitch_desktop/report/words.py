"""The report's words for its figures (dates, numbers, trends) and the HTML helpers and
style every page shares. `tr` is the report's one translation context.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from ..core.dates import day_text, moment_text
from ..core.entries import LOCATION_LABELS, Location
from ..core.plurals import count
from ..core.report.data import ReportData, Trend


def tr(text: str) -> str:
    """Qt's translation for the report's words (core.report and store take it as `tr`)."""
    return QCoreApplication.translate("Report", text)


# --- words for the figures ---------------------------------------------------------------------


def _day(value: date) -> str:
    return day_text(value)  # core/dates.py: the app's one shape, "1 Dec 2026"


def _moment(value: datetime) -> str:
    return moment_text(value)


def _days(n: int) -> str:
    """ "1 day", "12 days" (core/plurals.py: the report is built without Qt's %n)."""
    return count(n, tr("day"), tr("days"))


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _e(text: str) -> str:
    return html.escape(text, quote=False)


# How a sentence may already end; one without gets a full stop, so joined reasons never read
# "….; You said…" (each reason is a whole sentence of its own).
_SENTENCE_ENDS = (".", "!", "?", "…")


def _sentences(parts: Iterable[str]) -> str:
    """Whole sentences one after another, each ended once, separated by a space."""
    out = []
    for part in parts:
        text = part.strip().rstrip(";,:").rstrip()
        if text:
            out.append(text if text.endswith(_SENTENCE_ENDS) else text + ".")
    return " ".join(out)


def _short(text: str, limit: int = 160) -> str:
    """One line of a long note for page 1 (page 1 must fit; the person's words stay theirs)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _location(loc: Location) -> str:
    return tr(LOCATION_LABELS[loc])


def _trend_words(data: ReportData) -> str:
    h = data.headline
    if h.trend is Trend.NO_EARLIER_DATA:
        return tr("nothing logged in the %1 before").replace("%1", _days(h.days_in_period))
    words = {
        Trend.MORE: tr("more than the %1 before (%2 per week)"),
        Trend.FEWER: tr("fewer than the %1 before (%2 per week)"),
        Trend.SAME: tr("about the same as the %1 before (%2 per week)"),
    }[h.trend]
    return words.replace("%1", _days(h.days_in_period)).replace(
        "%2", _num(h.previous_days_per_week)
    )


def _row(label: str, value: str) -> str:
    return f'<tr><td class="k" width="34%">{_e(label)}</td><td>{value}</td></tr>'


def _section(title: str) -> str:
    return f"<h3>{_e(title)}</h3>"


STYLE = """
h1 { font-size: %(h1)spt; margin: 0; }
h3 { font-size: %(h3)spt; margin-top: %(gap)spt; margin-bottom: 2pt; }
p { margin: 0; }
td { padding: 1pt 3pt; vertical-align: top; }
td.k { color: #333333; font-weight: bold; }
.flag { background-color: #fde8e8; }
.small { font-size: %(small)spt; color: #333333; }
th { text-align: left; background-color: #eeeeee; padding: 1pt 3pt; }
"""


def _style(base: float) -> str:
    return STYLE % {
        "h1": _num(base * 1.5),
        "h3": _num(base * 1.15),
        "gap": _num(base * 0.6),
        "small": _num(base * 0.85),
    }
