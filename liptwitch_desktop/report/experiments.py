"""The report's Experiments section (issue 17): for each experiment the person ran, what was
tested and when, how well it was kept, the answer, and its picture: one bar per period,
change and as usual side by side, with the averages and the interval in words."""

from __future__ import annotations

from ..core.report.data import ReportData
from ..core.report.experiments import ExperimentEntry
from .words import _e, _num, _section, tr

BAR_COLUMNS = 40  # the widest bar, in table cells of the bar column
CHANGE_HEX = "#2e7d32"
USUAL_HEX = "#78909c"


def experiments_html(data: ReportData) -> str:
    if not data.experiments:
        return ""
    out = [_section(tr("Experiments (planned self-tests)"))]
    out.append(
        "<p>"
        + _e(
            tr(
                "Each experiment alternated periods with one change and periods as usual, in "
                "an order drawn at random in pairs; the answer compares the two kinds of "
                "period, with days counted as planned whether the change was kept or not."
            )
        )
        + "</p>"
    )
    for entry in data.experiments:
        out.append(_entry_html(entry))
    return "".join(out)


def _entry_html(entry: ExperimentEntry) -> str:
    parts = [
        f"<p><b>{_e(entry.title)}</b> — {_e(entry.when)}<br>{_e(entry.status)}<br>"
        f"{_e(entry.adherence)}</p>",
        f"<p><b>{_e(entry.answer)}</b></p>",
    ]
    top = max([b.rate or 0.0 for b in entry.bars] + [0.1])
    rows = []
    for bar in entry.bars:
        kind = tr("change") if bar.change else tr("as usual")
        width = round(BAR_COLUMNS * (bar.rate or 0.0) / top)
        colour = CHANGE_HEX if bar.change else USUAL_HEX
        # A bar of solid cells: QTextDocument paints table cell backgrounds into the PDF.
        cells = (
            f'<td bgcolor="{colour}" width="{width * 2}%">&nbsp;</td>' if width else ""
        ) + f'<td width="{(BAR_COLUMNS - width) * 2}%"></td>'
        rate = _num(bar.rate, 2) if bar.rate is not None else tr("nothing logged")
        rows.append(
            f"<tr><td width='14%'>{_e(bar.label)}</td><td width='12%'>{_e(kind)}</td>"
            f"<td width='14%'>{_e(rate)}</td><td width='60%'><table width='100%' "
            f"cellspacing='0' cellpadding='0'><tr>{cells}</tr></table></td></tr>"
        )
    if rows:
        head = (
            f"<tr><th>{_e(tr('Period'))}</th><th>{_e(tr('Kind'))}</th>"
            f"<th>{_e(tr('Twitches a day'))}</th><th></th></tr>"
        )
        parts.append(
            '<table width="100%" class="small" cellspacing="0">' + head + "".join(rows) + "</table>"
        )
    if entry.rate_change is not None and entry.rate_usual is not None:
        summary = (
            tr("Average: %1 twitches a day with the change, %2 as usual")
            .replace("%1", _num(entry.rate_change, 2))
            .replace("%2", _num(entry.rate_usual, 2))
        )
        if entry.interval:
            summary += f"; {entry.interval}"
        parts.append(f"<p class='small'>{_e(summary)}.</p>")
    return "".join(parts)
