"""Issue 15, feedback for every action: backup, restore, edit, undo, redo and the exports
each say what happened; the import's summary speaks of what the file held; a broken file
is said in words; file dialogs start in a folder that exists."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from liptwitch_desktop.app.bootstrap import build_main
from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.ui import feedback

from .test_data_actions import answer_modals, close_box, make_actions


def window(ctx, qtbot):
    main = build_main(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.install_shortcuts()
    return main


def status(main) -> str:
    return main.statusBar().currentMessage()


def test_backup_and_restore_say_what_happened(ctx, qtbot) -> None:
    main = window(ctx, qtbot)
    settings = main.show_page("settings")
    settings.backup_now()
    assert status(main).startswith("Backup taken: ")
    assert str(ctx.backup_dir) in status(main)
    main.statusBar().clearMessage()
    assert settings.restore(settings.backup_list.item(0).data(256))
    assert status(main).startswith("Restored the backup liptwitch-")


def test_undo_and_redo_say_what_they_did(ctx, qtbot) -> None:
    main = window(ctx, qtbot)
    main.controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250), "Log water")
    main.actions_by_name["undo"].trigger()
    assert status(main) == "Undone: Log water"
    main.actions_by_name["redo"].trigger()
    assert status(main) == "Redone: Log water"


def test_an_edit_says_it_was_saved(ctx, qtbot, monkeypatch) -> None:
    from liptwitch_desktop.ui.dialogs.episode_dialog import EpisodeDialog

    main = window(ctx, qtbot)
    episode = main.controller.add(
        Episode(started_at=ctx.clock.now() - timedelta(hours=1), duration_s=60)
    )
    monkeypatch.setattr(EpisodeDialog, "exec", lambda self: (self.accept(), 1)[1])
    main.entries._edit_episode(episode)
    assert status(main).startswith("Episode changed")


def test_log_export_says_how_many_and_where(ctx, qtbot, tmp_path: Path) -> None:
    main = window(ctx, qtbot)
    main.controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    log = main.show_page("log")
    target = tmp_path / "log.csv"
    count = log.export_csv(target)
    assert count == 1
    assert status(main) == f"Exported 1 entry to {target}"


def test_import_summary_counts_what_the_file_held(ctx, qtbot, tmp_path: Path) -> None:
    actions = make_actions(ctx, qtbot, tmp_path)
    ctx_now = ctx.clock.now()
    from liptwitch_desktop.store.entries import add_intake

    add_intake(Intake(ctx_now, IntakeKind.WATER, "", water_ml=250))
    texts: list[str] = []
    export = tmp_path / "mine.json"
    answer_modals([close_box(texts)], lambda: actions.export_to(export, csv=False))
    data = json.loads(export.read_text("utf-8"))
    data["intakes"].append(dict(data["intakes"][0], water_ml=500))
    export.write_text(json.dumps(data), "utf-8")
    actions.ask_open_path = lambda: export
    texts.clear()
    answer_modals([close_box(texts)], actions.import_button.click)
    first_line = texts[0].splitlines()[0]
    assert first_line.startswith("The file held 2 entries: 1 added, 1 already in your log")


def test_a_broken_file_is_said_in_words(ctx, qtbot, tmp_path: Path) -> None:
    actions = make_actions(ctx, qtbot, tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "liptwitch-export",\n "episodes": [}', "utf-8")
    actions.ask_open_path = lambda: broken
    texts: list[str] = []
    answer_modals([close_box(texts)], actions.import_button.click)
    text = texts[0].splitlines()[0]
    assert "broken.json is damaged or is not a LipTwitch export" in text
    assert "Expecting" not in text and "column" not in text


def test_file_dialogs_start_in_a_folder_that_exists(monkeypatch, tmp_path: Path) -> None:
    missing = tmp_path / "Documents"
    monkeypatch.setattr(
        QStandardPaths, "writableLocation", staticmethod(lambda _where: str(missing))
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    assert feedback.start_folder() == str(tmp_path)
    missing.mkdir()
    assert feedback.start_folder() == str(missing)
