""" "Test this": a button beside a trend factor or a ranked cause that opens the experiment
start with that change chosen. The window does the opening (`TestsChanges`), so the pages
that show the buttons need no wiring beyond placing the bar."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

Params = dict[str, str | int | float]
# At most this many, two to a row: the bar must never widen the page it sits on.
MAX_LINKS = 4
COLUMNS = 2


@runtime_checkable
class TestsChanges(Protocol):
    def test_change(self, change_id: str, params: Params | None = None) -> object: ...


class TestThisBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("test_this_bar")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(
            self.tr("Find out for sure: test one of these changes in a planned experiment.")
        )
        self.label.setWordWrap(True)
        self.grid.addWidget(self.label, 0, 0, 1, COLUMNS)
        self.buttons: dict[str, QPushButton] = {}
        self.hide()

    def set_links(self, links: Iterable[tuple[str, str, Params]]) -> None:
        """(button text, change id, params) for each change worth testing."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons = {}
        for text, change_id, params in links:
            if change_id in self.buttons or len(self.buttons) >= MAX_LINKS:
                continue
            button = QPushButton(text)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setObjectName(f"test_this_{change_id}")
            button.setToolTip(self.tr("Plan an experiment that tests this change"))
            button.clicked.connect(lambda _=False, c=change_id, p=params: self.request(c, p))
            n = len(self.buttons)
            self.buttons[change_id] = button
            self.grid.addWidget(button, 1 + n // COLUMNS, n % COLUMNS)
        self.setVisible(bool(self.buttons))

    def request(self, change_id: str, params: Params) -> object:
        """Open the start for this change in the main window. From inside a dialog (the
        triage wizard, window-modal over the window), it opens once the dialog is closed,
        so the result on screen is not lost and the start is not hidden behind it."""
        own = self.window()
        if isinstance(own, TestsChanges):
            return own.test_change(change_id, params)
        main = _main_window(own)
        if main is None:
            return None
        if isinstance(own, QDialog):
            own.finished.connect(lambda _code: main.test_change(change_id, params))
            self.label.setText(
                self.tr(
                    "The experiment opens when you close this result (save it first if you "
                    "want to keep it)."
                )
            )
            return own
        return main.test_change(change_id, params)

    # --- what feeds it ----------------------------------------------------------------------

    def set_findings(self, findings: Iterable[Any]) -> None:
        """Trends: each factor the analysis could judge that a change would test."""
        from ...core.analysis.findings import Verdict
        from ...core.experiment.suggest import change_for_factor

        links: list[tuple[str, str, Params]] = []
        for f in findings:
            if "@" in f.factor_id:
                continue  # "the day before": the same-day factor offers the same change
            mapped = change_for_factor(f.factor_id)
            if mapped is None or f.verdict is Verdict.NOT_ENOUGH_DATA:
                continue
            label = self.tr("Test this: {factor}").format(factor=f.label)
            links.append((label, mapped[0], mapped[1]))
        self.set_links(links)

    def set_causes(self, cause_ids: Iterable[str]) -> None:
        """Triage: each ranked cause a change would test, as the knowledge base words it."""
        from ...core.experiment.suggest import changes_for_cause
        from ...core.knowledge import load_knowledge
        from .texts import tr

        kb = load_knowledge()
        links: list[tuple[str, str, Params]] = []
        for cause_id in cause_ids:
            for change_id in changes_for_cause(cause_id, kb.experiments)[:1]:
                choice = kb.experiment(change_id)
                text = self.tr("Test: {change}").format(change=tr(choice.label))
                links.append((text, change_id, {}))
        self.set_links(links)


def _main_window(widget: QWidget | None) -> TestsChanges | None:
    """The nearest window up the parents that can open the experiment start."""
    while widget is not None:
        window = widget.window()
        if isinstance(window, TestsChanges):
            return window
        widget = window.parentWidget()
    return None
