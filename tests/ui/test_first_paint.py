from PySide6.QtWidgets import QWidget

from liptwitch_desktop.ui.first_paint import after_first_paint


def test_callbacks_run_once_after_the_first_paint_in_order(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    calls: list[str] = []
    after_first_paint(widget, lambda: calls.append("first"))
    after_first_paint(widget, lambda: calls.append("second"))
    after_first_paint(widget, lambda: calls.append("ahead"), before_others=True)
    assert calls == []  # nothing runs before the widget is painted
    widget.show()
    qtbot.waitUntil(lambda: len(calls) == 3)
    assert calls == ["ahead", "first", "second"]
    widget.update()
    qtbot.wait(50)
    assert len(calls) == 3  # once only, not on later paints
