"""Settings, built from the one declaration in core.settings_schema, plus the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.changes import Change
from ..core.settings_schema import SETTINGS, SettingError, SettingSpec, parse_time
from ..runtime.context import AppContext
from ..store.backup import list_backups
from ..store.settings import get_setting
from ..store.supplements import magnesium_offered
from .dates import day_text
from .feedback import say
from .form_errors import FieldErrors

if TYPE_CHECKING:
    from ..controllers.data import DataController
    from ..controllers.reminders import RemindersController
    from ..controllers.settings import SettingsController


def _wrapping_check(box: QCheckBox, text: str) -> QWidget:
    """`box` with `text` beside it in a word-wrapped label; a click on the text ticks it."""
    box.setAccessibleName(text)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setBuddy(box)
    label.mousePressEvent = lambda _event: box.click()  # type: ignore[method-assign]
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(box)
    layout.addWidget(label, 1)
    return row


class SettingsPage(QWidget):
    """Every change goes through a controller: a setting through `settings`, a reminder
    through `reminders`, backups and the data actions through `data`."""

    def __init__(
        self,
        ctx: AppContext,
        settings: SettingsController,
        reminders: RemindersController,
        data: DataController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings
        self._data = data
        self.editors: dict[str, QWidget] = {}
        self._errors: dict[str, FieldErrors] = {}
        self._loading = False
        content = QWidget()
        layout = QVBoxLayout(content)
        sections: dict[str, tuple[QFormLayout, FieldErrors]] = {}
        self.adult_only_boxes: list[QGroupBox] = []  # hidden under 18 (store/supplements)
        for spec in SETTINGS:
            if not spec.visible:
                continue
            if spec.section not in sections:
                box = QGroupBox(self.tr(spec.section))
                form = QFormLayout(box)
                sections[spec.section] = (form, FieldErrors(form))
                layout.addWidget(box)
                shown = [s for s in SETTINGS if s.section == spec.section and s.visible]
                if all(s.adult_only for s in shown):
                    self.adult_only_boxes.append(box)
            form, errors = sections[spec.section]
            editor = self._editor(spec)
            if spec.help:
                editor.setToolTip(self.tr(spec.help))
            if isinstance(editor, QCheckBox):
                # A long sentence as a form label would push every field aside: the check
                # box carries its own text, in a label that wraps in a narrow window.
                errors.add_row(spec.key, "", _wrapping_check(editor, self.tr(spec.label)))
            else:
                errors.add_row(spec.key, self.tr(spec.label) + ":", editor)
            if spec.help:
                hint = QLabel(self.tr(spec.help))
                hint.setWordWrap(True)
                hint.setEnabled(False)
                form.addRow("", hint)
            self.editors[spec.key] = editor
            self._errors[spec.key] = errors
            if spec.key == "magnesium_dose_mg":
                # FACTS.md: a dose above 250 mg names both upper limits; above 350 mg it
                # needs a doctor's advice. The same words as the reminder's dose field.
                self.dose_note = QLabel()
                self.dose_note.setObjectName("settings_dose_note")
                self.dose_note.setWordWrap(True)
                form.addRow("", self.dose_note)
                assert isinstance(editor, QSpinBox | QDoubleSpinBox)
                editor.valueChanged.connect(self._update_dose_note)
        from .reminders_settings import RemindersSettings

        reminders_box = QGroupBox(self.tr("Reminders"))
        self.reminders = RemindersSettings(ctx, reminders, settings)
        QVBoxLayout(reminders_box).addWidget(self.reminders)
        layout.addWidget(reminders_box)
        layout.addWidget(self._data_box())
        layout.addStretch(1)
        # In a narrow window (a scale of 2 on a laptop) a label goes above its field.
        forms = content.findChildren(QFormLayout)
        labels: list[QLabel] = []
        for form_layout in forms:
            form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for row in range(form_layout.rowCount()):
                field = form_layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                widget = field.widget() if field is not None else None
                if isinstance(widget, QAbstractSpinBox | QComboBox):
                    # Times, numbers and choices as wide as they need, not the whole row.
                    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                item = form_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel) and label.text():
                    labels.append(label)
        # One label column for every box, so the fields line up down the page.
        widest = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(widest)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("settings_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setContentsMargins(9, 9, 9, 0)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(title)
        outer.addWidget(scroll)
        self.load()
        ctx.signals.data_changed.connect(self._data_changed)

    # --- one editor per setting type ----------------------------------------------------------

    def _editor(self, spec: SettingSpec) -> QWidget:
        if spec.type == "bool":
            box = QCheckBox()
            box.toggled.connect(lambda value, k=spec.key: self._save(k, value))
            return box
        if spec.type == "country":
            from .country_choice import CountryChoice

            country = CountryChoice(automatic=True)
            country.country_chosen.connect(lambda code, k=spec.key: self._save(k, code))
            return country
        if spec.type == "choice":
            combo = QComboBox()
            for value, label in spec.choices:
                combo.addItem(self.tr(label), value)
            combo.currentIndexChanged.connect(
                lambda _i, k=spec.key, c=combo: self._save(k, c.currentData())
            )
            return combo
        if spec.type == "time":
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(
                lambda value, k=spec.key: self._save(k, value.toString("HH:mm"))
            )
            return edit
        if spec.type == "int":
            spin = QSpinBox()
            spin.setRange(int(spec.minimum or 0), int(spec.maximum or 100000))
            spin.setSuffix(spec.suffix)
            spin.valueChanged.connect(lambda value, k=spec.key: self._save(k, value))
            return spin
        double = QDoubleSpinBox()
        double.setDecimals(1)
        double.setSingleStep(0.5)
        double.setRange(spec.minimum or 0.0, spec.maximum or 100000.0)
        double.setSuffix(spec.suffix)
        double.valueChanged.connect(lambda value, k=spec.key: self._save(k, value))
        return double

    def load(self) -> None:
        self._loading = True
        try:
            for key, editor in self.editors.items():
                self._set_editor(editor, get_setting(key))
        finally:
            self._loading = False
        for box in self.adult_only_boxes:  # under 18: no dose shown, none pre-filled
            box.setVisible(magnesium_offered())
        dose = self.editors["magnesium_dose_mg"]
        assert isinstance(dose, QSpinBox | QDoubleSpinBox)
        self._update_dose_note(dose.value())

    def _set_editor(self, editor: QWidget, value: Any) -> None:
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QTimeEdit):
            parsed = parse_time(value)
            editor.setTime(QTime(parsed.hour, parsed.minute))
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)

    def _save(self, key: str, value: Any) -> None:
        if self._loading:
            return
        try:
            self._settings.set(key, value)
        except SettingError as exc:
            self._errors[key].show({key: str(exc)})
            return
        self._errors[key].show({})

    def _update_dose_note(self, mg: float) -> None:
        from ..reminders.texts import dose_message

        message = dose_message(float(mg))
        self.dose_note.setText(("⚠ " + message) if message else "")
        self.dose_note.setVisible(bool(message))

    def _data_changed(self, change: Change) -> None:
        # The Reminders section edits some of the same settings (cutoff, dose, form).
        match change:
            case Change.SETTINGS | Change.REMINDER:
                self.load()
            case Change.ALL:  # a restore or an import: the settings and the backups
                self.load()
                self.refresh_backups()
            case _:
                pass

    # --- data folder and backups --------------------------------------------------------------

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your data"))
        layout = QVBoxLayout(box)
        where = QLabel(
            self.tr("Everything is stored on this computer only, in:\n%1").replace(
                "%1", str(self.ctx.data_dir)
            )
        )
        where.setWordWrap(True)
        open_button = QPushButton(self.tr("&Open data folder"))
        open_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))
        )
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName(self.tr("Backups"))
        self.backup_list.setMaximumHeight(140)
        backup_now = QPushButton(self.tr("&Back up now"))
        backup_now.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("&Restore selected backup…"))
        self.restore_button.clicked.connect(self._restore_clicked)
        row = QHBoxLayout()
        for widget in (open_button, backup_now, self.restore_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addWidget(where)
        label = QLabel(self.tr("Backups (one a day, the last 7 kept plus one a week for a month):"))
        label.setBuddy(self.backup_list)
        layout.addWidget(label)
        layout.addWidget(self.backup_list)
        layout.addLayout(row)
        self.extra_data_layout = layout  # other features add their data actions here
        # --- data actions (issue 6): export all, import, delete all ---
        from .data_actions import DataActions

        self.data_actions = DataActions(self.ctx, self._data, self._settings)
        layout.addWidget(self.data_actions)
        # --- end data actions ---
        self.refresh_backups()
        return box

    def refresh_backups(self) -> None:
        self.backup_list.clear()
        for item in list_backups(self.ctx.backup_dir):
            text = day_text(item.day) + (self.tr(" (before an upgrade)") if item.note else "")
            entry = QListWidgetItem(text)
            entry.setData(256, str(item.path))
            self.backup_list.addItem(entry)
        if self.backup_list.count():
            self.backup_list.setCurrentRow(0)
        self.restore_button.setEnabled(self.backup_list.count() > 0)

    def backup_now(self) -> None:
        try:
            target = self._data.backup_now()
        except Exception as exc:
            from ..store.database.storage_errors import is_storage_error
            from .storage_errors import describe

            if not (isinstance(exc, OSError) or is_storage_error(exc)):
                raise
            QMessageBox.warning(
                self,
                self.tr("Backup failed"),
                self.tr("No backup was taken: %1.").replace("%1", describe(exc)),
            )
            return
        self.refresh_backups()
        say(self, self.tr("Backup taken: %1").replace("%1", str(target)))

    def _restore_clicked(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Replace your current data with the backup from %1?\n\nYour current data file "
                "is kept beside it (renamed, not deleted), so this can be reversed."
            ).replace("%1", item.text()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(item.data(256))

    def restore(self, backup_path: str) -> bool:
        try:
            self._data.restore(Path(backup_path))
        except Exception as exc:  # the old file is untouched and open again
            from .storage_errors import describe

            QMessageBox.warning(
                self,
                self.tr("Restore failed"),
                self.tr("The backup could not be restored; nothing was changed.\n%1").replace(
                    "%1", describe(exc)
                ),
            )
            return False
        say(
            self,
            self.tr(
                "Restored the backup %1. Your data from before is kept beside it; restore it "
                "the same way to go back."
            ).replace("%1", Path(backup_path).name),
        )
        return True
