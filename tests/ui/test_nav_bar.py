"""The sidebar: a click, the arrow keys and Ctrl+1..5 all open a page; one stays pressed."""

from PySide6.QtCore import Qt

from .test_log_flow import make_window


def test_click_arrows_and_shortcuts_switch_pages(ctx, qtbot):
    window = make_window(ctx, qtbot)
    window.install_shortcuts()
    nav = window.nav
    assert [b.text() for b in nav.buttons] == [
        "Today",
        "Log",
        "Trends",
        "Triage",
        "Settings",
        "Experiment",
    ]
    assert nav.current_row() == 0 and nav.buttons[0].isChecked()

    qtbot.mouseClick(nav.buttons[1], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.pages["log"]
    assert [b.isChecked() for b in nav.buttons] == [False, True, False, False, False, False]

    nav.buttons[1].setFocus()
    qtbot.keyClick(nav.buttons[1], Qt.Key.Key_Up)  # like radio buttons: moves and opens
    assert window.stack.currentWidget() is window.pages["today"]
    assert nav.buttons[0].hasFocus()

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["settings"]
    assert nav.current_row() == 4 and nav.buttons[4].isChecked()
    assert nav.buttons[4].toolTip() == "Settings (Ctrl+5)"


def test_every_page_has_a_bundled_icon_and_a_theme_name(ctx, qtbot):
    """The Experiment page came without one: Qt warned "Cannot open file" at every start."""
    from liptwitch_desktop.core.resources import icon_path
    from liptwitch_desktop.ui.nav_bar import THEME_ICONS

    window = make_window(ctx, qtbot)
    for key in window.pages:
        assert icon_path(f"nav-{key}.svg").is_file(), key
        assert key in THEME_ICONS, key
