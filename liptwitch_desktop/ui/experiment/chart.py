"""The results picture: twitches a day in each period, change against as usual, with the
interval. pyqtgraph is imported here only, when a result is first shown (never before the
first paint).

Bars: one per finished period, green (hatched) for change, grey for as usual, in calendar
order, so a drift over time is visible too. Lines: the average of each kind. The shaded
band: where the change periods' rate lies with 95% confidence, given the usual periods'
rate (the usual rate times the rate ratio's interval); when it reaches the grey line, the
experiment cannot tell the two apart.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .strip import CHANGE_COLOUR, USUAL_COLOUR


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExperimentChart", text)


def _legend_html() -> str:
    """The key, with the same marks as the picture (hatched green, grey, the two lines)."""
    change = f"<span style='color:{CHANGE_COLOUR.name()}'>▨</span> " + _tr(
        "change periods (hatched)"
    )
    usual = f"<span style='color:{USUAL_COLOUR.name()}'>■</span> " + _tr("usual periods")
    lines = (
        f"<span style='color:{CHANGE_COLOUR.name()}'>━</span> "
        + _tr("change average, its 95% interval shaded")
        + f" &nbsp; <span style='color:{USUAL_COLOUR.name()}'>╍</span> "
        + _tr("usual average")
    )
    return f"{change} &nbsp; {usual} &nbsp; {lines}"


class ResultsChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("experiment_chart")
        self.plot.setMinimumHeight(240)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.setLabel("left", _tr("twitches a day"))
        # The key sits above the plot, not on it: a legend inside covered the first bar.
        self.legend = QLabel()
        self.legend.setObjectName("experiment_chart_legend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setText(_legend_html())
        pal = self.palette()
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        ink = pal.color(QPalette.ColorRole.Text)
        for side in ("left", "bottom"):
            self.plot.getAxis(side).setPen(ink)
            self.plot.getAxis(side).setTextPen(ink)
        self.caption = QLabel(
            _tr(
                "Each bar is one period. The lines are the averages of each kind; the green "
                "band is where the change periods' average lies with 95% confidence, given "
                "your usual periods. When the band reaches the dashed line, the experiment "
                "cannot tell the two apart."
            )
        )
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot)
        layout.addWidget(self.caption)
        self.shown: dict[str, Any] = {}

    def show_analysis(self, analysis: Any, labels: list[str]) -> None:
        """`analysis` is an ExperimentAnalysis; `labels` name its periods ("Week 1" ...)."""
        pg = self._pg
        plot = self.plot
        plot.clear()
        periods = [p for p in analysis.periods]
        xs = list(range(len(periods)))
        rates = [p.rate or 0.0 for p in periods]
        change = [i for i, p in enumerate(periods) if p.arm.value == "change"]
        usual = [i for i, p in enumerate(periods) if p.arm.value == "usual"]
        self.shown = {"bars": len(periods), "band": None}
        if change:
            heights = [rates[i] for i in change]
            plot.addItem(
                pg.BarGraphItem(
                    x=change, height=heights, width=0.7, brush=pg.mkBrush(CHANGE_COLOUR)
                )
            )
            # Hatched as in the plan strip above: the kind is never told by colour alone.
            plot.addItem(
                pg.BarGraphItem(
                    x=change,
                    height=heights,
                    width=0.7,
                    brush=QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern),
                    pen=pg.mkPen(None),
                )
            )
            self.shown["hatched"] = len(change)
        if usual:
            plot.addItem(
                pg.BarGraphItem(
                    x=usual,
                    height=[rates[i] for i in usual],
                    width=0.7,
                    brush=pg.mkBrush(USUAL_COLOUR),
                )
            )
        left, right = -0.5, max(0.5, len(periods) - 0.5)
        if analysis.rate_usual is not None and analysis.ratio is not None:
            base = analysis.rate_usual
            low, high = base * analysis.low, base * analysis.high
            band = pg.LinearRegionItem(
                values=(low, high),
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(46, 125, 50, 60),
                pen=pg.mkPen(None),
            )
            band.setZValue(-100)  # behind the bars: it must not tint the grey ones
            plot.addItem(band)
            self.shown["band"] = (low, high)
            plot.plot(
                [left, right],
                [base, base],
                pen=pg.mkPen(USUAL_COLOUR, width=2, style=pg.QtCore.Qt.PenStyle.DashLine),
            )
            plot.plot(
                [left, right],
                [analysis.rate_change, analysis.rate_change],
                pen=pg.mkPen(CHANGE_COLOUR, width=2),
            )
        axis = plot.getAxis("bottom")
        # The kind under each bar too ("Week 1 ▨" / "Week 2 ■" would be a code): words.
        kinds = [_tr("change") if p.arm.value == "change" else _tr("usual") for p in periods]
        axis.setTicks([[(x, f"{labels[x]}\n{kinds[x]}" if x < len(labels) else "") for x in xs]])
        self.shown["ticks"] = [f"{labels[x]}\n{kinds[x]}" for x in xs if x < len(labels)]
        axis.setHeight(2 * QFontMetrics(self.font()).height() + 16)  # room for two lines
        plot.setXRange(left, right, padding=0.02)
        # The scale follows the bars and the averages; a band wider than that (a short plan's
        # interval can span a million-fold) runs off the top, as it should look: unbounded.
        means = [v for v in (analysis.rate_change, analysis.rate_usual) if v is not None]
        top = max([*rates, *means, 0.5])
        plot.setYRange(0, top * 1.3, padding=0)
        self.plot.setAccessibleName(
            _tr("Twitches a day in each period, change against as usual, with the interval")
        )
