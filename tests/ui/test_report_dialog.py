"""The report dialog driven for real: choose a period, preview, save, print to a file."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.store.settings import all_settings
from liptwitch_desktop.ui.main_window import MainWindow
from liptwitch_desktop.ui.report_dialog import ReportDialog
from tests.pdf_text import pdf_text

from ..modal import with_modal


def test_choose_period_preview_and_save(ctx, qtbot, tmp_path):
    today = ctx.today()
    insert_demo(generate(today, 120, ctx.zone))
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_period() == (today - timedelta(days=27), today)
    assert dialog.save_button.isEnabled()
    assert len(dialog.preview_labels) == dialog.pages.page_count >= 2
    assert not dialog.preview_labels[0].pixmap().isNull()

    dialog.period.setCurrentIndex(dialog.period.findData("3m"))
    assert dialog.chosen_period() == (today - timedelta(days=90), today)
    assert dialog.data.headline.days_in_period == 91

    dialog.name.setText("Жанна Петрова")  # QTest cannot type Cyrillic keys
    dialog.name.editingFinished.emit()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Space)
    assert dialog.data.person_name == "Жанна Петрова" and dialog.data.include_notes

    out = tmp_path / "mine.pdf"
    assert dialog.save_pdf(out)
    assert "Жанна Петрова" in pdf_text(out)
    assert "Saved to" in dialog.status.text()
    # The name is printed, never stored.
    assert "Жанна" not in repr(all_settings())


def test_a_period_with_nothing_logged_says_so_and_cannot_be_saved(ctx, qtbot):
    insert_demo(generate(ctx.today(), 30, ctx.zone))
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_custom_period(date(2020, 1, 1), date(2020, 2, 1))
    assert "Nothing was logged" in dialog.status.text()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert dialog.preview_labels == []


def test_print_to_a_pdf_printer(ctx, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    insert_demo(generate(ctx.today(), 30, ctx.zone))
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    assert "summary for the doctor" in pdf_text(tmp_path / "printed.pdf")


def test_menu_action_opens_the_dialog(ctx, qtbot):
    insert_demo(generate(ctx.today(), 30, ctx.zone))
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    assert "doctor_report" in window.page("today").quick_buttons

    def close(dialog):
        assert dialog.pages is not None
        dialog.reject()

    assert with_modal(close, window.actions_by_name["doctor_report"].trigger) == ["ReportDialog"]
