"""The Settings page's data actions, driven through their real buttons and dialogs."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.bulk import is_empty
from liptwitch_desktop.store.entries import add_episode, add_intake
from liptwitch_desktop.ui.data_actions import DataActions, DeleteAllDialog
from tests import wiring


def answer_modals(interactions: list[Callable[[QDialog], None]], trigger: Callable[[], object]):
    """Run `trigger`; answer each modal dialog it opens, in order. Returns their class names."""
    seen: list[str] = []
    pending = list(interactions)
    last: list[QDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if (
            isinstance(dialog, QDialog)
            and not isinstance(dialog, QProgressDialog)  # the import's own: it goes away
            and dialog.isVisible()
            and (not last or dialog is not last[-1])
        ):
            seen.append(type(dialog).__name__)
            last.append(dialog)
            pending.pop(0)(dialog)
        if pending:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    trigger()
    return seen


def close_box(texts: list[str]) -> Callable[[QDialog], None]:
    def interact(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        texts.append(
            "\n".join([dialog.text(), dialog.informativeText(), dialog.detailedText() or ""])
        )
        dialog.accept()

    return interact


def log_some(ctx) -> None:
    now = ctx.clock.now()
    add_episode(Episode(now - timedelta(hours=2), intensity=6, duration_s=60))
    add_intake(Intake(now - timedelta(hours=3), IntakeKind.CAFFEINE, "Coffee", caffeine_mg=95))


def make_actions(ctx, qtbot, tmp_path: Path) -> DataActions:
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    page.show()
    actions = page.data_actions
    actions.ask_save_path = lambda suggested, _filter: tmp_path / suggested
    return actions


def test_settings_page_offers_the_data_actions(ctx, qtbot, tmp_path):
    actions = make_actions(ctx, qtbot, tmp_path)
    assert actions.parent() is not None
    for button in (
        actions.export_json_button,
        actions.export_csv_button,
        actions.import_button,
        actions.delete_button,
    ):
        assert button.isVisibleTo(actions.window()) and button.text()


def test_export_json_and_csv_through_the_buttons(ctx, qtbot, tmp_path):
    log_some(ctx)
    actions = make_actions(ctx, qtbot, tmp_path)
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.export_json_button.click)
    exported = tmp_path / "liptwitch-export-2026-03-10.json"
    assert len(json.loads(exported.read_text("utf-8"))["episodes"]) == 1
    assert "2 entries exported" in texts[0]
    answer_modals([close_box(texts)], actions.export_csv_button.click)
    assert (tmp_path / "liptwitch-export-2026-03-10.zip").is_file()


def test_import_restores_an_export_and_refreshes_views(ctx, qtbot, tmp_path):
    log_some(ctx)
    actions = make_actions(ctx, qtbot, tmp_path)
    answer_modals([close_box([])], actions.export_json_button.click)
    actions.ask_open_path = lambda: tmp_path / "liptwitch-export-2026-03-10.json"
    from liptwitch_desktop.store.transfer.export_import import delete_all_data

    delete_all_data(ctx.db_path, ctx.backup_dir, ctx.today())
    assert is_empty()
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.import_button.click)
    assert not is_empty()
    assert changes == ["all"]
    assert "The file held 2 entries: 2 added." in texts[0]


def test_a_rejected_import_names_the_items_and_writes_nothing(ctx, qtbot, tmp_path):
    log_some(ctx)
    actions = make_actions(ctx, qtbot, tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "liptwitch-export",
                "format_version": 1,
                "episodes": [{"started_at": "2026-03-09T10:00:00Z", "intensity": 4}],
                "intakes": [{"taken_at": "2026-03-09T08:00:00Z", "kind": "whisky"}],
                "checkins": [{"day": "2026-13-01"}],
            }
        ),
        "utf-8",
    )
    actions.ask_open_path = lambda: bad
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)
    texts: list[str] = []
    assert answer_modals([close_box(texts)], actions.import_button.click) == ["QMessageBox"]
    assert "2 items were rejected, so nothing was imported" in texts[0]
    assert "intakes #2" not in texts[0]
    assert "intakes #1 (2026-03-09T08:00:00Z whisky): unknown kind 'whisky'" in texts[0]
    assert "checkins #1 (2026-13-01): day '2026-13-01' is not a date" in texts[0]
    assert changes == []
    from liptwitch_desktop.store.transfer.export_import import collect_export

    assert len(collect_export(ctx.clock.now())["episodes"]) == 1  # the test's own, no more


def test_broken_json_gets_a_clear_message(ctx, qtbot, tmp_path):
    actions = make_actions(ctx, qtbot, tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "liptwitch-export",\n "episodes": [}', "utf-8")
    actions.ask_open_path = lambda: broken
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.import_button.click)
    assert "not valid JSON (line 2, column" in texts[0]
    assert "Nothing was imported" in texts[0]


def test_delete_all_needs_the_typed_word_and_takes_a_backup(ctx, qtbot, tmp_path):
    log_some(ctx)
    actions = make_actions(ctx, qtbot, tmp_path)
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)

    def cancel_after_a_wrong_word(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteAllDialog)
        qtbot.keyClicks(dialog.confirm, "delete please")
        assert not dialog.delete_button.isEnabled()
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # Enter does not delete either
        assert dialog.isVisible()
        dialog.reject()

    answer_modals([cancel_after_a_wrong_word], actions.delete_button.click)
    assert not is_empty() and changes == []

    def click_after_typing(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteAllDialog)
        qtbot.keyClicks(dialog.confirm, "DELETE")
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Backspace)  # one letter short again
        assert dialog.confirm.text() == "DELET"
        assert not dialog.delete_button.isEnabled()
        dialog.reject()

    answer_modals([click_after_typing], actions.delete_button.click)
    assert not is_empty()

    def type_the_word(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteAllDialog)
        qtbot.keyClicks(dialog.confirm, "DELETE")
        assert dialog.delete_button.isEnabled()
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # the keyboard path

    texts: list[str] = []
    seen = answer_modals([type_the_word, close_box(texts)], actions.delete_button.click)
    assert seen == ["DeleteAllDialog", "QMessageBox"]
    assert is_empty()
    assert changes == ["all"]
    [kept] = backup.list_backups(ctx.backup_dir)
    assert str(kept.path) in texts[0]


def _big_export(path: Path, episodes: int) -> None:
    start = 1_773_000_000 - episodes * 60
    items = [
        {
            "started_at": datetime.fromtimestamp(start + 60 * n, UTC)
            .isoformat()
            .replace("+00:00", "Z"),
            "intensity": 1 + n % 10,
            "duration_s": 30,
        }
        for n in range(episodes)
    ]
    path.write_text(
        json.dumps({"format": "liptwitch-export", "format_version": 1, "episodes": items}),
        "utf-8",
    )


def test_the_import_runs_off_the_gui_thread_and_cancel_leaves_nothing(ctx, qtbot, tmp_path):
    """Item 8: a progress dialog, a GUI that stays live, and Cancel that writes nothing."""
    import threading

    from PySide6.QtCore import Qt as QtNS

    actions = make_actions(ctx, qtbot, tmp_path)
    actions.progress_delay_ms = 0
    big = tmp_path / "big.json"
    _big_export(big, 6000)
    actions.ask_open_path = lambda: big
    threads: set[int] = set()
    ticks: list[int] = []
    ticker = QTimer()
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start(1)

    pressed = threading.Event()

    def watch(runner) -> None:  # type: ignore[no-untyped-def]
        def where(done: int, _total: int) -> None:  # called in the thread that emits
            threads.add(threading.get_ident())
            if done >= 1000:  # hold the import here until the person has pressed Cancel
                pressed.wait(10)

        # Queued to a QObject of the GUI thread (posted first: `where` then holds the worker).
        runner.progressed.connect(person.press_cancel)
        runner.progressed.connect(where, QtNS.ConnectionType.DirectConnection)

    class Person(QObject):
        def press_cancel(self, done: int, _total: int) -> None:
            assert threading.get_ident() == gui_thread
            if done >= 1000 and not pressed.is_set():
                actions.progress_dialog.findChild(QPushButton).click()  # "Cancel"
                pressed.set()

    gui_thread = threading.get_ident()
    person = Person()

    actions.import_started.connect(watch)
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.import_button.click)
    ticker.stop()
    assert threads and threading.get_ident() not in threads, "the import ran on the GUI thread"
    assert ticks, "the GUI thread was blocked during the import"
    assert "cancelled" in texts[0] and "Nothing was imported" in texts[0]
    assert is_empty()


def test_a_long_import_shows_its_progress_and_finishes(ctx, qtbot, tmp_path):
    actions = make_actions(ctx, qtbot, tmp_path)
    actions.progress_delay_ms = 0
    big = tmp_path / "big.json"
    _big_export(big, 3000)
    actions.ask_open_path = lambda: big
    shown: list[tuple[int, bool]] = []

    class Eyes(QObject):  # in the GUI thread: sees the dialog as the person does
        def look(self, _done: int, total: int) -> None:
            try:
                visible = actions.progress_dialog.isVisible()
            except RuntimeError:  # already gone: the import has ended
                visible = False
            shown.append((total, visible))

    eyes = Eyes()
    actions.import_started.connect(lambda runner: runner.progressed.connect(eyes.look))
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.import_button.click)
    assert shown and shown[-1][0] == 2 * 3000  # checks and writes, item by item
    assert any(visible for _total, visible in shown)
    assert "The file held 3000 entries: 3000 added." in texts[0]
