"""Pages 2 and on: the weekly chart's place, the episodes (the most recent listed, the rest
counted) and the triage history, as HTML.
"""

from __future__ import annotations

from ..core.durations import format_duration
from ..core.plurals import count as plural_count
from ..core.report.data import ReportData
from .experiments import experiments_html
from .words import _day, _e, _location, _moment, _section, tr

CHART_SPACER = "liptwitch-chart"
PICTURE_SPACER = "liptwitch-analysis"


# --- pages 2+: chart, episodes, triage history ----------------------------------------------------


def details_html(
    data: ReportData, chart_width: float, chart_height: float, picture_height: float = 0.0
) -> str:
    """Pages 2+. Each chart's place is an empty image of its size, painted over afterwards:
    the weekly chart, then (when any factor was compared) the analysis picture."""
    out = [f"<h3>{_e(tr('Week by week'))}</h3>"]
    out.append(
        f'<p style="margin:0"><img src="{CHART_SPACER}" width="{round(chart_width)}" '
        f'height="{round(chart_height)}"></p>'
    )
    if data.picture is not None and data.picture.rows and picture_height > 0:
        out.append(_section(tr("What goes with the twitching, as a picture")))
        out.append(f"<p>{_e(data.picture.headline)}</p>")
        out.append(
            f'<p style="margin:0"><img src="{PICTURE_SPACER}" width="{round(chart_width)}" '
            f'height="{round(picture_height)}"></p>'
        )
        caption = data.picture.caption
        if data.picture.left_out:
            more = tr("Not drawn: %1 with weaker results.")
            left_out = plural_count(data.picture.left_out, tr("more factor"), tr("more factors"))
            caption += " " + more.replace("%1", left_out)
        out.append(f'<p class="small">{_e(caption)}</p>')
    total = max(data.episodes_total, len(data.episodes))
    out.append(_section(tr("Episodes (%1)").replace("%1", f"{total:,}")))
    if data.episodes_not_listed:
        out.append(
            "<p>"
            + _e(
                tr(
                    "The %1 most recent are listed one by one; the %2 before them are "
                    "counted by day after the list."
                )
                .replace("%1", f"{len(data.episodes):,}")
                .replace("%2", f"{data.episodes_not_listed:,}")
            )
            + "</p>"
        )
    if data.episodes:
        head = [tr("Date"), tr("Time"), tr("Duration"), tr("Intensity"), tr("Where")]
        if data.include_notes:
            head.append(tr("Notes"))
        rows = ["<tr>" + "".join(f"<th>{_e(c)}</th>" for c in head) + "</tr>"]
        for ep in data.episodes:
            cells = [
                _day(ep.when.date()),  # the calendar date, as the doctor reads it
                ep.when.strftime("%H:%M"),
                format_duration(ep.duration_s),
                f"{ep.intensity}/10",
                _location(ep.location) + (f", {ep.activity}" if ep.activity else ""),
            ]
            if data.include_notes:
                cells.append(ep.notes)
            rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        out.append(
            '<table width="100%" cellspacing="0" border="0.5" style="border-color:#999999">'
            + "".join(rows)
            + "</table>"
        )
    else:
        out.append(f"<p>{_e(tr('No episodes in this period.'))}</p>")
    if data.earlier_counts:
        out.append(_counts_html(data))

    out.append(experiments_html(data))  # issue 17: the person's own experiments
    out.append(_section(tr("Symptom checks (triage) with the answers")))
    if not data.triage_history:
        out.append(f"<p>{_e(tr('None saved.'))}</p>")
    if data.triage_not_shown:
        out.append(
            "<p>"
            + _e(
                tr("The %1 most recent are shown; %2 older ones are left out.")
                .replace("%1", str(len(data.triage_history)))
                .replace("%2", str(data.triage_not_shown))
            )
            + "</p>"
        )
    for snap in data.triage_history:
        out.append(
            f"<p><b>{_e(_moment(snap.created_at))}: {_e(snap.word)}</b> — {_e(snap.headline)}</p>"
        )
        if snap.after_emergency:
            out.append(f"<p><b>⚠ {_e(snap.after_emergency)}</b></p>")
        if snap.red_flags:
            flags = "".join(
                f"<li><b>⚠ {_e(flag.title)}</b>"
                + (f": {_e(flag.said)}" if flag.said else "")
                + "</li>"
                for flag in snap.red_flags
            )
            out.append(f"<ul style='margin-top:0'>{flags}</ul>")
        if snap.answers:
            answer_rows = "".join(
                f"<tr><td width='60%'>{_e(q)}</td><td>{_e(a)}</td></tr>" for q, a in snap.answers
            )
            out.append(f'<table width="100%" class="small">{answer_rows}</table>')
    return "".join(out)


def _counts_html(data: ReportData) -> str:
    weekly = data.earlier_counts[0].days > 1
    title = tr("Earlier episodes per week") if weekly else tr("Earlier episodes per day")
    head = [tr("Week from") if weekly else tr("Date"), tr("Episodes")]
    rows = ["<tr>" + "".join(f"<th>{_e(c)}</th>" for c in head) + "</tr>"]
    for count in data.earlier_counts:
        rows.append(f"<tr><td>{_e(_day(count.start))}</td><td>{count.episodes:,}</td></tr>")
    return (
        f"<p><b>{_e(title)}</b></p>"
        '<table width="60%" cellspacing="0" border="0.5" style="border-color:#999999">'
        + "".join(rows)
        + "</table>"
    )
