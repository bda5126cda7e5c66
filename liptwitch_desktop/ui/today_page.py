"""Today: what happened today at a glance, and the buttons used most, big."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
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
from ..store.log_reads import get_checkin, has_triage_history, today_summary
from .banners import BannerArea
from .dates import long_day_text, time_text
from .today_caffeine import CaffeineCard, reserve_lines
from .today_clock import CLOCK_BANNER, clock_banner, stop_text


def _add_to_card(card: QFrame, widget: QWidget) -> None:
    layout = card.layout()
    assert isinstance(layout, QVBoxLayout)  # every card has its layout from _card
    layout.insertWidget(layout.count() - 1, widget)  # above the card's closing stretch


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
    layout.addStretch(1)  # a card taller than its text (its row's other card) keeps it on top
    return frame, body


class TodayPage(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        actions: Mapping[str, QAction],
        parent: QWidget | None = None,
        note_experiment_seen: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # ExperimentController.note_seen: the card remembers today as seen (issue 17).
        self._note_experiment_seen = note_experiment_seen
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
        self.twitch_button.clicked.connect(lambda: self._twitching_now(actions["twitching_now"]))

        # One row for the first frame; after it, a flow that wraps on a narrow window (a
        # scale of 2 on a laptop): the flow's layout reads Qt's enums, and the Qt namespace
        # costs the first frame ~20 ms the first time (`first_paint_done`).
        self.quick_row = QWidget()
        buttons = QHBoxLayout(self.quick_row)
        buttons.setContentsMargins(0, 0, 0, 0)
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
        self.caffeine_card = CaffeineCard()
        self.caffeine_body = self.caffeine_card.body
        self.caffeine_bar = self.caffeine_card.bar
        self.magnesium_card, self.magnesium_body = _card(self.tr("Magnesium"))
        self.adherence_label = QLabel()
        self.adherence_label.setWordWrap(True)
        self.adherence_label.hide()
        _add_to_card(self.magnesium_card, self.adherence_label)
        self.sleep_card, self.sleep_body = _card(self.tr("Sleep and stress"))
        # The most lines each card shows: the heading and six twitches and "… and N more";
        # a dose and the warning over the limit (up to four lines wrapped); sleep and stress.
        for body, lines in ((self.episodes_body, 8), (self.magnesium_body, 5)):
            reserve_lines(body, lines)
        reserve_lines(self.sleep_body, 2)
        reserve_lines(self.adherence_label, 1)
        policy = self.adherence_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # its line is kept while it is hidden
        self.adherence_label.setSizePolicy(policy)
        cards = QGridLayout()
        cards.addWidget(self.episodes_card, 0, 0)
        cards.addWidget(self.caffeine_card, 0, 1)
        cards.addWidget(self.magnesium_card, 1, 0)
        cards.addWidget(self.sleep_card, 1, 1)
        cards.setColumnStretch(0, 1)
        cards.setColumnStretch(1, 1)

        content = QWidget()
        layout = QVBoxLayout(content)
        self._content_layout = layout  # the experiment card joins it after the first paint
        layout.addWidget(self.heading)
        layout.addWidget(self.banners)
        layout.addWidget(self.triage_box)
        layout.addWidget(self.twitch_button)
        layout.addWidget(self.quick_row)
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
        self._clock_check = QTimer(self)
        self._clock_check.setInterval(60_000)
        self._clock_check.timeout.connect(self._update_clock_banner)
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
        heading = self.tr("Today, %1").replace("%1", long_day_text(day, with_year=False))
        self.heading.setText(heading)
        self._update_clock_banner()
        self._update_twitch_button()
        if summary.running_episode is not None:
            self._tick.start()
        else:
            self._tick.stop()

        if summary.episodes:
            lines = []
            for ep in summary.episodes[-6:]:
                when = time_text(ep.started_at.astimezone(self.ctx.zone))
                lines.append(
                    f"{when} · {self.tr(LOCATION_LABELS[ep.location])} · "
                    f"{ep.intensity}/10 · {format_duration(ep.duration_s)}"
                )
            more = len(summary.episodes) - 6
            if more > 0:
                lines.append(self.tr("… and %1 more (see Log)").replace("%1", str(more)))
            count = len(summary.episodes)
            heading = self.tr("%n twitch(es) today", "", count)
            self.episodes_body.setText(heading + "\n" + "\n".join(lines))
        else:
            self.episodes_body.setText(self.tr("None logged today. Good."))

        self.caffeine_card.show_day(
            summary, self.ctx.clock.now(), self.ctx.zone, self.ctx.day_start
        )

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

        self.sleep_body.setText(self._sleep_and_stress(summary))

    def _sleep_and_stress(self, summary: TodaySummary) -> str:
        """Last night's sleep and today's stress, side by side (from the check-in)."""
        sleep = summary.last_night_sleep_hours
        checkin = get_checkin(summary.day) if summary.checked_in else None
        stress = checkin.stress if checkin is not None else None
        if sleep is None and stress is None:
            return self.tr("No check-in yet. Use Check-in… to add it.")
        lines = []
        if sleep is not None:
            lines.append(
                (
                    # Qt's %n counts whole numbers only; 7.5 h reads "7.5 hours".
                    self.tr("Sleep last night: %n hour(s)", "", int(sleep))
                    if float(sleep).is_integer()
                    else self.tr("Sleep last night: %1 hours").replace("%1", f"{sleep:g}")
                )
                + ("" if sleep >= 7 else self.tr(" — under 7 hours"))
            )
        else:
            lines.append(self.tr("Sleep last night: not in the check-in"))
        if stress is not None:
            lines.append(
                self.tr("Stress today: %1 of 10").replace("%1", str(stress))
                + (self.tr(" — high") if stress >= 7 else "")
            )
        else:
            lines.append(self.tr("Stress today: not in the check-in"))
        return "\n".join(lines)

    def first_paint_done(self) -> None:
        """Called by the window once it has painted: now the slower notices may come."""
        from PySide6.QtCore import Qt  # the Qt namespace costs ~30 ms the first time

        for body in (self.episodes_body, self.caffeine_body, self.magnesium_body, self.sleep_body):
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # At the top of the room kept for it (reserve_lines), not centred in it.
            body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._wrap_quick_buttons()
        self._painted = True
        self.caffeine_card.first_paint_done()
        self._update_after_paint_notes()
        self._add_experiment_card()

    def _wrap_quick_buttons(self) -> None:
        from .flow_layout import FlowLayout

        row = self.quick_layout = FlowLayout()
        for button in self.quick_buttons.values():
            row.addWidget(button)  # (takes each out of the one-row layout)
        old = self.quick_row.layout()
        if old is not None:
            QWidget().setLayout(old)  # the one-row layout goes with a throwaway widget
        self.quick_row.setLayout(row)

    def _add_experiment_card(self) -> None:
        """Issue 17: the running experiment's line (ui/experiment/card.py), after the paint."""
        from .experiment.card import ExperimentCard

        if getattr(self, "experiment_card", None) is not None:
            return  # once: the window may say "painted" again
        action = self.actions_by_name.get("open_experiment")
        self.experiment_card = ExperimentCard(
            self.ctx,
            action.trigger if action else lambda: None,
            note_seen=self._note_experiment_seen,
        )
        self._content_layout.insertWidget(
            self._content_layout.indexOf(self.triage_box) + 1, self.experiment_card
        )

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

    def _twitching_now(self, action: QAction) -> None:
        action.trigger()
        # The click toggled the button; when nothing was saved (a clock that looks wrong)
        # no change came back to set it again, so it is set from the store here.
        self._update_twitch_button()

    def _update_clock_banner(self) -> None:
        clock = clock_banner(self.ctx.clock.now(), self.ctx.zone)
        if clock is None:
            self.banners.remove_banner(CLOCK_BANNER)
            self._clock_check.stop()
        else:  # looked at again each minute: it goes once the clock is set
            self.banners.show_banner(CLOCK_BANNER, clock, "warning")
            if not self._clock_check.isActive():
                self._clock_check.start()

    def _update_twitch_button(self) -> None:
        running = self.summary.running_episode if self.summary else None
        self.twitch_button.setChecked(running is not None)
        if running is None:
            self.twitch_button.setText(self.tr("Twitching now"))
            self.twitch_button.setToolTip(
                self.tr("Starts an episode now; press again when it stops (Ctrl+T)")
            )
        else:
            self.twitch_button.setText(
                stop_text(running.started_at, self.ctx.clock.now(), self.ctx.zone)
            )
        self.twitch_button.setAccessibleName(self.twitch_button.text())
