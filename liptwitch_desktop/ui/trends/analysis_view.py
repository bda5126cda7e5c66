"""The trigger analysis on the Trends page, as a picture: one plain sentence, one row per
factor on a log axis around "no difference", each coloured and labelled in words, and the
numbers behind a "Details" button.

The words come from core/analysis/picture.py (tested there without Qt); this module only
draws them.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.analysis.findings import AnalysisReport, Verdict
from ...core.analysis.picture import Mark, Picture, PictureRow, picture
from .style import PlotStyle

ROW_HEIGHT = 30
# Where the ratio axis has a tick, and what it says there (plain words, no "×").
TICKS: tuple[tuple[float, str], ...] = (
    (1 / 16, "1/16"),
    (1 / 8, "1/8"),
    (1 / 4, "a quarter"),
    (1 / 2, "half"),
    (1.0, "no difference"),
    (2.0, "twice"),
    (4.0, "4 times"),
    (8.0, "8 times"),
    (16.0, "16 times"),
)


def _tip(x: float, y: float, data: object) -> str:
    return str(data)


def _power_of_four(value: float) -> bool:
    return round(math.log(value, 4), 6).is_integer()


def analysis_tr(text: str) -> str:
    return QCoreApplication.translate("TrendsAnalysis", text)


def mark_colour(mark: Mark, dark: bool) -> QColor:
    """Okabe-Ito colours (colour-vision safe); the words beside each row say the same."""
    return QColor(
        {
            Mark.LIKELY: "#F0884A" if dark else "#D55E00",
            Mark.POSSIBLE: "#F5C04A" if dark else "#B07800",
            Mark.NO_LINK_YET: "#A0A0A0" if dark else "#707070",
            Mark.NEED_MORE: "#8A8A8A" if dark else "#909090",
        }[mark]
    )


class PicturePlot(pg.PlotWidget):
    """The rows: an interval line and a dot per compared factor, words on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.getAxis("left").setWidth(250)
        plot.getAxis("bottom").setLabel(analysis_tr("← fewer twitches   ·   more twitches →"))
        self.setAccessibleName(analysis_tr("What goes with the twitching, as a picture"))
        self.style_: PlotStyle | None = None
        self.shown: Picture | None = None
        # What is drawn, row by row from the top (label, words, colour name): for tests and
        # for the accessible description.
        self.drawn: list[tuple[str, str, str]] = []

    def apply_style(self, style: PlotStyle) -> None:
        self.style_ = style
        self.setBackground(style.background)
        for name in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(name)
            axis.setPen(style.foreground)
            axis.setTextPen(style.foreground)
        if self.shown is not None:
            self.show_picture(self.shown)

    def show_picture(self, pic: Picture) -> None:
        self.shown = pic
        plot = self.getPlotItem()
        plot.clear()
        self.drawn = []
        style = self.style_
        dark = bool(style and style.dark)
        fg = style.foreground if style else QColor("black")
        low, high = (math.log10(v) for v in pic.axis)
        words_x = high + (high - low) * 0.04
        n = len(pic.rows)
        no_difference = pg.InfiniteLine(
            pos=0.0,
            angle=90,
            movable=False,
            pen=pg.mkPen(fg, width=1.5, style=Qt.PenStyle.DashLine),
        )
        plot.addItem(no_difference, ignoreBounds=True)
        left_ticks = []
        for index, row in enumerate(pic.rows):
            y = float(n - index)
            colour = mark_colour(row.mark, dark)
            left_ticks.append((y, row.label))
            self._draw_row(plot, row, y, low, high, colour)
            words = pg.TextItem(row.words, color=colour, anchor=(0, 0.5))
            font = QFont()
            font.setBold(row.mark in (Mark.LIKELY, Mark.POSSIBLE))
            words.setFont(font)
            words.setPos(words_x, y)
            plot.addItem(words, ignoreBounds=True)
            self.drawn.append((row.label, row.words, colour.name()))
        # Wide enough for the longest label: pyqtgraph drops a tick label that does not fit.
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(label) for _y, label in left_ticks), default=0)
        plot.getAxis("left").setWidth(min(widest + 24, 420))
        plot.getAxis("left").setTicks([left_ticks, []])
        # Every power of two up to "4 times" either side; beyond that only every power of four
        # is labelled (the words would run into each other), the others stay as grid lines.
        wide = pic.axis[1] > 4
        ticks = [
            (math.log10(v), analysis_tr(t) if not wide or _power_of_four(v) else "")
            for v, t in TICKS
            if pic.axis[0] <= v <= pic.axis[1]
        ]
        plot.getAxis("bottom").setTicks([ticks, []])
        plot.disableAutoRange()
        # Room on the right for the words ("need 12 more days" is the longest).
        plot.setXRange(low, high + (high - low) * 0.4, padding=0.02)
        plot.setYRange(0.4, n + 0.6, padding=0)
        self.setFixedHeight(max(n, 1) * ROW_HEIGHT + 70)
        self.setAccessibleDescription(
            "; ".join(f"{label}: {words}" for label, words, _c in self.drawn)
        )

    @staticmethod
    def _draw_row(
        plot: pg.PlotItem, row: PictureRow, y: float, low: float, high: float, colour: QColor
    ) -> None:
        if row.ratio is None or row.low is None or row.high is None:
            return  # not compared yet: only the words say so
        a = max(math.log10(max(row.low, 1e-9)), low)
        b = min(math.log10(row.high) if math.isfinite(row.high) else high, high)
        width = 4 if row.mark is Mark.LIKELY else 3
        line = pg.PlotDataItem([a, b], [y, y], pen=pg.mkPen(colour, width=width))
        plot.addItem(line)
        # Cut ends get an arrow head, so a cut interval never reads as a short one.
        for end, cut, angle in ((a, a <= low, 0), (b, b >= high, 180)):
            if cut:
                arrow = pg.ArrowItem(
                    pos=(end, y), angle=angle, headLen=10, brush=colour, pen=colour
                )
                plot.addItem(arrow)
        x = min(max(math.log10(row.ratio), low), high)
        # Pointing at the dot shows the row's numbers (the "Details" sentence).
        dot = pg.ScatterPlotItem(
            [x], [y], size=11, brush=colour, pen=pg.mkPen(colour), hoverable=True, tip=_tip
        )
        dot.setData([x], [y], data=[row.details])
        plot.addItem(dot)


