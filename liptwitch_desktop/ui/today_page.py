"""Today: what happened today at a glance, and the buttons used most, big."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.changes import Change
from ..core.durations import format_duration
from ..core.entries import LOCATION_LABELS, TodaySummary
from ..runtime.context import AppContext
from ..store.log_reads import has_triage_history, today_summary
from ..store.settings import get_setting
from .banners import BannerArea
from .flow_layout import FlowLayout


def _card(title: str) -> tuple[QFrame, QLabel]:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    body = QLabel()
    body.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(body)
    return frame, body


class TodayPage(QWidget):
    def __init__(
        self, ctx: AppContext, actions: Mapping[str, QAction], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actions_by_name = actions
        self.summary: TodaySummary | None = None
        self._painted = False

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.banners = BannerArea()

        # The first question a worried person has: offered until they have answered it once.
        # A button and a line of text, not a QCommandLinkButton: that one's set-up (its
        # icon and fonts) costs the first paint ~7 ms, and this reads the same.
        hint = self.tr(
            "A few questions, red flags first: whether to see a doctor, what is likely "
            "behind it, and what to do now."
        )
        self.triage_prompt = QPushButton(self.tr("Is this dangerous? Check my twitch  ›"))
        self.triage_prompt.setObjectName("triage_prompt")
        self.triage_prompt.setMinimumHeight(40)
        self.triage_prompt.setAccessibleDescription(hint)
        prompt_font = self.triage_prompt.font()
        prompt_font.setBold(True)
        self.triage_prompt.setFont(prompt_font)
        self.triage_prompt.clicked.connect(lambda: actions["start_triage"].trigger())
        self.triage_hint = QLabel(hint)
        self.triage_hint.setWordWrap(True)
        self.triage_box = QWidget()
        prompt_row = QHBoxLayout(self.triage_box)
        prompt_row.setContentsMargins(0, 0, 0, 0)
        prompt_row.addWidget(self.triage_prompt)
        prompt_row.addWidget(self.triage_hint, 1)

        self.twitch_button = QPushButton()
        self.twitch_button.setObjectName("twitch_button")
        self.twitch_button.setCheckable(True)
        self.twitch_button.setMinimumHeight(64)
        big = QFont(self.twitch_button.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        self.twitch_button.setFont(big)
        self.twitch_button.clicked.connect(lambda: actions["twitching_now"].trigger())

        buttons = FlowLayout()  # wraps on a narrow window (a scale of 2 on a laptop)
        self.quick_buttons: dict[str, QToolButton] = {}
        # new_medicine and doctor_report: report helper.
        names = ("log_episode", "log_drink", "log_magnesium", "checkin")
        for name in (*names, "new_medicine", "doctor_report"):
            action = actions[name]
            button = QToolButton()
            button.setDefaultAction(action)
            button.setMinimumHeight(40)
            button.setSizePolicy(self.twitch_button.sizePolicy())
            if action.menu() is not None:
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            self.quick_buttons[name] = button
            buttons.addWidget(button)

        self.episodes_card, self.episodes_body = _card(self.tr("Twitches today"))
        self.caffeine_card, self.caffeine_body = _card(self.tr("Caffeine today"))
        self.caffeine_bar = QProgressBar()
        self.caffeine_bar.setTextVisible(False)
        self.caffeine_bar.setAccessibleName(self.tr("Caffeine against the daily limit"))
        self.caffeine_card.layout().addWidget(self.caffeine_bar)
        self.magnesium_card, self.magnesium_body = _card(self.tr("Magnesium"))
        self.adherence_label = QLabel()
        self.adherence_label.setWordWrap(True)
        self.adherence_label.hide()
        self.magnesium_card.layout().addWidget(self.adherence_label)
        self.sleep_card, self.sleep_body = _card(self.tr("Last night's sleep"))
        cards = QGridLayout()
        cards.addWidget(self.episodes_card, 0, 0)
        cards.addWidget(self.caffeine_card, 0, 1)
        cards.addWidget(self.magnesium_card, 1, 0)
        cards.addWidget(self.sleep_card, 1, 1)
        cards.setColumnStretch(0, 1)
        cards.setColumnStretch(1, 1)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.banners)
        layout.addWidget(self.triage_box)
        layout.addWidget(self.twitch_button)
        layout.addLayout(buttons)
        layout.addLayout(cards)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_twitch_button)
        ctx.signals.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, change: Change) -> None:
        match change:
            case Change.MEDICINE:
                pass  # not on Today
            case _:  # the day's entries, the triage box, adherence, day start and zone
                self.refresh()

    def refresh(self) -> None:
        day = self.ctx.today()
        summary = today_summary(day, self.ctx.zone, self.ctx.day_start)
        self.summary = summary
        self.triage_box.setVisible(not has_triage_history())
        if self._painted:
            self._update_after_paint_notes()
        self.heading.setText(self.tr("Today, %1").replace("%1", day.strftime("%A %d %B")))
        self._update_twitch_button()
        if summary.running_episode is not None:
            self._tick.start()
        else:
            self._tick.stop()

        if summary.episodes:
            lines = []
            for ep in summary.episodes[-6:]:
                when = ep.started_at.astimezone(self.ctx.zone).strftime("%H:%M")
                lines.append(
                    f"{when} · {self.tr(LOCATION_LABELS[ep.location])} · "
                    f"{ep.intensity}/10 · {format_duration(ep.duration_s)}"
                )
            more = len(summary.episodes) - 6
            if more > 0:
                lines.append(self.tr("… and %1 more (see Log)").replace("%1", str(more)))
            count = len(summary.episodes)
            heading = (
                self.tr("1 twitch today")
                if count == 1
                else self.tr("%1 twitches today").replace("%1", str(count))
            )
            self.episodes_body.setText(heading + "\n" + "\n".join(lines))
        else:
            self.episodes_body.setText(self.tr("None logged today. Good."))

        limit = int(get_setting("caffeine_limit_mg"))
        target = int(get_setting("caffeine_target_mg"))
        mg = round(summary.caffeine_mg)
        text = (
            self.tr("%1 mg of your %2 mg daily limit")
            .replace("%1", str(mg))
            .replace("%2", str(limit))
        )
        if mg > limit:
            text = "⚠ " + text + self.tr(" — over the limit")
        elif mg > target:
            text += self.tr(" (above your own target of %1 mg)").replace("%1", str(target))
        if summary.drinks:
            text += "\n" + ", ".join(
                f"{d.taken_at.astimezone(self.ctx.zone).strftime('%H:%M')} {d.label}"
                for d in summary.drinks
            )
        self.caffeine_body.setText(text)
        self.caffeine_bar.setRange(0, max(limit, 1))
        self.caffeine_bar.setValue(min(mg, limit))

        if summary.magnesium_mg > 0:
            from ..core.magnesium import EU_UPPER_LIMIT_MG

            taken = self.tr("Taken: %1 mg elemental").replace("%1", f"{summary.magnesium_mg:g}")
            # The day's total against the upper limits, not only each dose (FACTS.md).
            if summary.magnesium_mg > EU_UPPER_LIMIT_MG:
                from ..reminders.texts import dose_message

                over = dose_message(summary.magnesium_mg)
                self.magnesium_body.setText(f"⚠ {taken}\n{over}")
            else:
                self.magnesium_body.setText(f"✓ {taken}")
        else:
            self.magnesium_body.setText(self.tr("Not taken yet today."))

        if summary.last_night_sleep_hours is not None:
            self.sleep_body.setText(
                (
                    self.tr("1 hour")
                    if summary.last_night_sleep_hours == 1
                    else self.tr("%1 hours").replace("%1", f"{summary.last_night_sleep_hours:g}")
                )
                + ("" if summary.last_night_sleep_hours >= 7 else self.tr(" — under 7 hours"))
            )
        else:
            self.sleep_body.setText(self.tr("No check-in yet. Use Check-in… to add it."))

    def first_paint_done(self) -> None:
        """Called by the window once it has painted: now the slower notices may come."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~30 ms the first time

        for body in (self.episodes_body, self.caffeine_body, self.magnesium_body, self.sleep_body):
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._painted = True
        self._update_after_paint_notes()

    def _update_after_paint_notes(self) -> None:
        # Secondary notes over weeks of data: they arrive just after the first paint.
        from ..reminders.texts import magnesium_adherence_text
        from ..store.aggregates import persistence_notice
        from ..store.reminder_store import magnesium_adherence

        day = self.ctx.today()
        adherence = magnesium_adherence(day, self.ctx.zone, self.ctx.day_start)
        self.adherence_label.setText(
            magnesium_adherence_text(adherence.taken_days, adherence.total_days)
        )
        self.adherence_label.setVisible(adherence.taken_days > 0)
        notice = persistence_notice(day, self.ctx.zone, self.ctx.day_start)
        if notice is None:
            self.banners.remove_banner("persistence")
        else:
            self.banners.show_banner("persistence", f"{notice.message}\n{notice.reason}", "info")

    def _update_twitch_button(self) -> None:
        running = self.summary.running_episode if self.summary else None
        self.twitch_button.setChecked(running is not None)
        if running is None:
            self.twitch_button.setText(self.tr("Twitching now"))
            self.twitch_button.setToolTip(
                self.tr("Starts an episode now; press again when it stops (Ctrl+T)")
            )
        else:
            seconds = int((self.ctx.clock.now() - running.started_at).total_seconds())
            self.twitch_button.setText(
                self.tr("■ Stop — twitching for %1").replace("%1", format_duration(seconds))
            )
        self.twitch_button.setAccessibleName(self.twitch_button.text())
