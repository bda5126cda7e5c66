"""The trigger analysis picture for the doctor report, painted with QPainter: the Trends
page's picture, smaller (one row per factor, the rate ratio and its interval on a log axis
around "no difference", the verdict in words beside each row).

QtGui only, like the rest of the report: the command line paints it offscreen. Paper always
gets dark ink on white, whatever the screen's theme.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from ..core.analysis.picture import Mark, Picture
from .fonts import device_font
from .words import tr

ROW_PT = 12.0
AXIS_PT = 24.0
INK = {
    Mark.LIKELY: QColor("#b34700"),
    Mark.POSSIBLE: QColor("#8a5d00"),
    Mark.NO_LINK_YET: QColor("#555555"),
    Mark.NEED_MORE: QColor("#777777"),
}
TICKS: tuple[tuple[float, str], ...] = (
    (1 / 16, "1/16"),
    (1 / 8, "1/8"),
    (1 / 4, "1/4"),
    (1 / 2, "half"),
    (1.0, "same"),
)
TICKS += ((2.0, "twice"), (4.0, "4 times"), (8.0, "8 times"), (16.0, "16 times"))


def picture_height(pic: Picture) -> float:
    """The height the chart needs, in points."""
    return len(pic.rows) * ROW_PT + AXIS_PT


def draw_analysis_picture(painter: QPainter, rect: QRectF, pic: Picture) -> None:
    painter.save()
    font = device_font(painter, 7.0)
    painter.setFont(font)
    fm = QFontMetricsF(font, painter.device())
    label_w = min(max((fm.horizontalAdvance(r.label) for r in pic.rows), default=0) + 6, 190)
    words_w = max((fm.horizontalAdvance(r.words) for r in pic.rows), default=0) + 6
    plot = QRectF(
        rect.left() + label_w,
        rect.top(),
        rect.width() - label_w - words_w,
        len(pic.rows) * ROW_PT,
    )
    low, high = (math.log10(v) for v in pic.axis)

    def x_of(ratio: float) -> float:
        value = min(max(math.log10(max(ratio, 1e-9)), low), high)
        return plot.left() + plot.width() * (value - low) / (high - low)

    axis_pen = QPen(QColor("#555555"), 0.6)
    # Ticks and the "no difference" line first, so the rows are drawn over them. "no
    # difference" is labelled first; a tick whose word would overlap a label is left bare.
    taken: list[QRectF] = []
    ticks = sorted(TICKS, key=lambda t: t[0] != 1.0)
    for value, word in ticks:
        if not pic.axis[0] <= value <= pic.axis[1]:
            continue
        x = x_of(value)
        painter.setPen(QPen(QColor("#dddddd"), 0.4))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        text = tr("no difference") if value == 1.0 else tr(word)
        width = fm.horizontalAdvance(text) + 4
        box = QRectF(x - width / 2, plot.bottom() + 1, width, fm.height())
        if any(box.intersects(other) for other in taken):
            continue
        taken.append(box)
        painter.setPen(axis_pen)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)
    painter.setPen(QPen(QColor("#222222"), 0.9, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(x_of(1.0), plot.top()), QPointF(x_of(1.0), plot.bottom()))
    painter.setPen(axis_pen)
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + fm.height() + 1, plot.width(), fm.height()),
        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
        tr("← fewer twitches · more twitches →"),
    )

    for index, row in enumerate(pic.rows):
        y = plot.top() + ROW_PT * (index + 0.5)
        ink = INK[row.mark]
        painter.setPen(QPen(QColor("#222222")))
        label = fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w - 6)
        painter.drawText(
            QRectF(rect.left(), y - ROW_PT / 2, label_w - 6, ROW_PT),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        if row.ratio is not None and row.low is not None and row.high is not None:
            high_x = x_of(row.high) if math.isfinite(row.high) else plot.right()
            painter.setPen(QPen(ink, 2.2 if row.mark is Mark.LIKELY else 1.6))
            painter.drawLine(QPointF(x_of(row.low), y), QPointF(high_x, y))
            painter.setBrush(QBrush(ink))
            painter.drawEllipse(QPointF(x_of(row.ratio), y), 2.6, 2.6)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        font.setBold(row.mark in (Mark.LIKELY, Mark.POSSIBLE))
        painter.setFont(font)
        painter.setPen(QPen(ink))
        painter.drawText(
            QRectF(plot.right() + 6, y - ROW_PT / 2, words_w, ROW_PT),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            row.words,
        )
        font.setBold(False)
        painter.setFont(font)
    painter.setPen(axis_pen)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.restore()
