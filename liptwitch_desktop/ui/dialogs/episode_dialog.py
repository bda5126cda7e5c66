"""Log or edit one twitch episode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...core.entries import LOCATION_LABELS, Episode, Location
from ...core.validation import validate_episode
from ..timeedit import from_qdatetime, to_qdatetime
from .base import ValidatingDialog


class EpisodeDialog(ValidatingDialog):
    def __init__(
        self,
        now: Callable[[], datetime],
        zone: tzinfo,
        episode: Episode | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = episode is not None and episode.id is not None
        super().__init__(
            self.tr("Edit episode") if editing else self.tr("Log episode"), now, parent
        )
        start = episode or Episode(started_at=now() - timedelta(minutes=5), duration_s=60)
        self._original = start

        self.started = QDateTimeEdit(to_qdatetime(start.started_at, zone))
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.errors.add_row("started_at", self.tr("&Started:"), self.started)
        self.recheck_on(self.started.dateTimeChanged)

        self.minutes = QSpinBox()
        self.minutes.setRange(0, 7 * 24 * 60)
        self.minutes.setSuffix(self.tr(" min"))
        self.seconds = QSpinBox()
        self.seconds.setRange(0, 59)
        self.seconds.setSuffix(self.tr(" s"))
        self.running = QCheckBox(self.tr("Still &going"))
        if start.duration_s is None:
            self.running.setChecked(True)
        else:
            self.minutes.setValue(start.duration_s // 60)
            self.seconds.setValue(start.duration_s % 60)
        self.running.toggled.connect(self._sync_running)
        self.minutes.setAccessibleName(self.tr("Duration minutes"))
        self.seconds.setAccessibleName(self.tr("Duration seconds"))
        duration = QWidget()
        row = QHBoxLayout(duration)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.minutes)
        row.addWidget(self.seconds)
        row.addWidget(self.running)
        self.errors.add_row("duration_s", self.tr("&Duration:"), duration)
        self.minutes.setFocusPolicy(self.minutes.focusPolicy())
        self._sync_running(self.running.isChecked())

        self.intensity = QSpinBox()
        self.intensity.setRange(0, 11)  # out-of-range typing is refused with a message
        self.intensity.setValue(start.intensity)
        self.intensity.setToolTip(self.tr("1 = barely noticeable, 10 = the worst"))
        self.errors.add_row("intensity", self.tr("&Intensity (1-10):"), self.intensity)

        self.location = QComboBox()
        for loc, label in LOCATION_LABELS.items():
            self.location.addItem(self.tr(label), loc.value)
        self.location.setCurrentIndex(self.location.findData(start.location.value))
        self.errors.add_row("location", self.tr("&Where:"), self.location)

        self.activity = QLineEdit(start.activity)
        self.activity.setPlaceholderText(self.tr("e.g. at my desk, reading, driving"))
        self.errors.add_row("activity", self.tr("&Doing what:"), self.activity)

        self.tags = QLineEdit(", ".join(start.tags))
        self.tags.setPlaceholderText(self.tr("comma-separated, e.g. deadline, travel"))
        self.errors.add_row("tags", self.tr("&Tags:"), self.tags)

        self.notes = QPlainTextEdit(start.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.errors.add_row("notes", self.tr("&Notes:"), self.notes)

    def _sync_running(self, running: bool) -> None:
        self.minutes.setEnabled(not running)
        self.seconds.setEnabled(not running)

    def episode(self) -> Episode:
        duration = None
        if not self.running.isChecked():
            duration = self.minutes.value() * 60 + self.seconds.value()
        return Episode(
            id=self._original.id,
            started_at=from_qdatetime(self.started.dateTime()),
            duration_s=duration,
            intensity=self.intensity.value(),
            location=Location(self.location.currentData()),
            activity=self.activity.text().strip(),
            notes=self.notes.toPlainText(),
            tags=tuple(t.strip() for t in self.tags.text().split(",") if t.strip()),
        )

    def validate(self) -> dict[str, str]:
        return validate_episode(self.episode(), self._now())