class AnalysisView(QWidget):
    """Headline, picture, caption, and the numbers one click away. A column beside the
    picture (`set_beside`: Trends' "Test this" buttons) is told where each row is drawn."""

    rows_moved = Signal()  # the picture was redrawn or resized: row_centres() changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("What goes with the twitching"))
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.headline = QLabel()
        self.headline.setObjectName("trends_headline")
        self.headline.setWordWrap(True)
        big = self.headline.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        self.headline.setFont(big)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = PicturePlot()
        # The view box gets its size after the layout: then the rows have their places.
        self.plot.getPlotItem().getViewBox().sigResized.connect(lambda *_: self.rows_moved.emit())
        self.caption = QLabel()
        self.caption.setObjectName("trends_caption")
        self.caption.setWordWrap(True)
        self.details_button = QPushButton(self.tr("De&tails"))
        self.details_button.setObjectName("trends_details_button")
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName(self.tr("Show the numbers behind the picture"))
        self.details_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details_button.toggled.connect(self._show_details)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("trends_summary")
        self.findings_label = QLabel()
        self.findings_label.setObjectName("trends_findings")
        self.findings_label.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.summary_label, self.findings_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.summary_label)
        details_layout.addWidget(self.findings_label)
        self.details.setVisible(False)
        self.picture: Picture | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.headline)
        self.picture_row = QHBoxLayout()
        self.picture_row.setContentsMargins(0, 0, 0, 0)
        self.picture_row.addWidget(self.plot, 1)
        layout.addLayout(self.picture_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)

    def apply_style(self, style: PlotStyle) -> None:
        self.plot.apply_style(style)

    def set_beside(self, column: QWidget) -> None:
        """A column to the right of the picture, as tall as it, top-aligned with it."""
        self.picture_row.addWidget(column, 0, Qt.AlignmentFlag.AlignTop)

    def row_centres(self) -> dict[str, float]:
        """factor id -> the vertical centre of its row, in the picture's own pixels (the
        column beside it shares its top)."""
        pic = self.plot.shown
        if pic is None or not self.plot.isVisible():
            return {}
        box = self.plot.getPlotItem().getViewBox()
        n = len(pic.rows)
        out: dict[str, float] = {}
        for index, row in enumerate(pic.rows):
            scene = box.mapViewToScene(QPointF(0.0, float(n - index)))
            out[row.factor_id] = float(self.plot.mapFromScene(scene).y())
        return out

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.rows_moved.emit()

    def set_report(self, report: AnalysisReport) -> None:
        pic = picture(report, analysis_tr)
        self.picture = pic
        self.headline.setText(pic.headline)
        self.caption.setText(pic.caption)
        self.plot.setVisible(bool(pic.rows))
        self.caption.setVisible(bool(pic.compared))
        if pic.rows:
            self.plot.show_picture(pic)
        self.rows_moved.emit()
        self.summary_label.setText(report.summary)
        # Each sentence already says its verdict. Same-day "not enough data" lines stay
        # (they say what to log); the day-before ones would only repeat them.
        lines = [
            f"• {f.sentence}"
            for f in report.findings
            if f.verdict is not Verdict.NOT_ENOUGH_DATA or not f.factor_id.endswith("@day_before")
        ]
        self.findings_label.setText("\n".join(lines))

    def _show_details(self, on: bool) -> None:
        self.details.setVisible(on)
        self.details_button.setText(self.tr("Hide de&tails") if on else self.tr("De&tails"))
