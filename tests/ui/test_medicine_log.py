from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.log_rows import RowKind
from liptwitch_desktop.store.medicines import list_medicines
from liptwitch_desktop.ui.main_window import MainWindow

from ..modal import with_modal


def make_window(ctx, qtbot):
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def save(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_new_medicine_from_today_in_one_click_then_edit_delete_undo(ctx, qtbot):
    window = make_window(ctx, qtbot)
    button = window.page("today").quick_buttons["new_medicine"]
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)

    def fill(dialog):
        dialog.name.setText("Salbutamol inhaler")
        dialog.dose.setText("100 µg")
        dialog.frequency.setText("as needed")
        dialog.started.setDate(QDate(2026, 3, 1))
        dialog.reason.setText("asthma")
        save(dialog)

    opened = with_modal(fill, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
    assert opened == ["MedicineDialog"]
    [medicine] = list_medicines()
    assert medicine.name == "Salbutamol inhaler" and medicine.stopped is None
    assert changes == ["medicine"]

    log = window.show_page("log")
    log.set_kind(RowKind.MEDICINE)
    assert log.model.rowCount() == 1
    assert log.model.index(0, 0).data() == "1 Mar 2026"
    assert "Salbutamol inhaler — 100 µg, as needed (for asthma)" in log.model.index(0, 2).data()
    assert log.model.index(0, 3).data() == "taking it"

    log.table.selectRow(0)

    def stop(dialog):
        dialog.taking.setChecked(False)
        dialog.stopped.setDate(QDate(2026, 3, 9))
        save(dialog)

    assert with_modal(stop, log.edit_selected) == ["MedicineDialog"]
    [edited] = list_medicines()
    assert edited.stopped == date(2026, 3, 9)
    assert log.model.index(0, 3).data() == "stopped 2026-03-09"

    log.table.selectRow(0)
    log.delete_selected()
    assert list_medicines() == []
    window.controller.undo_stack.undo()
    assert list_medicines() == [edited]
    window.controller.undo_stack.undo()  # the edit
    assert list_medicines()[0].stopped is None


def test_dialog_refuses_missing_name_and_stop_before_start(ctx, qtbot):
    window = make_window(ctx, qtbot)
    messages = {}

    def fill_badly(dialog):
        dialog.started.setDate(QDate(2026, 3, 5))
        dialog.taking.setChecked(False)
        dialog.stopped.setDate(QDate(2026, 3, 1))
        save(dialog)
        messages["name"] = dialog.errors.message("name")
        messages["stopped"] = dialog.errors.message("stopped")
        assert dialog.isVisible()
        dialog.reject()

    with_modal(fill_badly, window.entries.new_medicine)
    assert "name" in messages["name"]
    assert "before the start" in messages["stopped"]
    assert list_medicines() == []


def test_shortcut_opens_the_medicine_dialog(ctx, qtbot):
    window = make_window(ctx, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def cancel(dialog):
        dialog.reject()

    opened = with_modal(
        cancel,
        lambda: qtbot.keyClick(
            window,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
    )
    assert opened == ["MedicineDialog"]
