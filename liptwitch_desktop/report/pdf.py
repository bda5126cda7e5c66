"""The doctor report on paper: page 1 the summary, then the weekly chart, episodes and triage.

QtGui only (QPdfWriter, QTextDocument, QPainter): no widget, so the command line can write a
PDF under the offscreen platform and the dialog previews the very same pages. Everything is
laid out in points (1/72 in); a painter on any device is scaled to that, so the PDF, the
preview images and a printer all show one layout.

Text is drawn as text, so the PDF is selectable and searchable and Qt embeds the font
subsets it used. The font list names fonts that cover Latin, Cyrillic, Arabic and CJK, and
Qt's fallback fills any other script from the system's fonts.
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from ..core.entries import LOCATION_LABELS, Location
from ..core.log_rows import format_duration
from ..core.report.data import ReportData, Trend, WeekPoint

POINTS_PER_INCH = 72.0
MARGIN_PT = 40.0
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Droid Sans Fallback"]
BASE_PT = 10.0
SMALLEST_PT = 6.5
CHART_HEIGHT_PT = 230.0
CHART_SPACER = "liptwitch-chart"


def tr(text: str) -> str:
    """Qt's translation for the report's words (core.report and store take it as `tr`)."""
    return QCoreApplication.translate("Report", text)


def paper_for_locale(locale: QLocale | None = None) -> QPageSize:
    """Letter in the US and Canada (and wherever the locale measures in US units), else A4."""
    locale = locale or QLocale()
    letter = locale.territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada)
    if letter or locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


# --- words for the figures ---------------------------------------------------------------------


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _moment(value: datetime) -> str:
    return f"{value.day} {value:%b %Y, %H:%M}"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _short(text: str, limit: int = 160) -> str:
    """One line of a long note for page 1 (page 1 must fit; the person's words stay theirs)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _location(loc: Location) -> str:
    return tr(LOCATION_LABELS[loc])


def _trend_words(data: ReportData) -> str:
    h = data.headline
    if h.trend is Trend.NO_EARLIER_DATA:
        return tr("nothing logged in the %1 days before").replace("%1", str(h.days_in_period))
    words = {
        Trend.MORE: tr("more than the %1 days before (%2 per week)"),
        Trend.FEWER: tr("fewer than the %1 days before (%2 per week)"),
        Trend.SAME: tr("about the same as the %1 days before (%2 per week)"),
    }[h.trend]
    return words.replace("%1", str(h.days_in_period)).replace("%2", _num(h.previous_days_per_week))


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


# --- page 1: the summary -----------------------------------------------------------------------


def summary_html(data: ReportData, max_items: int = 12) -> str:
    """Page 1. `max_items` caps each list, so the page can always be made to fit."""
    h = data.headline
    f = data.factors
    out: list[str] = [f"<h1>{_e(tr('Lip twitching: summary for the doctor'))}</h1>"]
    who = []
    if data.person_name:
        who.append(_e(data.person_name))
    if data.birth_date:
        who.append(_e(tr("born %1").replace("%1", data.birth_date)))
    period = (
        tr("Period: %1 to %2 (%3 days)")
        .replace("%1", _day(data.first))
        .replace("%2", _day(data.last))
        .replace("%3", str(h.days_in_period))
    )
    who.append(_e(period))
    who.append(_e(tr("made %1 from the person's own log").replace("%1", _day(data.generated_on))))
    out.append(f'<p class="small">{" · ".join(who)}</p>')

    # Red flags first, in bold: they override everything else on the page.
    if data.red_flags:
        items = "".join(
            f"<li><b>{_e(_day(flag.when))}: {_e(flag.title)}</b>"
            + (f" — {_e(flag.said)}" if flag.said else "")
            + "</li>"
            for flag in data.red_flags[:max_items]
        )
        more = len(data.red_flags) - max_items
        if more > 0:
            rest = tr("… and %1 more (see the triage history)").replace("%1", str(more))
            items += f"<li>{_e(rest)}</li>"
        out.append(
            '<table class="flag" width="100%" cellpadding="4"><tr><td>'
            f"<b>⚠ {_e(tr('WARNING SIGNS reported in the symptom check'))}</b>"
            f"<ul style='margin-top:0; margin-bottom:0'>{items}</ul></td></tr></table>"
        )
    latest = data.latest_triage
    if latest is not None:
        line = (
            tr("Latest symptom check (%1): %2.")
            .replace("%1", _day(latest.created_at.date()))
            .replace("%2", latest.word)
        )
        if latest.urgency == "emergency":  # what it told the person to do, with the number
            line += " " + latest.headline
        reasons = "; ".join(latest.reasons[:3])
        bold = latest.urgency in ("emergency", "doctor_soon")
        text = _e(line) + (" " + _e(reasons) if reasons else "")
        out.append(f"<p>{'<b>' + text + '</b>' if bold else text}</p>")
    elif not data.red_flags:
        out.append(f"<p>{_e(tr('No symptom check (triage) saved yet.'))}</p>")

    out.append(_section(tr("Twitching")))
    rows = [
        _row(
            tr("Days with twitching"),
            _e(
                tr("%1 per week (%2 of %3 days); %4")
                .replace("%1", _num(h.days_per_week))
                .replace("%2", str(h.twitch_days))
                .replace("%3", str(h.days_in_period))
                .replace("%4", _trend_words(data))
            ),
        ),
        _row(
            tr("Longest run"),
            _e(
                tr("%1 days in a row from %2")
                .replace("%1", str(h.longest_run_days))
                .replace("%2", _day(h.longest_run_first))
                if h.longest_run_first
                else tr("no twitching logged")
            ),
        ),
    ]
    if h.first_episode and h.last_episode:
        rows.append(
            _row(
                tr("Episodes"),
                _e(
                    tr("%1 logged; first %2, last %3")
                    .replace("%1", str(h.episodes))
                    .replace("%2", _moment(h.first_episode))
                    .replace("%3", _moment(h.last_episode))
                ),
            )
        )
    if h.first_episode_ever:
        rows.append(_row(tr("First logged ever"), _e(_day(h.first_episode_ever.date()))))
    if h.episodes:
        rows.append(
            _row(
                tr("Typical episode"),
                _e(
                    tr("lasts %1, intensity %2 of 10 (medians)")
                    .replace(
                        "%1",
                        format_duration(round(h.median_duration_s))
                        if h.median_duration_s is not None
                        else "—",
                    )
                    .replace("%2", _num(h.median_intensity))
                ),
            )
        )
        where = ", ".join(f"{_location(loc)} {n}" for loc, n in h.locations)
        rows.append(_row(tr("Where"), _e(where)))
        if h.spread:
            spread = ", ".join(f"{_location(loc)} ({n})" for loc, n in h.spread)
            rows.append(_row(tr("Beyond the lower lip"), f"<b>{_e(tr('yes: ') + spread)}</b>"))
        else:
            rows.append(_row(tr("Beyond the lower lip"), _e(tr("none logged"))))
    out.append(f'<table width="100%">{"".join(rows)}</table>')

    out.append(
        _section(tr("Daily factors (days with entries: %1)").replace("%1", str(f.logged_days)))
    )
    rows = [
        _row(
            tr("Caffeine"),
            _e(
                tr("%1 mg a day on average; over %2 mg on %3 days")
                .replace("%1", _num(f.caffeine_mean_mg, 0))
                .replace("%2", _num(f.caffeine_limit_mg, 0))
                .replace("%3", str(f.caffeine_days_over_limit))
            ),
        ),
        _row(
            tr("Last caffeine of the day"),
            _e(
                tr("usually at %1 (median); after the cutoff on %2 days")
                .replace(
                    "%1",
                    f.last_caffeine_median.strftime("%H:%M") if f.last_caffeine_median else "—",
                )
                .replace("%2", str(f.caffeine_days_after_cutoff))
            ),
        ),
        _row(
            tr("Sleep"),
            _e(
                tr("%1 h a night on average; under 7 h on %2 of %3 nights")
                .replace("%1", _num(f.sleep_mean_h))
                .replace("%2", str(f.nights_under_7h))
                .replace("%3", str(f.sleep_nights))
            )
            if f.sleep_nights
            else _e(tr("not logged")),
        ),
        _row(
            tr("Stress"),
            _e(tr("%1 of 10 on average").replace("%1", _num(f.stress_mean)))
            if f.stress_days
            else _e(tr("not logged")),
        ),
        _row(
            tr("Magnesium supplement"),
            _e(
                tr("%1 mg elemental a night; taken %2 of %3 nights planned")
                .replace("%1", _num(f.magnesium_median_mg, 0))
                .replace("%2", str(f.magnesium_nights_taken))
                .replace("%3", str(f.magnesium_nights_planned))
            )
            if f.magnesium_nights_planned
            else _e(tr("not taken")),
        ),
    ]
    if f.grinding_nights:
        rows.append(
            _row(
                tr("Teeth grinding"),
                _e(tr("noticed on %1 days").replace("%1", str(f.grinding_nights))),
            )
        )
    out.append(f'<table width="100%">{"".join(rows)}</table>')

    out.append(_section(tr("What the log links to more twitching")))
    if data.findings:
        items = "".join(
            "<li>"
            + _e(
                tr("%1: %2× as many twitches (95% interval %3–%4; %5 days with, %6 without)")
                .replace("%1", finding.label)
                .replace("%2", _num(finding.ratio))
                .replace("%3", _num(finding.low))
                .replace("%4", _num(finding.high))
                .replace("%5", str(finding.days_with))
                .replace("%6", str(finding.days_without))
            )
            + "</li>"
            for finding in data.findings[:max_items]
        )
        out.append(f"<ul style='margin-top:0'>{items}</ul>")
        note = (
            tr("%1 factors tested over %2 days; an association, not proof of cause.")
            .replace("%1", str(data.factors_tested))
            .replace("%2", str(data.analysis_days))
        )
        out.append(f'<p class="small">{_e(note)}</p>')
    else:
        out.append(
            "<p>"
            + _e(
                tr("No clear link found yet (%1 factors tested over %2 days).")
                .replace("%1", str(data.factors_tested))
                .replace("%2", str(data.analysis_days))
            )
            + "</p>"
        )

    out.append(_section(tr("Medicines during the period")))
    if data.medicines:
        items = []
        for entry in data.medicines[:max_items]:
            m = entry.medicine
            detail = ", ".join(p for p in (m.dose, m.frequency) if p)
            text = f"<b>{_e(m.name)}</b>" + (f" {_e(detail)}" if detail else "")
            text += _e(tr(", since %1").replace("%1", _day(m.started)))
            if m.stopped:
                text += _e(tr(", stopped %1").replace("%1", _day(m.stopped)))
            if m.reason:
                text += _e(tr(" (for %1)").replace("%1", m.reason))
            if entry.new:
                text = f"<b>{_e(tr('NEW'))}</b> " + text
            if m.notes:
                text += f' <span class="small">— {_e(_short(m.notes))}</span>'
            items.append(f"<li>{text}</li>")
        out.append(f"<ul style='margin-top:0'>{''.join(items)}</ul>")
    else:
        out.append(f"<p>{_e(tr('None listed.'))}</p>")

    out.append(_section(tr("Already tried")))
    if data.tried:
        items = "".join(
            f"<li>{_e(t.label)}"
            + _e(tr(", since %1").replace("%1", _day(t.since)))
            + (f": {_e(t.kept)}" if t.kept else "")
            + "</li>"
            for t in data.tried[:max_items]
        )
        out.append(f"<ul style='margin-top:0'>{items}</ul>")
    else:
        out.append(f"<p>{_e(tr('No plan steps recorded in the app.'))}</p>")

    if data.questions:
        out.append(_section(tr("Questions to ask")))
        items = "".join(
            f"<li>{_e(q.text)} <span class='small'>({_e(q.because)})</span></li>"
            for q in data.questions[:max_items]
        )
        out.append(f"<ol style='margin-top:0'>{items}</ol>")

    disclaimer = tr(
        "LipTwitch gives general wellness information from what the person logged; it is not "
        "a diagnosis. Details on the following pages."
    )
    out.append(f'<p class="small">{_e(disclaimer)}</p>')
    return "".join(out)


# --- pages 2+: chart, episodes, triage history ----------------------------------------------------


def details_html(data: ReportData, chart_width: float, chart_height: float) -> str:
    """Pages 2+. The chart's place is an empty image of its size, painted over afterwards."""
    out = [f"<h3>{_e(tr('Week by week'))}</h3>"]
    out.append(
        f'<p style="margin:0"><img src="{CHART_SPACER}" width="{round(chart_width)}" '
        f'height="{round(chart_height)}"></p>'
    )
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
        if snap.red_flags:
            flags = "".join(
                f"<li><b>⚠ {_e(flag.title)}</b>"
                + (f": {_e(flag.said)}" if flag.said else "")
                + "</li>"
                for flag in snap.red_flags
            )
            out.append(f"<ul style='margin-top:0'>{flags}</ul>")
        if snap.answers:
            rows = "".join(
                f"<tr><td width='60%'>{_e(q)}</td><td>{_e(a)}</td></tr>" for q, a in snap.answers
            )
            out.append(f'<table width="100%" class="small">{rows}</table>')
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


# --- the chart -------------------------------------------------------------------------------


def device_font(painter: QPainter, size_pt: float) -> QFont:
    """A font of `size_pt` points on a painter already scaled to points.

    QPainter sizes a font by the device's own resolution and then applies the scale too, so
    the size is divided by the device's dots per point first.
    """
    return report_font(size_pt * POINTS_PER_INCH / painter.device().logicalDpiY())


def draw_weekly_chart(painter: QPainter, rect: QRectF, weeks: Sequence[WeekPoint]) -> None:
    """Bars: days with twitching per week; solid line: caffeine mg/day; dashed: sleep h.

    Shapes and line styles, not only colour, tell the three series apart (and the legend
    says which is which), so the chart reads in black and white.
    """
    painter.save()
    small = device_font(painter, 7.5)
    painter.setFont(small)
    fm = QFontMetricsF(small, painter.device())
    legend_h = fm.height() + 6
    left, right, bottom = 34.0, 40.0, fm.height() + 6
    plot = QRectF(
        rect.left() + left,
        rect.top() + legend_h,
        rect.width() - left - right,
        rect.height() - legend_h - bottom,
    )
    axis_pen = QPen(QColor("#555555"), 0.6)
    painter.setPen(axis_pen)
    painter.drawRect(plot)
    n = max(1, len(weeks))
    slot = plot.width() / n

    # Left axis: twitching days per week, 0-7.
    for value in range(0, 8):
        y = plot.bottom() - plot.height() * value / 7
        painter.setPen(QPen(QColor("#dddddd"), 0.4))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(axis_pen)
        painter.drawText(
            QRectF(rect.left(), y - fm.height() / 2, left - 4, fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    caffeine_max = max([w.caffeine_mean_mg or 0 for w in weeks] + [100.0])
    caffeine_top = 100.0 * ((caffeine_max + 99) // 100)
    sleep_top = 12.0
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom() - plot.height() * frac
        painter.drawText(
            QRectF(plot.right() + 3, y - fm.height() / 2, right - 3, fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"{caffeine_top * frac:.0f}",
        )

    bar_brush = QBrush(QColor("#8fb3d9"), Qt.BrushStyle.SolidPattern)
    label_every = max(1, int(n / 10 + 0.999))
    for i, week in enumerate(weeks):
        x = plot.left() + slot * i
        per_week = week.twitch_days * 7 / week.days if week.days else 0
        h = plot.height() * per_week / 7
        bar = QRectF(x + slot * 0.15, plot.bottom() - h, slot * 0.7, h)
        painter.setPen(QPen(QColor("#2b5d8f"), 0.6))
        painter.setBrush(bar_brush)
        painter.drawRect(bar)
        if i % label_every == 0:
            painter.setPen(axis_pen)
            painter.drawText(
                QRectF(x - slot, plot.bottom() + 2, slot * 3, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                f"{week.start.day} {week.start:%b}",
            )
    painter.setBrush(Qt.BrushStyle.NoBrush)

    def line(values: list[float | None], top: float, pen: QPen, marker: str) -> None:
        path = QPainterPath()
        started = False
        points = []
        for i, value in enumerate(values):
            if value is None:
                started = False
                continue
            point = QPointF(
                plot.left() + slot * (i + 0.5),
                plot.bottom() - plot.height() * min(value, top) / top,
            )
            points.append(point)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        painter.setPen(pen)
        painter.drawPath(path)
        for point in points:
            if marker == "circle":
                painter.drawEllipse(point, 2.2, 2.2)
            else:
                painter.drawRect(QRectF(point.x() - 2, point.y() - 2, 4, 4))

    caffeine_pen = QPen(QColor("#b0451c"), 1.4)
    sleep_pen = QPen(QColor("#2e7d32"), 1.4, Qt.PenStyle.DashLine)
    line([w.caffeine_mean_mg for w in weeks], caffeine_top, caffeine_pen, "circle")
    line([w.sleep_mean_h for w in weeks], sleep_top, sleep_pen, "square")

    # Legend, in words.
    x = rect.left()
    y = rect.top() + legend_h / 2
    entries = [
        ("bar", tr("days with twitching per week (left, 0-7)")),
        ("caffeine", tr("caffeine mg/day (right, 0-%1)").replace("%1", f"{caffeine_top:.0f}")),
        ("sleep", tr("sleep h/night (0-12 h)")),
    ]
    for kind, text in entries:
        if kind == "bar":
            painter.setPen(QPen(QColor("#2b5d8f"), 0.6))
            painter.setBrush(bar_brush)
            painter.drawRect(QRectF(x, y - 4, 10, 8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            pen = caffeine_pen if kind == "caffeine" else sleep_pen
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 14, y))
        painter.setPen(axis_pen)
        painter.drawText(QPointF(x + 17, y + fm.ascent() / 2 - 1), text)
        x += 17 + fm.horizontalAdvance(text) + 14
    painter.restore()


# --- laying out and painting pages ---------------------------------------------------------


_LAYOUT_DEVICE: list[QImage] = []


def _points_device() -> QImage:
    """A 72-dpi device for layout: one unit is one point, whatever the output device.

    One image for the whole process: a text layout keeps a raw pointer to its paint device,
    so the device must outlive every document laid out against it.
    """
    if not _LAYOUT_DEVICE:
        image = QImage(4, 4, QImage.Format.Format_ARGB32)
        dots_per_metre = round(POINTS_PER_INCH / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _LAYOUT_DEVICE.append(image)
    return _LAYOUT_DEVICE[0]


def report_font(size_pt: float = BASE_PT) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(size_pt)
    return font


@dataclass
class _Doc:
    doc: QTextDocument


def _document(body: str, base_pt: float, width: float, height: float) -> _Doc:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_points_device())
    doc.setDefaultFont(report_font(base_pt))
    doc.setDefaultStyleSheet(_style(base_pt))
    doc.setDocumentMargin(0)
    blank = QImage(1, 1, QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.transparent)
    doc.addResource(QTextDocument.ResourceType.ImageResource, CHART_SPACER, blank)
    doc.setHtml(body)
    doc.setPageSize(QSizeF(width, height))
    return _Doc(doc)


class ReportPages:
    """The laid-out report: `page_count` pages, each painted by `paint_page`."""

    def __init__(self, data: ReportData, page_size: QPageSize | None = None) -> None:
        self.data = data
        self.page_size = page_size or paper_for_locale()
        size = self.page_size.size(QPageSize.Unit.Point)
        self.width, self.height = size.width(), size.height()
        self.content = QRectF(
            MARGIN_PT, MARGIN_PT, self.width - 2 * MARGIN_PT, self.height - 2 * MARGIN_PT - 14
        )
        self.summary, self.summary_pt = self._fit_summary()
        self.details, self.chart_rect = self._lay_out_details()

    def _fit_summary(self) -> tuple[_Doc, float]:
        """Page 1 in the largest font (and the longest lists) that still fit on one page."""
        attempts = [
            (size / 2, 12) for size in range(int(BASE_PT * 2), int(SMALLEST_PT * 2) - 1, -1)
        ]
        attempts += [(SMALLEST_PT, n) for n in (8, 5, 3, 2, 1)]
        for size, items in attempts:
            doc = _document(summary_html(self.data, items), size, self.content.width(), 1e6)
            if doc.doc.size().height() <= self.content.height():
                return doc, size
        return doc, size  # the last, smallest attempt (only pathological input reaches here)

    def _lay_out_details(self) -> tuple[_Doc, QRectF]:
        """Lay out pages 2+, with the chart's place exactly CHART_HEIGHT_PT tall.

        Qt sizes an image by the screen's resolution, not the layout device's, so the first
        layout measures the factor and the second asks for the size that comes out right.
        """
        width = self.content.width()
        asked = CHART_HEIGHT_PT
        for _ in range(2):
            details = _document(
                details_html(self.data, width, asked), BASE_PT * 0.9, width, self.content.height()
            )
            box = _image_block(details.doc)
            if box is None or box.height() <= 0:
                return details, QRectF()
            if abs(box.height() - CHART_HEIGHT_PT) < 1:
                break
            asked *= CHART_HEIGHT_PT / box.height()
        return details, QRectF(box.left(), box.top(), width, box.height())

    @property
    def summary_fits(self) -> bool:
        return self.summary.doc.size().height() <= self.content.height()

    @property
    def page_count(self) -> int:
        return 1 + self.details.doc.pageCount()

    def _footer(self, painter: QPainter, index: int) -> None:
        painter.setFont(device_font(painter, 7))
        painter.setPen(QColor("#555555"))
        text = (
            tr("LipTwitch report, %1 to %2 — page %3 of %4")
            .replace("%1", _day(self.data.first))
            .replace("%2", _day(self.data.last))
            .replace("%3", str(index + 1))
            .replace("%4", str(self.page_count))
        )
        painter.drawText(
            QRectF(MARGIN_PT, self.height - MARGIN_PT, self.width - 2 * MARGIN_PT, 14),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            text,
        )

    def paint_page(self, painter: QPainter, index: int, scale: float = 1.0) -> None:
        """Paint page `index` (0-based); `scale` maps points to the device's units."""
        painter.save()
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        context = QAbstractTextDocumentLayout.PaintContext()
        if index == 0:
            painter.translate(self.content.topLeft())
            context.clip = QRectF(0, 0, self.content.width(), self.content.height())
            painter.setClipRect(context.clip)
            self.summary.doc.documentLayout().draw(painter, context)
        else:
            page = index - 1
            top = page * self.content.height()
            painter.translate(self.content.left(), self.content.top() - top)
            context.clip = QRectF(0, top, self.content.width(), self.content.height())
            painter.setClipRect(context.clip)
            self.details.doc.documentLayout().draw(painter, context)
            if page == 0 and not self.chart_rect.isNull():
                painter.setClipping(False)
                draw_weekly_chart(painter, self.chart_rect, self.data.weeks)
        painter.restore()
        painter.save()
        painter.scale(scale, scale)
        self._footer(painter, index)
        painter.restore()

    def render_images(self, dpi: float = 96.0) -> list[QImage]:
        """Every page as an image (the preview), painted by the same code as the PDF."""
        scale = dpi / POINTS_PER_INCH
        images = []
        for index in range(self.page_count):
            image = QImage(
                round(self.width * scale), round(self.height * scale), QImage.Format.Format_RGB32
            )
            dots_per_metre = round(dpi / 0.0254)
            image.setDotsPerMeterX(dots_per_metre)
            image.setDotsPerMeterY(dots_per_metre)
            image.fill(Qt.GlobalColor.white)
            painter = QPainter(image)
            self.paint_page(painter, index, scale)
            painter.end()
            images.append(image)
        return images

    def paint_on(
        self, device: QPagedPaintDevice, new_page: Callable[[], bool] | None = None
    ) -> None:
        """Paint every page on a PDF writer or a printer (already set to this page size)."""
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("could not start painting the report")
        try:
            rect = device.pageLayout().fullRectPixels(device.resolution())
            scale = rect.width() / self.width
            for index in range(self.page_count):
                if index:
                    (new_page or device.newPage)()
                self.paint_page(painter, index, scale)
        finally:
            if not painter.end():
                raise OSError("could not finish writing the report")


def _image_block(doc: QTextDocument) -> QRectF | None:
    block = doc.begin()
    while block.isValid():
        if "\ufffc" in block.text():  # an image sits in the text as this character
            return doc.documentLayout().blockBoundingRect(block)
        block = block.next()
    return None


class ReportWriteError(OSError):
    pass


def write_report_pdf(data: ReportData, path: Path, page_size: QPageSize | None = None) -> int:
    """Write the report to `path` atomically; returns the page count.

    The PDF is written to a temporary file beside `path` and renamed over it only once
    complete, so a failure never leaves a half file (nor touches an existing one).
    """
    pages = ReportPages(data, page_size)
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=directory)
    except OSError as exc:
        raise ReportWriteError(exc.errno, f"cannot write in {directory}: {exc.strerror}") from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        writer = QPdfWriter(str(temp))
        writer.setTitle(tr("Lip twitching: summary for the doctor"))
        writer.setCreator("LipTwitch Desktop")
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(pages.page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        pages.paint_on(writer)
        del writer  # flushes and closes the file
        if temp.stat().st_size == 0:
            raise ReportWriteError("the PDF came out empty")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return pages.page_count
