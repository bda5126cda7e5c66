""" "Report for my doctor…": choose the period, preview the pages, save as PDF or print.

The preview images are painted by the same `ReportPages` that writes the PDF, so what the
person sees is what the doctor gets. The name and date of birth typed here go on the page
only: they are never written to the database or the settings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.report.data import EmptyPeriod, ReportData
from ..report.paper import ReportPages, paper_for_locale
from ..report.pdf import write_report_pdf
from ..report.words import tr
from ..runtime.context import AppContext
from ..store.report_query import build_report_for
from .colours import error_style
from .dates import day_text
from .screen_fit import resize_within_screen

if TYPE_CHECKING:  # imported when printing (QtPrintSupport costs the first paint)
    from PySide6.QtPrintSupport import QPrinter

PERIODS = (
    ("4w", "Last 4 weeks"),
    ("3m", "Last 3 months"),
    ("custom", "Custom period"),
)
PREVIEW_DPI = 60.0


def parse_birth_date(text: str, today: date) -> date | None:
    """A real day in the past, written as 1990-01-31, 31/01/1990 or 31.01.1990."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            day = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return day if date(1900, 1, 1) <= day <= today else None
    return None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Report for my doctor"))
        resize_within_screen(self, 820, 760)
        self.data: ReportData | None = None
        self.pages: ReportPages | None = None
        self.page_size = paper_for_locale()

        self.period = QComboBox()
        for value, label in PERIODS:
            self.period.addItem(self.tr(label), value)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMaximumDate(_qdate(ctx.today()))
        self.first.setAccessibleName(self.tr("First day"))
        self.last.setAccessibleName(self.tr("Last day"))
        dates = QHBoxLayout()
        dates.addWidget(self.first)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.last)
        dates.addStretch(1)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("optional; printed on the report only"))
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(self.tr("optional, e.g. 1990-01-31"))
        self.notes = QCheckBox(self.tr("&Include my notes"))
        self.notes.setToolTip(self.tr("Your notes are left out unless you tick this."))

        form = QFormLayout()
        form.addRow(self._buddy(self.tr("&Period:"), self.period), self.period)
        form.addRow(self._buddy(self.tr("&From:"), self.first), dates)
        form.addRow(self._buddy(self.tr("&Name:"), self.name), self.name)
        form.addRow(self._buddy(self.tr("&Date of birth:"), self.birth), self.birth)
        self.birth_error = QLabel()
        self.birth_error.setObjectName("report_birth_error")
        self.birth_error.setWordWrap(True)
        self.birth_error.setStyleSheet(error_style(self))
        self.birth_error.hide()
        form.addRow("", self.birth_error)
        form.addRow("", self.notes)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Report status"))
        self.preview_area = QWidget()
        self.preview_layout = QVBoxLayout(self.preview_area)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_labels: list[QLabel] = []
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview_area)
        scroll.setAccessibleName(self.tr("Preview of the report pages"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button.clicked.connect(self.print_report)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.first.dateChanged.connect(self._custom_changed)
        self.last.dateChanged.connect(self._custom_changed)
        self.notes.toggled.connect(self.refresh)
        self.name.editingFinished.connect(self.refresh)
        self.birth.editingFinished.connect(self.refresh)
        self._period_changed()

    def birth_date(self) -> str:
        """The date of birth as a real date (ISO), or "" with the reason shown under it:
        31/02 or a date in the future is never printed on the report."""
        text = self.birth.text().strip()
        day = parse_birth_date(text, self.ctx.today()) if text else None
        bad = bool(text) and day is None
        self.birth_error.setText(
            self.tr(
                "⚠ “%1” is not a date of birth (for example 1990-01-31); it is left off."
            ).replace("%1", text[:40])
            if bad
            else ""
        )
        self.birth_error.setVisible(bad)
        return day.isoformat() if day is not None else ""

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    # --- the period ------------------------------------------------------------------------

    def set_period(self, key: str) -> None:
        self.period.setCurrentIndex(self.period.findData(key))

    def set_custom_period(self, first: date, last: date) -> None:
        self.set_period("custom")
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)
        self.refresh()

    def chosen_period(self) -> tuple[date, date]:
        first, last = _pydate(self.first.date()), _pydate(self.last.date())
        return (first, last) if first <= last else (last, first)

    def _period_changed(self) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)
        if not custom:
            today = self.ctx.today()
            first = today - timedelta(days=27) if key == "4w" else today - timedelta(days=90)
            for edit, day in ((self.first, first), (self.last, today)):
                edit.blockSignals(True)
                edit.setDate(_qdate(day))
                edit.blockSignals(False)
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.refresh()

    # --- building and previewing -----------------------------------------------------------

    def refresh(self) -> None:
        first, last = self.chosen_period()
        try:
            self.data = build_report_for(
                first,
                last,
                self.ctx.zone,
                self.ctx.day_start,
                self.ctx.today(),
                include_notes=self.notes.isChecked(),
                person_name=self.name.text(),
                birth_date=self.birth_date(),
                tr=tr,
            )
        except EmptyPeriod:
            self.data = None
            self.pages = None
            self.status.setText(
                self.tr("Nothing was logged from %1 to %2: choose another period.")
                .replace("%1", day_text(first))
                .replace("%2", day_text(last))
            )
        else:
            self.pages = ReportPages(self.data, self.page_size)
            count = self.pages.page_count
            text = self.tr("%n page(s)", "", count)
            if self.data.has_red_flags:
                text = self.tr("⚠ Warning signs from your symptom checks are on page 1. ") + text
            self.status.setText(text)
        self.save_button.setEnabled(self.pages is not None)
        self.print_button.setEnabled(self.pages is not None)
        self._show_preview()

    def _show_preview(self) -> None:
        for label in self.preview_labels:
            self.preview_layout.removeWidget(label)
            label.deleteLater()
        self.preview_labels = []
        if self.pages is None:
            return
        for index, image in enumerate(self.pages.render_images(PREVIEW_DPI)):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(index + 1)))
            label.setFrameShape(QLabel.Shape.Box)
            self.preview_layout.addWidget(label)
            self.preview_labels.append(label)

    # --- saving and printing ---------------------------------------------------------------

    def _save_clicked(self) -> None:
        first, last = self.chosen_period()
        suggested = Path.home() / f"liptwitch-report-{first.isoformat()}-{last.isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report as PDF"), str(suggested), self.tr("PDF files (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> bool:
        if self.data is None:
            return False
        try:
            write_report_pdf(self.data, path, self.page_size)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Report not saved"),
                self.tr("The report could not be written to %1:\n%2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc)),
            )
            return False
        self.status.setText(self.tr("Saved to %1").replace("%1", str(path)))
        return True

    def print_report(self) -> None:
        # Printing support is loaded only when someone prints (start-up budget).
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.pages is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(self.page_size)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Paint every page on an already set-up QPrinter."""
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QPageLayout

        assert self.pages is not None
        printer.setFullPage(True)
        printer.setPageLayout(
            QPageLayout(
                self.pages.page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)
            )
        )
        self.pages.paint_on(printer)
