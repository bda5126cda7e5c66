"""The Today page's caffeine card: the day's total against the limit (a bar that turns amber
near it and red over it, with words that say so too), and the caffeine in the body now and
expected at bedtime as a small curve.

The model is the one the late-drink reminders use (core/caffeine.py: a cautious 5-hour
half-life by default, from Settings). The curve is painted with QPainter, not pyqtgraph: it
is on the first frame, and pyqtgraph (with numpy) costs a third of a second to import.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..core.caffeine_limit import LimitLevel, limit_level
from ..core.entries import TodaySummary
from ..store.settings import get_setting, get_time
from .dates import time_text

if TYPE_CHECKING:
    from .today_curve import CaffeineCurve

# Okabe-Ito orange and vermillion: amber near the limit, red over it.
LEVEL_COLOURS = {LimitLevel.NEAR: "#E69F00", LimitLevel.OVER: "#D55E00"}


def reserve_lines(label: QLabel, lines: int) -> None:
    """Keep room for `lines` lines of text, so a card does not jump in height when its text
    grows (an empty day, then one with six twitches listed)."""
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * lines + 2)


class CaffeineCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Caffeine today"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Caffeine against the daily limit"))
        self.body_now = QLabel()
        self.body_now.setWordWrap(True)
        self.body_now.hide()
        # Room for the total and the drinks, and for the body now and at bedtime, so the card
        # keeps its height from an empty day to a day of drinks.
        reserve_lines(self.body, 3)
        reserve_lines(self.body_now, 2)
        layout.addWidget(heading)
        layout.addWidget(self.body)
        layout.addWidget(self.bar)
        layout.addWidget(self.body_now)
        # The body now and at bedtime (text and curve) come just after the first paint.
        self.curve: CaffeineCurve | None = None
        self._shown: tuple[TodaySummary, datetime, tzinfo, time] | None = None
        self.level = LimitLevel.OK
        self.now_mg = 0.0
        self.bedtime_mg: float | None = None
        self._coloured = False  # the bar's Highlight set for a level (else: the theme's)

    def show_day(self, summary: TodaySummary, now: datetime, zone: tzinfo, day_start: time) -> None:
        limit = int(get_setting("caffeine_limit_mg"))
        target = int(get_setting("caffeine_target_mg"))
        half_life = float(get_setting("caffeine_half_life_h"))
        bedtime = get_time("bedtime")
        mg = round(summary.caffeine_mg)
        self.level = limit_level(mg, limit)
        text = (
            self.tr("%1 mg of your %2 mg daily limit")
            .replace("%1", f"{mg:,}")
            .replace("%2", f"{limit:,}")
        )
        if self.level is LimitLevel.OVER:
            text = "⚠ " + text + self.tr(" — over the limit")
        elif self.level is LimitLevel.NEAR:
            text += self.tr(" — near the limit")
        elif mg > target:
            text += self.tr(" (above your own target of %1 mg)").replace("%1", str(target))
        if summary.drinks:
            text += "\n" + ", ".join(
                f"{time_text(d.taken_at.astimezone(zone))} {d.label}" for d in summary.drinks
            )
        self.body.setText(text)
        self.bar.setRange(0, max(limit, 1))
        self.bar.setValue(min(mg, limit))
        self._colour_bar(LEVEL_COLOURS.get(self.level))
        self._shown = (summary, now, zone, day_start)
        if self.curve is not None:
            self._show_body(summary, now, zone, day_start, bedtime, half_life)

    def _colour_bar(self, colour: str | None) -> None:
        """Colour as well as words: the bar's fill follows the level. Only the Highlight role
        is set, so the rest follows the theme; back at OK, an empty palette (nothing set)
        hands the bar back to the theme. Not QPalette(other): PySide's first copy
        construction costs ~20 ms, and this runs before the first paint. QPalette and QColor
        are imported here: a day under the limit (most starts) never needs them."""
        if colour is None and not self._coloured:
            return
        from PySide6.QtGui import QColor, QPalette

        if colour is not None:
            palette = self.bar.palette()
            palette.setColor(QPalette.ColorRole.Highlight, QColor(colour))
            self.bar.setPalette(palette)
            self._coloured = True
        else:
            self.bar.setPalette(QPalette())
            self._coloured = False

    def first_paint_done(self) -> None:
        """Build the curve and show the body now and at bedtime (the first frame has the
        day's total and the bar)."""
        from PySide6.QtCore import Qt

        from .today_curve import CaffeineCurve

        for label in (self.body, self.body_now):  # at the top of the room kept for them
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if self.curve is None:
            self.curve = CaffeineCurve()
            layout = self.layout()
            assert layout is not None  # the card's, from its constructor
            layout.addWidget(self.curve)
            policy = self.curve.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # no curve (no drinks) keeps its place
            self.curve.setSizePolicy(policy)
            self.body_now.show()
        if self._shown is not None:
            half_life = float(get_setting("caffeine_half_life_h"))
            self._show_body(*self._shown, get_time("bedtime"), half_life)

    def _show_body(
        self,
        summary: TodaySummary,
        now: datetime,
        zone: tzinfo,
        day_start: time,
        bedtime: time,
        half_life: float,
    ) -> None:
        from ..core.caffeine import (
            CaffeineDose,
            bedtime_instant,
            body_curve,
            caffeine_remaining_at,
        )

        assert self.curve is not None
        doses = [CaffeineDose(d.taken_at, d.caffeine_mg or 0.0) for d in summary.drinks]
        doses = [d for d in doses if d.caffeine_mg > 0]
        if not doses:
            self.now_mg, self.bedtime_mg = 0.0, None
            self.body_now.setText(self.tr("No caffeine in your body from today's drinks."))
            self.curve.setVisible(False)
            return
        bed_at = bedtime_instant(summary.day, bedtime, zone, day_start)
        self.now_mg = caffeine_remaining_at(doses, now, half_life)
        clock = time_text(bedtime)
        if bed_at > now:
            self.bedtime_mg = caffeine_remaining_at(doses, bed_at, half_life)
            words = (
                self.tr("In your body now: about %1 mg. Expected at bedtime (%2): about %3 mg.")
                .replace("%1", f"{self.now_mg:,.0f}")
                .replace("%2", clock)
                .replace("%3", f"{self.bedtime_mg:,.0f}")
            )
        else:
            self.bedtime_mg = None
            words = self.tr("In your body now: about %1 mg.").replace("%1", f"{self.now_mg:,.0f}")
        self.body_now.setText(words)
        first = min(d.taken_at for d in doses)
        start = min(first, now) - timedelta(minutes=30)
        end = max(bed_at, now) + timedelta(minutes=30)
        span = (end - start).total_seconds()
        points = [
            ((t - start).total_seconds() / span, value)
            for t, value in body_curve(doses, start, end, half_life_h=half_life)
        ]
        self.curve.set_curve(
            points,
            (now - start).total_seconds() / span,
            (bed_at - start).total_seconds() / span if bed_at > now else None,
            self.tr("now"),
            self.tr("bedtime %1").replace("%1", clock),
        )
        self.curve.setAccessibleName(words)
        self.curve.setVisible(True)
