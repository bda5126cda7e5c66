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
BAND_HEX = "#a5d6a7"  # the change's interval: a lighter green, from its low end to its high


def _bar_row(
    label: str, kind: str, said: str, start: float, end: float, top: float, colour: str
) -> str:
    """One row of the picture: words, then a bar from `start` to `end` (twitches a day) on a
    scale of `top`, as table cells (QTextDocument paints cell backgrounds into the PDF)."""
    first = min(BAR_COLUMNS, round(BAR_COLUMNS * max(start, 0.0) / top))
    last = min(BAR_COLUMNS, max(first, round(BAR_COLUMNS * max(end, 0.0) / top)))
    cells = (f'<td width="{first * 2}%"></td>' if first else "") + (
        f'<td bgcolor="{colour}" width="{(last - first) * 2}%">&nbsp;</td>' if last > first else ""
    )
    if last < BAR_COLUMNS:
        cells += f'<td width="{(BAR_COLUMNS - last) * 2}%"></td>'
    return (
        f"<tr><td width='14%'>{_e(label)}</td><td width='12%'>{_e(kind)}</td>"
        f"<td width='14%'>{_e(said)}</td><td width='60%'><table width='100%' "
        f"cellspacing='0' cellpadding='0'><tr>{cells}</tr></table></td></tr>"
    )


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
    means = [v for v in (entry.rate_change, entry.rate_usual) if v is not None]
    top = max([b.rate or 0.0 for b in entry.bars] + means + [0.1])
    rows = []
    for bar in entry.bars:
        kind = tr("change") if bar.change else tr("as usual")
        colour = CHANGE_HEX if bar.change else USUAL_HEX
        rate = _num(bar.rate, 2) if bar.rate is not None else tr("nothing logged")
        rows.append(_bar_row(bar.label, kind, rate, 0.0, bar.rate or 0.0, top, colour))
    # The averages and the interval, on the same scale as the bars (the issue: "the picture
    # ... with the interval"); an interval past the widest bar runs to the edge.
    if entry.rate_change is not None and entry.rate_usual is not None:
        average = tr("average")
        rows.append(
            _bar_row(
                average,
                tr("change"),
                _num(entry.rate_change, 2),
                0.0,
                entry.rate_change,
                top,
                CHANGE_HEX,
            )
        )
        if entry.band is not None:
            low, high = entry.band
            span = tr("%1 to %2").replace("%1", _num(low, 2)).replace("%2", _num(high, 2))
            rows.append(_bar_row(tr("95% interval"), tr("change"), span, low, high, top, BAND_HEX))
        rows.append(
            _bar_row(
                average,
                tr("as usual"),
                _num(entry.rate_usual, 2),
                0.0,
                entry.rate_usual,
                top,
                USUAL_HEX,
            )
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
