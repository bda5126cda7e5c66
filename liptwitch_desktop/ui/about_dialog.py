"""About LipTwitch: version, what the app is not, the sources its content follows, licence.

The sources come from resources/knowledge/sources.toml (the ids the knowledge base cites, from
FACTS.md), so the list here is the list the content really uses.
"""

from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.resources import icon_path, knowledge_dir
from ..runtime.context import AppContext
from .screen_fit import resize_within_screen

LICENCE = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    url: str = ""
    note: str = ""


def load_sources(path: Path | None = None) -> list[Source]:
    path = path or knowledge_dir() / "sources.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return [
        Source(
            id=str(item["id"]),
            title=str(item["title"]),
            publisher=str(item.get("publisher", "")),
            url=str(item.get("url", "")),
            note=str(item.get("note", "")),
        )
        for item in data.get("source", [])
    ]


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, disclaimer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        resize_within_screen(self, 620, 560)
        icon = QLabel()
        svg = icon_path("liptwitch.svg")
        if svg.exists():
            icon.setPixmap(QIcon(str(svg)).pixmap(64, 64))
        title = QLabel(f"<h2>{APP_NAME} {html.escape(__version__)}</h2>")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addWidget(title, 1)

        self.sources = load_sources()
        self.body = QTextBrowser()
        self.body.setOpenExternalLinks(True)
        self.body.setAccessibleName(self.tr("About LipTwitch"))
        self.body.setHtml(self._html(ctx, disclaimer))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        layout.addWidget(buttons)

    def _html(self, ctx: AppContext, disclaimer: str) -> str:
        e = html.escape
        parts = [
            f"<p><b>{e(self.tr(disclaimer))}</b></p>",
            "<p>"
            + e(
                self.tr(
                    "Your data stays on this computer; the app sends nothing anywhere. "
                    "It is kept in: %1"
                ).replace("%1", str(ctx.data_dir))
            )
            + "</p>",
            f"<h3>{e(self.tr('Sources'))}</h3>",
            "<p>"
            + e(
                self.tr(
                    "The advice follows these sources. Where the original article disagrees "
                    "with them, the app follows the source and says so."
                )
            )
            + "</p><ul>",
        ]
        for source in self.sources:
            title = e(source.title)
            if source.url:
                title = f'<a href="{e(source.url, quote=True)}">{title}</a>'
            publisher = f" — {e(source.publisher)}" if source.publisher else ""
            note = f"<br><i>{e(source.note)}</i>" if source.note else ""
            parts.append(f"<li>{title}{publisher}{note}</li>")  # no internal ids
        parts.append("</ul>")
        parts.append(f"<h3>{e(self.tr('Licence'))}</h3>")
        parts.append(
            "<p>"
            + e(
                self.tr(
                    "LipTwitch is free software: you can redistribute it and/or modify it under "
                    "the terms of the GNU General Public License, version 3 or (at your option) "
                    "any later version. It comes with no warranty."
                )
            )
            + f' (<a href="{LICENCE_URL}">{LICENCE}</a>)</p>'
        )
        from ..platform.logging_setup import log_file

        where = log_file()
        if where is not None:
            parts.append(
                "<p>"
                + e(self.tr("The app's log (for bug reports): %1").replace("%1", str(where)))
                + "</p>"
            )
        return "\n".join(parts)

    def text(self) -> str:
        return self.body.toPlainText()
