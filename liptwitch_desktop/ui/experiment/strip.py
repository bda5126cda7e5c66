"""The plan as a calendar strip: one box per period, change or as usual, with its dates.

Before the start the coin has not been tossed: each pair shows as two boxes marked "?",
with the pair bracketed, so the person sees the shape (pairs, one of each kind) before the
order exists. Colours are paired with words and patterns, never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..dates import day_month_text

CHANGE_COLOUR = QColor(46, 125, 50)  # green, with a hatch
USUAL_COLOUR = QColor(120, 144, 156)  # grey-blue, plain


@dataclass(frozen=True, slots=True)
class StripBox:
    label: str  # "Week 3"
    kind: str | None  # "change", "usual", or None while the coin has not decided
    first_day: date | None = None
    last_day: date | None = None
    current: bool = False
    done: bool = False
    waiting: bool = False  # after an open pause: its kind is known, its days are not


class CalendarStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[StripBox] = []
        self.setMinimumHeight(86)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_boxes(self, boxes: list[StripBox]) -> None:
        self.boxes = boxes
        self.setAccessibleName(self.describe())
        self.update()

    def describe(self) -> str:
        """The strip in words, for a screen reader and the tooltip."""
        parts = []
        for box in self.boxes:
            kind = {
                "change": self.tr("change"),
                "usual": self.tr("as usual"),
                None: self.tr("decided by the coin"),
            }[box.kind]
            when = f" ({day_month_text(box.first_day)})" if box.first_day is not None else ""
            parts.append(f"{box.label}{when}: {kind}")
        return "; ".join(parts)

    def sizeHint(self) -> QSize:
        return QSize(max(300, 64 * len(self.boxes)), 86)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.boxes:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        n = len(self.boxes)
        gap = 4.0
        width = (self.width() - gap * (n + 1)) / n
        top, height = 18.0, 44.0
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        for i, box in enumerate(self.boxes):
            x = gap + i * (width + gap)
            rect = QRectF(x, top, width, height)
            if i % 2 == 0:  # bracket each pair above its two boxes
                painter.setPen(QPen(text, 1))
                pair = QRectF(x, 2, 2 * width + gap, 12)
                painter.drawLine(pair.bottomLeft(), pair.topLeft())
                painter.drawLine(pair.topLeft(), pair.topRight())
                painter.drawLine(pair.topRight(), pair.bottomRight())
            if box.kind == "change":
                fill = QColor(CHANGE_COLOUR)
                label = self.tr("change")
            elif box.kind == "usual":
                fill = QColor(USUAL_COLOUR)
                label = self.tr("as usual")
            else:
                fill = pal.color(QPalette.ColorRole.Mid)
                label = "?"
            if box.done or box.waiting:
                fill.setAlpha(150 if box.done else 90)
            painter.setBrush(QBrush(fill))
            pen = QPen(text, 3 if box.current else 1)
            if box.waiting:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRoundedRect(rect, 4, 4)
            if box.kind == "change":
                painter.setBrush(QBrush(QColor(255, 255, 255, 70), Qt.BrushStyle.BDiagPattern))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QPen(QColor("white") if box.kind else text))
            painter.setFont(small)
            painter.drawText(
                rect.adjusted(2, 2, -2, -height / 2),
                Qt.AlignmentFlag.AlignCenter,
                box.label,
            )
            painter.drawText(
                rect.adjusted(2, height / 2, -2, -2), Qt.AlignmentFlag.AlignCenter, label
            )
            if box.waiting:
                painter.setPen(QPen(text))
                painter.drawText(
                    QRectF(x, top + height + 2, width, 18),
                    Qt.AlignmentFlag.AlignCenter,
                    self.tr("waits"),
                )
            if box.first_day is not None:
                painter.setPen(QPen(text))
                day = day_month_text(box.first_day)
                painter.drawText(
                    QRectF(x, top + height + 2, width, 18), Qt.AlignmentFlag.AlignCenter, day
                )
        painter.end()


def plan_boxes(exp: object, today: date, tr: object) -> list[StripBox]:
    """The boxes of a stored plan: its periods with their days, then any waiting on a pause."""
    from ...core.experiment import schedule
    from ...core.experiment.plan import Experiment
    from ...core.experiment.wording import _which

    assert isinstance(exp, Experiment)
    sched = schedule(exp)
    out = [
        StripBox(
            _which(p.index, exp, tr),  # type: ignore[arg-type]
            p.arm.value,
            p.first_day,
            p.last_day,
            current=p.first_day <= today <= p.last_day,
            done=p.last_day < today,
        )
        for p in sched.periods
    ]
    out += [
        StripBox(_which(p.index, exp, tr), p.arm.value, waiting=True)  # type: ignore[arg-type]
        for p in sched.pending
    ]
    return out


def preview_boxes(periods: int, period_days: int, start: date, tr: object) -> list[StripBox]:
    """The shape of a plan before the coin is tossed: pairs of "?" with their dates."""
    from datetime import timedelta

    per = max(1, period_days // 7)
    boxes = []
    for i in range(periods):
        first = start + timedelta(days=i * period_days)
        if per == 1:
            label = tr("Week {n}").format(n=i + 1)  # type: ignore[operator]
        else:
            label = tr("Weeks {a}–{b}").format(a=i * per + 1, b=(i + 1) * per)  # type: ignore[operator]
        boxes.append(StripBox(label, None, first, first + timedelta(days=period_days - 1)))
    return boxes
