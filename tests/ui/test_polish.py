"""Issue 15, polish that people notice: each point a person would see, checked."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel

from liptwitch_desktop.app.bootstrap import build_main
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.ui.appearance import dark_palette
from liptwitch_desktop.ui.banners import Banner
from liptwitch_desktop.ui.colours import error_colour
from liptwitch_desktop.ui.dialogs.episode_dialog import EpisodeDialog
from liptwitch_desktop.ui.report_dialog import ReportDialog, parse_birth_date
from liptwitch_desktop.ui.timeedit import to_qdatetime

from .test_tray import OFFSCREEN_TRAY, window  # noqa: F401 (a fixture)


def test_window_title_names_the_app_once(ctx, qtbot) -> None:
    main = build_main(ctx)
    qtbot.addWidget(main)
    assert main.windowTitle() == "LipTwitch"  # equal to the display name: nothing appended
    ctx.demo = True
    demo = build_main(ctx)
    qtbot.addWidget(demo)
    assert demo.windowTitle() == "Demo data"  # shown as "Demo data — LipTwitch"
    assert "LipTwitch" not in demo.windowTitle()


@OFFSCREEN_TRAY
def test_demo_and_real_tray_tooltips_differ(ctx, window, service, qtbot) -> None:  # noqa: F811
    from liptwitch_desktop.ui.tray import TrayController

    settings = window.controllers.settings
    real = TrayController(ctx, window, service, settings, tray_available=True)
    assert real.icon.toolTip() == "LipTwitch"
    ctx.demo = True
    demo = TrayController(ctx, window, service, settings, tray_available=True)
    assert demo.icon.toolTip() == "LipTwitch (demo data)"
    for tray in (real, demo):
        tray.shutdown()


def test_error_text_is_red_in_light_and_dark_not_the_highlight(ctx, qtbot) -> None:
    dialog = EpisodeDialog(ctx.clock.now, ctx.zone)
    qtbot.addWidget(dialog)
    error = dialog.findChild(QLabel, "error_started_at")
    assert "highlight" not in error.styleSheet()
    assert QColor(error_colour()).red() > 150
    old = QApplication.palette()
    QApplication.setPalette(dark_palette())
    try:
        dark = QColor(error_colour())
        assert dark.red() > 200 and dark.lightness() > 150  # readable on the dark window
    finally:
        QApplication.setPalette(old)
    assert "highlight" not in dialog.storage_error.styleSheet()


def test_banner_icon_is_an_icon_not_a_letter(qtbot) -> None:
    banner = Banner("x", "Something to say", "info")
    qtbot.addWidget(banner)
    icon = banner.findChildren(QLabel)[0]
    assert icon.text() == "" and not icon.pixmap().isNull()


def test_a_corrected_future_time_clears_its_warning(ctx, qtbot) -> None:
    dialog = EpisodeDialog(ctx.clock.now, ctx.zone)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.started.setDateTime(to_qdatetime(ctx.clock.now() + timedelta(hours=3), ctx.zone))
    dialog.accept()
    error = dialog.findChild(QLabel, "error_started_at")
    assert dialog.isVisible() and error.isVisible() and error.text()
    dialog.started.setDateTime(to_qdatetime(ctx.clock.now() - timedelta(hours=1), ctx.zone))
    assert not error.isVisible()


def test_other_drink_opens_empty(ctx, qtbot) -> None:
    main = build_main(ctx)
    qtbot.addWidget(main)
    dialog = main.entries.intake_dialog(IntakeKind.CAFFEINE)
    qtbot.addWidget(dialog)
    assert dialog.label_edit.text()  # a preset fills it in
    dialog.choose_other_drink()
    assert dialog.label_edit.text() == "" and dialog.amount.value() == 0
    assert dialog.label_edit.isEnabled()


def test_date_of_birth_refuses_impossible_dates(ctx, qtbot) -> None:
    today = ctx.today()
    assert parse_birth_date("31/02/1990", today) is None
    assert parse_birth_date("1990-02-31", today) is None
    assert parse_birth_date("2999-01-01", today) is None
    assert parse_birth_date("28/02/1990", today).isoformat() == "1990-02-28"
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.birth.setText("31/02/1990")
    assert dialog.birth_date() == ""
    assert "is not a date of birth" in dialog.birth_error.text()
    dialog.birth.setText("1990-01-31")
    assert dialog.birth_date() == "1990-01-31" and dialog.birth_error.isHidden()


def test_the_log_csv_keeps_tags(ctx, qtbot, tmp_path) -> None:
    import csv

    from liptwitch_desktop.core.entries import Episode

    main = build_main(ctx)
    qtbot.addWidget(main)
    main.controller.add(
        Episode(
            started_at=ctx.clock.now() - timedelta(hours=2),
            duration_s=30,
            tags=("after coffee", "tired"),
        )
    )
    log = main.show_page("log")
    target = tmp_path / "log.csv"
    assert log.export_csv(target) == 1
    with target.open(encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["tags"] == "after coffee; tired"


def test_log_columns_show_cut_text_in_a_tooltip(ctx, qtbot) -> None:
    from PySide6.QtCore import Qt as QtNS

    from liptwitch_desktop.core.entries import Episode

    main = build_main(ctx)
    qtbot.addWidget(main)
    main.controller.add(
        Episode(started_at=ctx.clock.now() - timedelta(hours=2), duration_s=30, activity="x" * 80)
    )
    log = main.show_page("log")
    what = log.model.index(0, 2)
    assert log.model.data(what, QtNS.ItemDataRole.ToolTipRole) == what.data()
    assert "x" * 80 in what.data()


def test_settings_has_a_title_aligned_labels_and_narrow_time_fields(ctx, qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QTimeEdit

    from .. import wiring

    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    assert page.findChild(QLabel, "settings_title").text() == "Settings"
    lefts = set()
    for form in page.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if field and label and label.widget() and label.widget().text():
                lefts.add(field.widget().mapTo(page, field.widget().rect().topLeft()).x())
    assert len(lefts) <= 2  # one field column (the reminders' boxes sit one level in)
    cutoff = page.editors["caffeine_cutoff"]
    assert isinstance(cutoff, QTimeEdit) and cutoff.width() < 200


def test_one_is_singular_in_the_import_summary(ctx, qtbot, tmp_path) -> None:
    import json

    from liptwitch_desktop.core.entries import Intake
    from liptwitch_desktop.store.entries import add_intake

    from .test_data_actions import answer_modals, close_box, make_actions

    actions = make_actions(ctx, qtbot, tmp_path)
    add_intake(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    export = tmp_path / "one.json"
    texts: list[str] = []
    answer_modals([close_box(texts)], lambda: actions.export_to(export, csv=False))
    assert texts[0].startswith("1 entry exported to:")
    data = json.loads(export.read_text("utf-8"))
    data["intakes"].append(dict(data["intakes"][0], water_ml=500))
    export.write_text(json.dumps(data), "utf-8")
    actions.ask_open_path = lambda: export
    texts.clear()
    answer_modals([close_box(texts)], actions.import_button.click)
    assert texts[0].splitlines()[0] == (
        "The file held 2 entries: 1 added, 1 already in your log (skipped)."
    )
    assert "1 entries" not in texts[0] and "1 settings" not in texts[0]


def test_the_sidebar_has_icons_after_the_first_paint_with_bundled_fallbacks(ctx, qtbot) -> None:
    from PySide6.QtGui import QIcon

    from liptwitch_desktop.core.resources import icon_path

    main = build_main(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.painted)
    keys = [spec.key for spec in main.page_specs]
    for button, key in zip(main.nav.buttons, keys, strict=True):
        assert not button.icon().isNull(), key
        bundled = QIcon(str(icon_path(f"nav-{key}.svg")))
        assert not bundled.pixmap(20, 20).isNull(), key  # renders without any theme
