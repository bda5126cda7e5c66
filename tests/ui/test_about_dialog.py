"""Help → About: version, the disclaimer, every source the content cites, the licence."""

from __future__ import annotations

import re
import tomllib

from PySide6.QtWidgets import QLabel

from liptwitch_desktop import __version__
from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.resources import knowledge_dir
from liptwitch_desktop.ui.about_dialog import AboutDialog, load_sources
from liptwitch_desktop.ui.main_window import DISCLAIMER, MainWindow

from ..modal import with_modal

FACTS_SOURCE_IDS = {
    "nih-ods-mg",
    "fda-caffeine",
    "efsa-caffeine",
    "efsa-mg",
    "acog-caffeine",
    "usda-fdc",
    "nhs-twitches",
    "nhs-bells-palsy",
    "nhs-stroke",
    "stroke-fast",
    "nice-mnd",
    "drake-2013",
    "endo-adrenal",
    "article",
}


def cited_source_ids() -> set[str]:
    """Every id the knowledge base cites in a `sources` list."""
    cited: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    cited.update(str(v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in knowledge_dir().glob("*.toml"):
        if path.name != "sources.toml":
            walk(tomllib.loads(path.read_text("utf-8")))
    return cited


def test_sources_cover_facts_and_everything_cited():
    ids = {s.id for s in load_sources()}
    assert ids >= FACTS_SOURCE_IDS
    assert cited_source_ids() <= ids


def test_about_from_the_help_menu_shows_everything(ctx, qtbot):
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    seen: dict[str, str] = {}

    def read_and_close(dialog) -> None:
        assert isinstance(dialog, AboutDialog)
        seen["title"] = dialog.windowTitle()
        seen["text"] = dialog.text()
        seen["html"] = dialog.body.toHtml()
        dialog.reject()

    assert with_modal(read_and_close, window.actions_by_name["about"].trigger) == ["AboutDialog"]
    text = seen["text"]
    assert seen["title"] == "About LipTwitch"
    assert re.sub(r"\s+", " ", DISCLAIMER) in re.sub(r"\s+", " ", text)
    assert "GPL-3.0-or-later" in text
    assert str(ctx.data_dir) in text
    for source in load_sources():
        assert source.title in text, source.id
        assert f"[{source.id}]" not in text  # no internal ids for the reader (issue 15)
    assert "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/" in seen["html"]


def test_about_shows_the_version(ctx, qtbot):
    dialog = AboutDialog(ctx, DISCLAIMER)
    qtbot.addWidget(dialog)
    titles = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(f"LipTwitch {__version__}" in title for title in titles)
